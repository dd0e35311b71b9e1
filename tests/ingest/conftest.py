"""Real files for the reader tests, written with openpyxl, xlwt, pandas/odf, csv, or by hand.

Nothing here uses the project's template writer: each test builds the file a unit might send.
"""

import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlrd
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from orchestration import reference
from orchestration.ingest.model import Message, ParsedFile

TITLE = "东西湖区科技创新提能工作月度进展报表"
HEADER = ["序号", "指标编码", "指标名称", "计量单位", "年度目标", "本月完成", "累计完成", "进展情况说明"]
PROJECT_HEADER = ["序号", "项目编码", "项目名称", "所属指标", "进展状态", "说明"]


def measure_row(seq: int, code: str, month: object, ytd: object, note: str = "", unit: str = "S06") -> list:
    measure = reference.measures(2021)[code]
    target = next((a.target for a in reference.assignments_for(2021, unit) if a.measure_code == code), None)
    return [seq, code, measure.name, measure.uom, target, month, ytd, note]


def s06_rows() -> list[list]:
    """金银湖街's measures, filled in the way a clerk would."""
    values = {"I01": (None, 12.5), "I02": (1, 5), "I04": (2, 10), "I08": (0, 1), "I09": (3, 6)}
    values |= {"I10": (0, 1), "T01-2": (0, 0), "T01-3": (1, 1), "T04-2": ("/", "/")}
    return [measure_row(i, code, *values[code]) for i, code in enumerate(values, 1)]


def progress_sheet(
    rows: list[list] | None = None,
    unit: str = "金银湖街",
    unit_code: str = "S06",
    period: object = "2021-06",
    version: object = "3",
    header: list | None = None,
) -> list[list]:
    return [
        [TITLE],
        ["填报单位", unit, "单位编码", unit_code],
        ["报送月份", period, "模板版本", version],
        ["填报人", "张三", "联系电话", "13800000000"],
        header or HEADER,
        *(s06_rows() if rows is None else rows),
    ]


def template_sheets(**kwargs) -> dict[str, list[list]]:
    """The generated template as filled in: progress, projects and the hidden _meta sheet."""
    projects = [PROJECT_HEADER] + [
        [i, d.code, d.name, d.measure_code, "推进中", ""]
        for i, d in enumerate(reference.deliverables_for(2021, "S06"), 1)
    ]
    meta = [["template_version", "3"], ["unit_code", "S06"], ["unit_name", "金银湖街"], ["period", "2021-06"]]
    return {"月度进展": progress_sheet(**kwargs), "重点项目": projects, "_meta": meta}


class Percent(float):
    """A cell written as a percentage: its value a fraction (0.14 shows as 14%)."""


class ErrorCell(str):
    """A cell holding a spreadsheet error ("#DIV/0!"), as a failed formula's result is saved."""


def write_xlsx(
    path: Path,
    sheets: dict[str, list[list]],
    merged: dict[str, list[str]] | None = None,
    states: dict[str, str] | None = None,
) -> Path:
    """An .xlsx by openpyxl; Percent cells formatted 0.0%, sheets named _... hidden, `states` as given
    ("hidden", "veryHidden")."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, 1):
            sheet.append([float(v) if isinstance(v, Percent) else v for v in row])
            for c, value in enumerate(row, 1):
                if isinstance(value, Percent):
                    sheet.cell(r, c).number_format = "0.0%"
        for area in (merged or {}).get(name, []):
            sheet.merge_cells(area)
        if name.startswith("_"):
            sheet.sheet_state = "hidden"
        sheet.sheet_state = (states or {}).get(name, sheet.sheet_state)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


_XLS_ERROR_CODES = {text: code for code, text in xlrd.error_text_from_code.items()}


def write_xls(path: Path, sheets: dict[str, list[list]], hidden: tuple[str, ...] = ()) -> Path:
    """An .xls by xlwt; Percent cells formatted 0.0%, ErrorCell cells as error records."""
    book = xlwt.Workbook(encoding="utf-8")
    percent = xlwt.easyxf(num_format_str="0.0%")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        sheet.visibility = 1 if name in hidden or name.startswith("_") else 0
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, ErrorCell):
                    sheet.row(r).set_cell_error(c, _XLS_ERROR_CODES[value])
                elif isinstance(value, Percent):
                    sheet.write(r, c, float(value), percent)
                elif value is not None:
                    sheet.write(r, c, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(path))
    return path


def _ods_cell(value: object) -> TableCell:
    if value is None or value == "":
        return TableCell()
    if isinstance(value, Percent):
        cell = TableCell(valuetype="percentage", value=float(value))
    elif isinstance(value, int | float) and not isinstance(value, bool):
        cell = TableCell(valuetype="float", value=value)
    else:
        cell = TableCell(valuetype="string")
    cell.addElement(P(text=str(value)))
    return cell


def write_ods_cells(path: Path, sheets: dict[str, list[list]]) -> Path:
    """An .ods by odfpy, each cell typed as LibreOffice types it (Percent cells as percentages)."""
    document = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        for row in rows:
            table_row = TableRow()
            for value in row:
                table_row.addElement(_ods_cell(value))
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def write_ods(path: Path, sheets: dict[str, list[list]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="odf") as writer:
        for name, rows in sheets.items():
            pd.DataFrame(rows).to_excel(writer, sheet_name=name, header=False, index=False)
    return path


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows([["" if v is None else v for v in row] for row in rows])
    return path


def codes(parsed: ParsedFile) -> list[str]:
    return [m.code for m in parsed.messages]


def only(parsed: ParsedFile, code: str) -> Message:
    found = [m for m in parsed.messages if m.code == code]
    assert len(found) == 1, f"expected one {code}, got {parsed.messages}"
    return found[0]


def values(parsed: ParsedFile) -> dict[str, tuple[float | None, float | None]]:
    return {r.measure_code: (r.month_value, r.ytd_value) for r in parsed.rows}


@pytest.fixture
def month_dir(tmp_path: Path) -> Path:
    """raw/2021-06/, the folder June's files are received in."""
    folder = tmp_path / "raw" / "2021-06"
    folder.mkdir(parents=True)
    return folder
