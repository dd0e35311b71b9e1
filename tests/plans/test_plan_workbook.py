"""The plan workbook: the 2021 plan round-trips exactly, edits the office makes come back, and a
broken workbook is reported with the sheet, row and column to look at.

Expected values come from the transcription CSVs (orchestration/plans/default/2021), read here
directly, not from the code under test."""

import csv
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from orchestration.plans.store import default_plan
from orchestration.plans.tables import TABLES
from orchestration.plans.workbook import PlanMessage, read_workbook, write_workbook
from tests.plans.workbooks import edit

CSV_DIR = Path(__file__).resolve().parents[2] / "orchestration" / "plans" / "default" / "2021"
MATRIX = "附件2 任务清单"


def transcribed(table: str) -> list[dict[str, str]]:
    with (CSV_DIR / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def workbook(tmp_path) -> Path:
    path = tmp_path / "方案.xlsx"
    write_workbook(
        default_plan(),
        2021,
        path,
        title="东西湖区科技创新提能行动实施方案",
        document_number="武临开办〔2021〕1号",
    )
    return path


def matrix_cell(ws, unit_code: str, column_no: str, measure_code: str):
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == unit_code)
    col = next(
        c
        for c in range(3, ws.max_column + 1)
        if ws.cell(2, c).value == measure_code and str(ws.cell(1, c).value).startswith(f"第{column_no}列")
    )
    return ws.cell(row, col)


def errors_at(path: Path, sheet: str) -> list[PlanMessage]:
    return [m for m in read_workbook(path).messages if m.severity == "error" and m.sheet == sheet]


def test_the_2021_plan_comes_back_exactly_with_its_year_and_no_messages(workbook):
    reading = read_workbook(workbook)
    assert reading.year == 2021
    assert reading.messages == []
    for table in TABLES:
        assert reading.plan[table.name] == transcribed(table.name), table.name


def test_the_workbook_has_the_instructions_then_a_sheet_per_table_with_the_matrix(workbook):
    wb = openpyxl.load_workbook(workbook)
    assert wb.sheetnames[0] == "说明"
    assert (wb["说明"]["A2"].value, wb["说明"]["B2"].value) == ("方案年度", 2021)
    assert wb["说明"]["B4"].value == "武临开办〔2021〕1号"
    assert {"单位", "指标", "全区目标", MATRIX, "附件2分解（明细）"} <= set(wb.sheetnames)
    assert [c.value for c in wb["单位"][2]] == ["unit_code", "unit_name", "unit_type", "annex2_row", "source"]
    assert wb["单位"]["A1"].value == "单位编码"
    units_in_matrix = [wb[MATRIX].cell(r, 1).value for r in range(4, wb[MATRIX].max_row + 1)]
    assert units_in_matrix == list(dict.fromkeys(r["unit_code"] for r in transcribed("plan_allocations")))
    s01_column_1 = next(
        r for r in transcribed("plan_allocations") if r["unit_code"] == "S01" and r["column_no"] == "1"
    )
    assert (
        matrix_cell(wb[MATRIX], "S01", "1", s01_column_1["measure_code"]).value == s01_column_1["cell_text"]
    )


def test_a_changed_year_cell_gives_the_new_year(workbook):
    edit(workbook, lambda wb: wb["说明"].__setitem__("B2", 2022))
    assert read_workbook(workbook).year == 2022


def test_a_changed_district_target_value_comes_back(workbook):
    first = transcribed("plan_district_targets")[0]
    assert first["target_value"] != "16"
    edit(workbook, lambda wb: wb["全区目标"].__setitem__("D3", 16))
    reading = read_workbook(workbook)
    assert reading.plan["plan_district_targets"][0] == {**first, "target_value": "16"}
    assert reading.messages == []


def test_a_changed_matrix_cell_replaces_the_cell_text_and_the_allocated_value(workbook):
    allocations = transcribed("plan_allocations")
    target = next(r for r in allocations if r["cell_text"] == "2")
    key = (target["unit_code"], target["column_no"], target["measure_code"])
    edit(workbook, lambda wb: setattr(matrix_cell(wb[MATRIX], *key), "value", "3"))
    reading = read_workbook(workbook)
    read = {(r["unit_code"], r["column_no"], r["measure_code"]): r for r in reading.plan["plan_allocations"]}
    assert read[key] == {**target, "cell_text": "3", "allocated_value": "3", "is_allocated": "true"}
    others = [
        r
        for r in reading.plan["plan_allocations"]
        if (r["unit_code"], r["column_no"], r["measure_code"]) != key
    ]
    assert others == [r for r in allocations if r is not target]


def test_a_matrix_cell_set_to_slash_is_not_allocated(workbook):
    target = next(r for r in transcribed("plan_allocations") if r["cell_text"] == "14%")
    key = (target["unit_code"], target["column_no"], target["measure_code"])
    edit(workbook, lambda wb: setattr(matrix_cell(wb[MATRIX], *key), "value", "/"))
    read = {
        (r["unit_code"], r["column_no"], r["measure_code"]): r
        for r in read_workbook(workbook).plan["plan_allocations"]
    }
    assert (read[key]["cell_text"], read[key]["allocated_value"], read[key]["is_allocated"]) == (
        "/",
        "",
        "false",
    )


def test_columns_may_be_moved_because_the_code_row_is_read(workbook):
    edit(workbook, lambda wb: wb["单位"].insert_cols(1))
    reading = read_workbook(workbook)
    assert reading.plan["plan_units"] == transcribed("plan_units")
    assert [m for m in reading.messages if m.severity == "error"] == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_libreoffice_resaved_copy_comes_back_exactly(workbook, tmp_path):
    out = tmp_path / "resaved"
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reading = read_workbook(out / workbook.name)
    assert reading.year == 2021
    assert reading.messages == []
    for table in TABLES:
        assert reading.plan[table.name] == transcribed(table.name), table.name


def test_a_deleted_sheet_is_named(workbook):
    edit(workbook, lambda wb: wb.remove(wb["重点项目"]))
    (message,) = errors_at(workbook, "重点项目")
    assert "重点项目" in message.located_zh()


def test_a_deleted_column_is_named(workbook):
    edit(workbook, lambda wb: wb["指标"].delete_cols(6))  # kind
    messages = errors_at(workbook, "指标")
    assert any("kind" in m.text_zh and "指标类型" in m.text_zh for m in messages)


def test_a_duplicated_measure_code_names_both_rows(workbook):
    first = transcribed("plan_measures")[0]["measure_code"]
    edit(workbook, lambda wb: wb["指标"].__setitem__("A4", first))
    (message,) = [m for m in errors_at(workbook, "指标") if "重复" in m.text_zh]
    assert (message.row, message.column) == (4, "A")
    assert "第3行" in message.text_zh and first in message.text_zh


def test_a_unit_in_the_matrix_not_on_the_units_sheet_is_located(workbook):
    edit(workbook, lambda wb: wb[MATRIX].__setitem__("A4", "X99"))
    messages = [m for m in errors_at(workbook, MATRIX) if "X99" in m.text_zh]
    assert [(m.row, m.column) for m in messages] == [(4, "A")]
    assert messages[0].located_zh().startswith("工作表“附件2 任务清单”第4行A列：")


def test_an_owner_naming_an_unknown_unit_is_located(workbook):
    edit(workbook, lambda wb: wb["牵头与责任单位"].__setitem__("C3", "D99"))
    (message,) = errors_at(workbook, "牵头与责任单位")
    assert (message.row, message.column) == (3, "C")
    assert "D99" in message.text_zh


def test_a_target_value_that_is_not_a_number_is_located(workbook):
    edit(workbook, lambda wb: wb["全区目标"].__setitem__("D3", "abc"))
    (message,) = errors_at(workbook, "全区目标")
    assert (message.row, message.column) == (3, "D")
    assert "abc" in message.text_zh and "数字" in message.text_zh


def test_a_year_in_chinese_numerals_is_an_error_and_no_year(workbook):
    edit(workbook, lambda wb: wb["说明"].__setitem__("B2", "二〇二二"))
    reading = read_workbook(workbook)
    assert reading.year is None
    (message,) = [m for m in reading.messages if m.sheet == "说明"]
    assert (message.severity, message.row, message.column) == ("error", 2, "B")


def test_a_kind_outside_its_vocabulary_is_located(workbook):
    edit(workbook, lambda wb: wb["指标"].__setitem__("F3", "ratio"))
    (message,) = errors_at(workbook, "指标")
    assert (message.row, message.column) == (3, "F")


def test_an_unknown_extra_sheet_is_only_a_warning(workbook):
    edit(workbook, lambda wb: wb.create_sheet("草稿"))
    reading = read_workbook(workbook)
    assert [(m.severity, m.sheet) for m in reading.messages] == [("warning", "草稿")]
    assert reading.plan == default_plan()


def test_located_zh_leaves_out_what_is_not_known():
    assert PlanMessage("error", "指标", 5, "C", "错").located_zh() == "工作表“指标”第5行C列：错"
    assert PlanMessage("error", "指标", None, None, "错").located_zh() == "工作表“指标”：错"
    assert PlanMessage("error", None, None, None, "错").located_zh() == "错"
