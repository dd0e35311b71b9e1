"""A value typed in the wrong unit of measure, or a hundred times its target, is held back for
checking (待核实): published and named in the unit's feedback with its cell, but not counted as
done, ranked or summed, until the office confirms it; then it counts."""

import subprocess
import sys
from pathlib import Path

import pytest

from orchestration.cli.refresh import months_to_refresh, run_refresh
from orchestration.report.build import write_report
from tests.conftest import use_directories
from tests.reliability.hostile import filled_template
from tineng_demo.year import generate_demo

PERIOD = "2021-06"
UNIT = "D02"  # 区科经局: sole owner of 技术合同成交额 (28 亿元) and 规上工业高新技术企业净增数 (3 家)
WRONG_UOM = ("I07", 15000.0)  # typed in 万元 where the template asks for 亿元
HUNDRED_FOLD = ("I03", 300.0)  # a hundred times the target of 3


def _values(code: str) -> tuple[float, float]:
    typed = dict([WRONG_UOM, HUNDRED_FOLD])
    if code in typed:
        return 0, typed[code]
    return 1, 2


def _refresh() -> None:
    outcome = run_refresh(months_to_refresh(None))
    assert outcome.success and outcome.published, outcome.failures


@pytest.fixture(scope="module")
def held(tmp_path_factory):
    root = tmp_path_factory.mktemp("value-review")
    with pytest.MonkeyPatch.context() as patch:
        space = use_directories(root / "raw", root / "warehouse", patch)
        generate_demo(space.raw, through=PERIOD)
        # the unit sends a correction of its June report: a new file, later than the first
        filled_template(space.raw / PERIOD / f"{PERIOD}_{UNIT}_区科经局_更正.xlsx", UNIT, PERIOD, _values)
        _refresh()
        yield space


def _scorecard(space, code):
    return space.query(
        "select status, ytd_value, rank_in_measure from marts.mart_unit_scorecard"
        " where period = ? and unit_code = ? and measure_code = ?",
        [PERIOD, UNIT, code],
    )[0]


def test_wrong_unit_and_hundredfold_values_are_held_back_not_counted(held):
    for code, typed in (WRONG_UOM, HUNDRED_FOLD):
        status, ytd, rank = _scorecard(held, code)
        assert (status, ytd, rank) == ("待核实", typed, None)
        (district,) = held.query(
            "select status from marts.mart_district_progress where period = ? and measure_code = ?",
            [PERIOD, code],
        )
        assert district == ("待核实",)
    reasons = dict(
        held.query(
            "select measure_code, reason_zh from marts.mart_value_review where period = ? and unit_code = ?",
            [PERIOD, UNIT],
        )
    )
    assert "疑为按万元填报" in reasons["I07"]
    assert "是年度目标 3 的 100 倍" in reasons["I03"]
    (to_verify,) = held.query(
        "select measures_to_verify from marts.mart_bulletin_unit_status where period = ? and unit_code = ?",
        [PERIOD, UNIT],
    )[0]
    assert to_verify == 2
    (measures_done,) = held.query(
        "select measures_done from marts.mart_bulletin_summary where period = ?", [PERIOD]
    )[0]
    district_done = held.query(
        "select measure_code from marts.mart_district_progress where period = ? and status_group = 'met'",
        [PERIOD],
    )
    assert (
        measures_done == len(district_done)
        and ("I03",) not in district_done
        and ("I07",) not in district_done
    )


def test_the_unit_feedback_names_the_cell_and_the_bulletin_lists_it(held, tmp_path):
    written = write_report(PERIOD, tmp_path)
    feedback = next(p for p in written.feedback if p.name.startswith(UNIT) and p.suffix == ".html")
    text = feedback.read_text(encoding="utf-8")
    (sheet, row_no) = held.query(
        "select sheet, row_no from marts.fct_progress where period = ? and unit_code = ? and measure_code = 'I07'",
        [PERIOD, UNIT],
    )[0]
    assert f"工作表“{sheet}”第 {row_no} 行“累计完成”栏" in text
    assert "疑为按万元填报" in text and "待核实 2 项" in text
    page = written.html.read_text(encoding="utf-8")
    assert "待核实2项（数值疑似填错，未计入）" in page


def test_a_confirmed_value_counts_at_the_next_refresh(held):
    tineng = str(Path(sys.executable).parent / "tineng")
    listed = subprocess.run([tineng, "confirm-value"], capture_output=True, text=True, check=True)
    assert "技术合同成交额" in listed.stdout and "规上工业高新技术企业净增数" in listed.stdout
    refused = subprocess.run(
        [tineng, "confirm-value", UNIT, PERIOD, "I03", "--by", "王科长"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 2 and "--why" in refused.stderr
    confirmed = subprocess.run(
        [
            tineng,
            "confirm-value",
            UNIT,
            PERIOD,
            "I03",
            "--by",
            "王科长",
            "--why",
            "新认定企业集中入库，已核实",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "已确认" in confirmed.stdout
    _refresh()
    status, ytd, rank = _scorecard(held, "I03")
    assert (status, ytd) == ("完成", 300.0) and rank == 1
    assert _scorecard(held, "I07")[0] == "待核实"
    (reason, is_confirmed) = held.query(
        "select confirmation_reason, is_confirmed from marts.mart_value_review"
        " where period = ? and unit_code = ? and measure_code = 'I03'",
        [PERIOD, UNIT],
    )[0]
    assert (reason, is_confirmed) == ("新认定企业集中入库，已核实", True)
    # who confirmed stays in the ledger, out of the warehouse
    columns = held.query(
        "select table_name, column_name from information_schema.columns"
        " where table_name in ('mart_value_review', 'value_confirmations', 'int_value_outliers')"
    )
    assert columns and not [c for c in columns if c[1] in ("confirmed_by", "reporter")]
