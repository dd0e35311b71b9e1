"""Given a year of demo submissions in raw/, a refresh lands every file and fills every mart.

The demo generator writes what units really send (late files, corrections, .xls/.csv/.ods,
hand-edited layouts, two files that must be rejected); these tests check what the warehouse
makes of them against the files themselves.
"""

import hashlib
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from orchestration import settings
from orchestration.cli.refresh import months_to_refresh, run_refresh
from tests.conftest import Workspace, use_directories
from tineng_demo.year import generate_demo


def _raw_digest(raw: Path) -> dict[str, str]:
    return {
        p.relative_to(raw).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in raw.rglob("*")
        if p.is_file()
    }


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    root = tmp_path_factory.mktemp("year")
    with pytest.MonkeyPatch.context() as patch:
        space: Workspace = use_directories(root / "raw", root / "warehouse", patch)
        generate_demo(space.raw, through="2021-12")
        before = _raw_digest(space.raw)
        outcome = run_refresh(months_to_refresh(None))
        yield space, outcome, before


def test_refresh_succeeds_without_error_findings(year):
    _, outcome, _ = year
    assert outcome.success, outcome.failures
    assert outcome.published
    assert not outcome.blocking_failures


def test_raw_files_are_never_modified(year):
    space, _, before = year
    assert _raw_digest(space.raw) == before


def test_every_file_is_registered_with_its_received_time(year):
    space, _, before = year
    rows = space.query("select path, received_at, status from marts.fct_submission")
    visible = {p for p in before if not Path(p).name.startswith(".")}
    assert {r[0] for r in rows} == visible
    shanghai = ZoneInfo(settings.TIMEZONE)
    for path, received_at, _ in rows:
        mtime = datetime.fromtimestamp((space.raw / path).stat().st_mtime, shanghai).replace(tzinfo=None)
        assert abs((received_at - mtime).total_seconds()) < 1, path


def test_late_files_are_judged_by_the_due_date(year):
    space, _, _ = year
    rows = space.query(
        "select period, received_at, is_late from marts.fct_submission where status != 'duplicate'"
    )
    late = 0
    for period, received_at, is_late in rows:
        year_no, month = map(int, period.split("-"))
        due = date(year_no + month // 12, month % 12 + 1, settings.submission_due_day())
        assert is_late == (received_at.date() > due), (period, received_at)
        late += is_late
    assert late > 0


def test_a_correction_supersedes_the_earlier_file(year):
    space, _, _ = year
    corrections = space.query(
        "select file_id, unit_code, period, is_current from marts.fct_submission where file_name like '%更正%'"
    )
    assert corrections
    for file_id, unit_code, period, is_current in corrections:
        assert is_current
        earlier = space.query(
            "select is_superseded, superseded_by from marts.fct_submission"
            " where unit_code = ? and period = ? and file_id != ? and status != 'rejected'",
            [unit_code, period, file_id],
        )
        assert earlier == [(True, file_id)]
        used = space.query(
            "select distinct file_id from marts.fct_progress where unit_code = ? and period = ?",
            [unit_code, period],
        )
        assert used == [(file_id,)]


def test_rejected_files_say_where_and_why(year):
    space, _, _ = year
    rejected = space.query("select file_id, file_name from marts.fct_submission where status = 'rejected'")
    assert rejected
    for file_id, file_name in rejected:
        errors = space.query(
            "select message_zh, message_en from marts.fct_submission_message where file_id = ? and severity = 'error'",
            [file_id],
        )
        assert errors, file_name
        assert all(zh and en for zh, en in errors)


def test_other_formats_and_hand_edited_files_land(year):
    space, _, _ = year
    by_suffix = dict(
        space.query(
            """
            select regexp_extract(file_name, '\\.([a-z]+)$', 1) as suffix, count(*)
            from marts.fct_submission
            where status in ('accepted', 'accepted_with_warnings')
              and file_id in (select file_id from marts.fct_progress)
            group by 1
            """
        )
    )
    assert {"xls", "csv", "ods", "xlsx"} <= set(by_suffix)


def test_every_unit_every_month_is_scored(year):
    space, _, _ = year
    periods = space.query("select count(distinct period) from marts.mart_unit_scorecard")
    assert periods == [(12,)]
    units = space.query("select count(distinct unit_code) from marts.mart_unit_scorecard")
    assert units == [(21,)]
    statuses = {r[0] for r in space.query("select distinct status from marts.mart_unit_scorecard")}
    assert {"完成", "达到序时进度", "低于序时进度"} <= statuses
    compliance = dict(space.query("select status, count(*) from marts.mart_submission_compliance group by 1"))
    assert compliance.get("on_time", 0) > 0 and compliance.get("late", 0) > 0


def test_district_figures_sum_units_but_never_rates(year):
    space, _, _ = year
    (summed,) = space.query(
        """
        select d.ytd_value, (select sum(ytd_value) from marts.mart_unit_scorecard s
                             where s.period = d.period and s.measure_code = d.measure_code)
        from marts.mart_district_progress d where period = '2021-12' and measure_code = 'I04'
        """
    )
    assert summed[0] == summed[1] and summed[0] > 0
    assert space.query(
        "select aggregation, ytd_value from marts.mart_district_progress where period = '2021-12' and measure_code = 'I01'"
    ) == [("not_aggregated", None)]
    owner = space.query(
        """
        select d.ytd_value = p.ytd_value from marts.mart_district_progress d
        join marts.fct_progress p on p.period = d.period and p.measure_code = d.measure_code and p.unit_code = 'D02'
        where d.period = '2021-12' and d.measure_code = 'I07'
        """
    )
    assert owner == [(True,)]


def test_a_second_refresh_with_nothing_new_changes_nothing(year):
    space, first, _ = year
    scorecard = space.query("select * from marts.mart_unit_scorecard order by all")
    again = run_refresh(months_to_refresh(None))
    assert again.published
    assert again.ingest["files_new"] == 0
    assert again.ingest["already_registered"] == first.ingest["files_found"]
    assert space.query("select * from marts.mart_unit_scorecard order by all") == scorecard


def test_a_rejected_file_counts_in_the_same_month_everywhere(year):
    space, _, _ = year
    rejected = space.query(
        "select folder_period, unit_code from marts.fct_submission where status = 'rejected'"
    )
    assert rejected
    for folder, unit in rejected:
        compliance = space.query(
            "select period from marts.mart_submission_compliance where unit_code = ? and files_rejected > 0",
            [unit],
        )
        assert (folder,) in compliance
        (counted,) = space.query(
            "select files_rejected from marts.mart_bulletin_summary where period = ?", [folder]
        )[0]
        in_compliance = space.query(
            "select sum(files_rejected) from marts.mart_submission_compliance where period = ?", [folder]
        )[0][0]
        assert counted == in_compliance
