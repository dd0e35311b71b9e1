"""Next year's plan loaded by the office, end to end: export the 2021 plan, edit it in a
spreadsheet program, check it, add it; 2022's templates carry the new targets, a filled 2022
template is scored against them, and 2021's scores do not move.

Expected targets come from the plan text (附件1: 技术合同成交额 28 亿元, which 区科经局 carries
alone; 建设孵化器 1 个, which 现代服务业办 carries alone) and from the edits the tests make.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import openpyxl
import pytest

from orchestration import settings
from orchestration.submissions import contract
from orchestration.submissions.templates import FIRST_MEASURE_ROW, column_number, header_value_cell

BIN = Path(sys.executable).parent
MATRIX = "附件2 任务清单"


def tineng(*args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([str(BIN / "tineng"), *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def edit_to_2022(exported: Path, edited: Path) -> None:
    """What the office does in Excel: the year to 2022, and two targets raised wherever the plan
    states them: 技术合同成交额 28 -> 30 亿元, 建设孵化器 1 -> 2 个."""
    book = openpyxl.load_workbook(exported)
    book["说明"]["B2"] = 2022
    targets = book["全区目标"]
    names = [cell.value for cell in targets[2]]
    changed = {"I07": ("28", 30), "T02": ("1", 2)}
    for line in targets.iter_rows(min_row=3):
        values = dict(zip(names, line, strict=False))
        code = values["measure_code"].value
        if code in changed and str(values["is_challenge"].value) == "false":
            assert str(values["target_value"].value) == changed[code][0]
            values["target_value"].value = changed[code][1]
    book.save(edited)


def template_targets(folder: Path, unit_code: str) -> dict[str, float]:
    path = next(p for p in folder.iterdir() if f"_{unit_code}_" in p.name)
    sheet = openpyxl.load_workbook(path)[contract.PROGRESS_SHEET]
    code, target = column_number("measure_code"), column_number("annual_target")
    return {
        sheet.cell(r, code).value: sheet.cell(r, target).value
        for r in range(FIRST_MEASURE_ROW, sheet.max_row + 1)
        if sheet.cell(r, code).value
    }


def fill(template: Path, out: Path, ytd: float) -> None:
    """A clerk fills every measure with the same year-to-date and month value."""
    book = openpyxl.load_workbook(template)
    sheet = book[contract.PROGRESS_SHEET]
    sheet.cell(*header_value_cell("reporter")).value = "张三"
    sheet.cell(*header_value_cell("phone")).value = "027-83891234"
    for r in range(FIRST_MEASURE_ROW, sheet.max_row + 1):
        if sheet.cell(r, column_number("measure_code")).value:
            sheet.cell(r, column_number("month_value")).value = ytd
            sheet.cell(r, column_number("ytd_value")).value = ytd
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)


def scores(unit_code: str, period: str) -> dict[str, tuple]:
    with duckdb.connect(str(settings.published_db()), read_only=True) as db:
        rows = db.execute(
            "select measure_code, target_value, ytd_value, completion_pct, status from marts.mart_unit_scorecard"
            " where unit_code = ? and period = ? order by measure_code",
            [unit_code, period],
        ).fetchall()
    return {row[0]: row[1:] for row in rows}


def submit(tmp: Path, period: str, unit_code: str, ytd: float) -> None:
    templates = tmp / f"templates-{period}"
    tineng("templates", "--period", period, "--out", str(templates))
    source = next(p for p in templates.iterdir() if f"_{unit_code}_" in p.name)
    fill(source, settings.raw_dir() / period / source.name, ytd)


@pytest.fixture
def loaded_2021(workspace, own_plans, tmp_path):
    """A deployment with the shipped 2021 plan and one filled 2021 report, refreshed."""
    submit(tmp_path, "2021-01", "D02", 1)
    tineng("run", "--all", "--no-report")
    return scores("D02", "2021-01")


def check_and_add(edited: Path) -> None:
    checked = tineng("plan", "check", str(edited))
    assert "2022年方案：错误0项" in checked.stdout
    tineng("plan", "add", str(edited), "--by", "测试")


def assert_2022_scored_against_the_new_plan(tmp_path: Path, before_2021: dict) -> None:
    templates = tmp_path / "templates-2022-01"
    tineng("templates", "--period", "2022-01", "--out", str(templates))
    assert template_targets(templates, "D02")["I07"] == 30
    assert template_targets(templates, "P06")["T02"] == 2
    source = next(p for p in templates.iterdir() if "_D02_" in p.name)
    fill(source, settings.raw_dir() / "2022-01" / source.name, 3)
    tineng("run", "--no-report")
    assert scores("D02", "2022-01")["I07"][:2] == (30.0, 3.0)
    assert scores("D02", "2021-01") == before_2021
    assert before_2021["I07"][:2] == (28.0, 1.0)


def test_next_years_plan_edited_with_openpyxl_is_loaded_and_scores_2022_only(loaded_2021, tmp_path):
    exported, edited = tmp_path / "方案2021.xlsx", tmp_path / "方案2022.xlsx"
    tineng("plan", "export", "--year", "2021", "--out", str(exported))
    edit_to_2022(exported, edited)
    check_and_add(edited)
    assert_2022_scored_against_the_new_plan(tmp_path, loaded_2021)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_next_years_plan_saved_by_libreoffice_is_loaded_and_scores_2022_only(loaded_2021, tmp_path):
    exported, edited = tmp_path / "方案2021.xlsx", tmp_path / "edited" / "方案2022.xlsx"
    tineng("plan", "export", "--year", "2021", "--out", str(exported))
    edit_to_2022(exported, tmp_path / "方案2022.xlsx")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(edited.parent), str(tmp_path / "方案2022.xlsx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    check_and_add(edited)
    assert_2022_scored_against_the_new_plan(tmp_path, loaded_2021)


def test_templates_for_a_year_without_a_plan_are_refused(workspace, own_plans, tmp_path):
    done = subprocess.run(
        [str(BIN / "tineng"), "templates", "--period", "2023-01", "--out", str(tmp_path / "t")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "2023年方案尚未导入" in done.stderr
    assert not (tmp_path / "t").exists() or not any((tmp_path / "t").iterdir())
