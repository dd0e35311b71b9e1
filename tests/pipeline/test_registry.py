"""The submission ledger: the same bytes twice are one submission, and a rebuild from raw/ and the
ledger changes no received time, status or first sighting."""

import os
import shutil
import sqlite3
import time

import duckdb

from orchestration import settings
from orchestration.cli.refresh import months_to_refresh, run_refresh
from tests.serving.snapshot_checks import results_digest
from tineng_demo.year import DEMO_PHONE, generate_demo

_VERDICTS = "select file_id, received_at, ingested_at, status, version, is_current from marts.fct_submission order by file_id"


def test_same_bytes_twice_are_one_submission_and_phone_numbers_stay_in_the_ledger(workspace):
    generate_demo(workspace.raw, through="2021-01")
    original = workspace.raw / "2021-01" / "2021-01_S02_慈惠街.xlsx"
    shutil.copy2(original, workspace.raw / "2021-01" / "慈惠街1月报表（再次发送）.xlsx")

    first = run_refresh(months_to_refresh(None), report=False)
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

    with sqlite3.connect(settings.ledger_db()) as ledger:
        assert (
            ledger.execute("select count(*) from file_entries where phone = ?", [DEMO_PHONE]).fetchone()[0]
            == 21
        )
    connection = duckdb.connect(str(settings.published_db()), read_only=True)
    try:
        personal = connection.execute(
            "select table_schema, table_name, column_name from information_schema.columns"
            " where column_name ilike '%phone%' or column_name ilike '%reporter%'"
        ).fetchall()
        phone_texts = connection.execute(
            "select count(*) from raw.files where cast(columns(*) as varchar) like ?", [f"%{DEMO_PHONE}%"]
        ).fetchone()[0]
    finally:
        connection.close()
    assert (personal, phone_texts) == ([], 0)


def test_deleting_the_build_and_touching_every_file_changes_no_verdict_or_first_sighting(workspace):
    generate_demo(workspace.raw, through="2021-02")
    first = run_refresh(months_to_refresh(None), report=False)
    assert first.published
    verdicts = workspace.query(_VERDICTS)
    digest = results_digest(settings.published_db())

    shutil.rmtree(settings.build_dir())
    later = time.time() + 86_400 * 30
    for path in workspace.raw.rglob("*"):
        if path.is_file():
            os.utime(path, (later, later))
    rebuilt = run_refresh(months_to_refresh(None), rebuild=True, report=False)

    assert rebuilt.published
    assert (rebuilt.ingest["files_new"], rebuilt.ingest["already_registered"]) == (
        0,
        first.ingest["files_found"],
    )
    assert workspace.query(_VERDICTS) == verdicts
    assert results_digest(settings.published_db()) == digest
