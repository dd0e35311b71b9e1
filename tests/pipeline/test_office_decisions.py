"""The office's decisions from the portal (科经局: 接收, 退回, 逾期说明, 锁定, 重新开放) reach the
warehouse at the next refresh: a returned file stops counting (the month falls back to the unit's
earlier file, or is 已退回 and chased, with the reason), an excused late unit is on time and not
chased, a locked month says so; a rebuild from the ledger gives the same."""

import shutil

import pytest

from orchestration import settings
from orchestration.cli.refresh import months_to_refresh, run_refresh
from orchestration.ledger import store
from orchestration.report.build import write_report
from tests.conftest import use_directories
from tests.reliability.hostile import filled_template
from tineng_demo.year import generate_demo

PERIOD = "2021-06"
RETURNED = "S01"  # 吴家山街: its only June file is returned
RETURNED_FILE = "2021-06_S01_吴家山街.xlsx"
FALLS_BACK = "S03"  # 长青街: its June correction is returned, its first file counts again
FIRST_FILE, CORRECTION = "2021-06_S03_长青街.xlsx", "2021-06_S03_长青街_更正.xlsx"
EXCUSED = "S02"  # 慈惠街: the demo's June report came 3 days late
RETURN_REASON, FALLBACK_REASON = "重点项目表未填写", "更正数据无依据"
EXCUSE_REASON = "单位按时发送邮件，科经局保存附件晚了"
# What mart_submission_compliance says of each decided unit (the columns _compliance reads), after
# the decisions and again after a rebuild from the ledger.
RETURNED_COMPLIANCE = ("已退回", False, None, True, False, None, RETURNED_FILE, RETURN_REASON)
FALLS_BACK_COMPLIANCE = ("按时报送", True, None, False, False, None, CORRECTION, FALLBACK_REASON)
EXCUSED_COMPLIANCE = ("按时报送", True, 3, False, True, EXCUSE_REASON, None, None)


def _refresh(**options) -> None:
    outcome = run_refresh(months_to_refresh(None), **options)
    assert outcome.success and outcome.published, outcome.failures


def _file_id(space, file_name: str) -> str:
    return space.query("select file_id from marts.fct_submission where file_name = ?", [file_name])[0][0]


@pytest.fixture(scope="module")
def decided(tmp_path_factory):
    root = tmp_path_factory.mktemp("office-decisions")
    with pytest.MonkeyPatch.context() as patch:
        space = use_directories(root / "raw", root / "warehouse", patch)
        generate_demo(space.raw, through=PERIOD)
        filled_template(space.raw / PERIOD / CORRECTION, FALLS_BACK, PERIOD)
        _refresh()
        with store.connect(settings.ledger_db()) as ledger:
            for kind, period, unit, file_name, reason, by, at in [
                ("return", PERIOD, RETURNED, RETURNED_FILE, RETURN_REASON, "kjj_wang", "2021-07-06 09:00:00"),
                (
                    "return",
                    PERIOD,
                    FALLS_BACK,
                    CORRECTION,
                    FALLBACK_REASON,
                    "kjj_wang",
                    "2021-07-06 09:05:00",
                ),
                ("excuse", PERIOD, EXCUSED, None, EXCUSE_REASON, "kjj_wang", "2021-07-06 09:10:00"),
                ("lock", "2021-05", None, None, None, "kjj_li", "2021-07-06 10:00:00"),
                ("lock", PERIOD, None, None, None, "kjj_li", "2021-07-06 10:01:00"),
                ("reopen", "2021-05", None, None, None, "kjj_li", "2021-07-06 10:02:00"),
            ]:
                store.record_decision(
                    ledger,
                    kind=kind,
                    period=period,
                    unit_code=unit,
                    file_id=_file_id(space, file_name) if file_name else None,
                    reason=reason,
                    decided_by=by,
                    decided_at=at,
                )
        _refresh()
        yield space


def _compliance(space, unit: str) -> tuple:
    return space.query(
        "select status_zh, current_file_id is not null, days_late, needs_chasing, is_excused, excuse_reason,"
        " returned_file_name, return_reason"
        " from marts.mart_submission_compliance where period = ? and unit_code = ?",
        [PERIOD, unit],
    )[0]


def _chased(space) -> dict[str, tuple]:
    rows = space.query(
        "select unit_code, status_zh, return_reason from marts.mart_bulletin_chase_list where period = ?",
        [PERIOD],
    )
    return {unit: rest for unit, *rest in rows}


def _locks(space) -> list[tuple]:
    return space.query(
        "select period, is_locked, locked_by, cast(locked_at as varchar) from marts.dim_period"
        " where period in ('2021-05', '2021-06') order by period"
    )


def test_the_returned_file_is_not_current_and_the_unit_is_returned_and_chased_with_the_reason(decided):
    (current, review, by, reason) = decided.query(
        "select is_current, review_state_zh, reviewed_by, review_reason from marts.fct_submission where file_name = ?",
        [RETURNED_FILE],
    )[0]
    assert (current, review, by, reason) == (False, "退回", "kjj_wang", RETURN_REASON)
    assert _compliance(decided, RETURNED) == RETURNED_COMPLIANCE
    assert _chased(decided)[RETURNED] == ["已退回", RETURN_REASON]
    statuses = decided.query(
        "select distinct status from marts.mart_unit_scorecard where period = ? and unit_code = ?",
        [PERIOD, RETURNED],
    )
    assert statuses == [("未报送",)]
    (returned, to_chase) = decided.query(
        "select units_returned, units_to_chase from marts.mart_bulletin_summary where period = ?", [PERIOD]
    )[0]
    assert (returned, to_chase) == (1, 1)


def test_a_returned_correction_falls_back_to_the_units_earlier_file(decided):
    files = decided.query(
        "select file_name, is_current, review_state_zh from marts.fct_submission"
        " where period = ? and unit_code = ? order by version",
        [PERIOD, FALLS_BACK],
    )
    assert files == [(FIRST_FILE, True, None), (CORRECTION, False, "退回")]
    progress_files = decided.query(
        "select distinct files.file_name from marts.fct_progress as progress"
        " inner join marts.fct_submission as files on progress.file_id = files.file_id"
        " where progress.period = ? and progress.unit_code = ?",
        [PERIOD, FALLS_BACK],
    )
    assert progress_files == [(FIRST_FILE,)]
    assert _compliance(decided, FALLS_BACK) == FALLS_BACK_COMPLIANCE
    assert FALLS_BACK not in _chased(decided)


def test_the_excused_late_unit_is_on_time_and_not_chased_with_the_reason(decided):
    assert _compliance(decided, EXCUSED) == EXCUSED_COMPLIANCE
    assert EXCUSED not in _chased(decided)
    (on_time, excused, late) = decided.query(
        "select units_on_time, units_excused, units_late from marts.mart_bulletin_summary where period = ?",
        [PERIOD],
    )[0]
    # 21 units: the returned one is not on time; the excused one is, and nobody is late
    assert (on_time, excused, late) == (20, 1, 0)


def test_the_locked_month_shows_locked_by_whom_and_when_and_the_reopened_one_does_not(decided):
    assert _locks(decided) == [
        ("2021-05", False, None, None),
        ("2021-06", True, "kjj_li", "2021-07-06 10:01:00"),
    ]


def test_every_decision_is_listed_in_chinese_with_whether_it_stands(decided):
    rows = decided.query(
        "select kind_zh, period_label, unit_name, file_name, reason, decided_by, is_standing"
        " from marts.fct_office_decision order by decision_id"
    )
    assert rows == [
        ("退回", "2021年6月", "吴家山街", RETURNED_FILE, RETURN_REASON, "kjj_wang", True),
        ("退回", "2021年6月", "长青街", CORRECTION, FALLBACK_REASON, "kjj_wang", True),
        ("逾期已说明", "2021年6月", "慈惠街", None, EXCUSE_REASON, "kjj_wang", True),
        ("锁定月份", "2021年5月", None, None, None, "kjj_li", False),
        ("锁定月份", "2021年6月", None, None, None, "kjj_li", True),
        ("重新开放月份", "2021年5月", None, None, None, "kjj_li", True),
    ]


def test_the_bulletin_and_the_units_feedback_name_the_return_and_excuse_reasons(decided, tmp_path):
    written = write_report(PERIOD, tmp_path)
    page = written.html.read_text(encoding="utf-8")
    assert f"已退回1个（吴家山街：{RETURN_REASON}）" in page
    assert f"慈惠街逾期3天已说明：{EXCUSE_REASON}" in page
    assert f"科经局退回“{CORRECTION}”：{FALLBACK_REASON}" in page
    feedback = next(p for p in written.feedback if p.name.startswith(RETURNED) and p.suffix == ".html")
    text = feedback.read_text(encoding="utf-8")
    assert f"科经局退回“{RETURNED_FILE}”：{RETURN_REASON}" in text and f"退回：{RETURN_REASON}" in text


def test_a_rebuild_from_the_ledger_gives_the_same_decisions(decided):
    shutil.rmtree(settings.build_dir())
    _refresh(rebuild=True)
    assert _compliance(decided, RETURNED) == RETURNED_COMPLIANCE
    assert _compliance(decided, FALLS_BACK) == FALLS_BACK_COMPLIANCE
    assert _compliance(decided, EXCUSED) == EXCUSED_COMPLIANCE
    assert RETURNED in _chased(decided) and EXCUSED not in _chased(decided)
    assert _locks(decided)[1] == ("2021-06", True, "kjj_li", "2021-07-06 10:01:00")
