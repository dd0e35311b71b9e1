"""The file registry: the same bytes twice are one submission, and a rebuild from raw/ converges."""

import shutil

from orchestration import settings
from orchestration.cli.refresh import months_to_refresh, run_refresh
from orchestration.submissions.demo import generate_demo
from tests.serving.snapshot_checks import results_digest


def test_same_bytes_twice_are_one_submission_and_all_rebuilds_the_same(workspace):
    generate_demo(workspace.raw, through="2021-01")
    original = workspace.raw / "2021-01" / "2021-01_S02_慈惠街.xlsx"
    shutil.copy2(original, workspace.raw / "2021-01" / "慈惠街1月报表（再次发送）.xlsx")

    first = run_refresh(months_to_refresh(None))
    assert first.published
    rows = workspace.query(
        "select file_name, status, duplicate_of is not null, is_current from marts.fct_submission"
        " where unit_code = 'S02' or file_name like '%慈惠街%' order by received_at, file_name"
    )
    assert sorted(r[1] for r in rows) == ["accepted", "duplicate"]
    assert [r[3] for r in rows if r[1] == "accepted"] == [True]
    assert workspace.query(
        "select count(*) from marts.mart_submission_compliance where unit_code = 'S02' and period = '2021-01'"
        " and files_received = 1 and status = 'on_time'"
    ) == [(1,)]

    digest = results_digest(settings.published_db())
    rebuilt = run_refresh(months_to_refresh(None), rebuild=True)
    assert rebuilt.published
    assert rebuilt.ingest["files_new"] + rebuilt.ingest["duplicates"] == first.ingest["files_found"]
    assert results_digest(settings.published_db()) == digest
