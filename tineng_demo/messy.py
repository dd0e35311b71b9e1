"""What units send instead of the clean template: hand edits of a filled submission, and the
file formats of other office software.

An edit takes the sheets as the template lays them out (rows of cell values, None for an empty
cell) and returns them as someone changed them; a writer saves them as .xlsx, .xls, .csv or .ods.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime
from html import escape
from pathlib import Path

import xlwt
from openpyxl import Workbook

from orchestration import reference
from orchestration.submissions import contract, templates

Grid = list[list[object]]

_CODE = templates.column_number("measure_code") - 1
_MONTH = templates.column_number("month_value") - 1
_YTD = templates.column_number("ytd_value") - 1
_FIRST = templates.FIRST_MEASURE_ROW - 1
_HEADER = templates.PROGRESS_HEADER_ROW - 1
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass(frozen=True)
class Sheets:
    """The visible sheets of a submission; merges are (first row, first column, last row, last
    column), 1-based, on the progress sheet."""

    progress: Grid
    deliverables: Grid
    merges: tuple[tuple[int, int, int, int], ...] = ()


def plain_number(value: float) -> str:
    """A number as Excel shows it in a General cell: 12, 3.5, 0.42."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _copy(grid: Grid) -> Grid:
    return [list(row) for row in grid]


def _measure_rows(grid: Grid) -> list[tuple[list[object], reference.Measure]]:
    measures = reference.measures(int(str(_header_value(grid, "period"))[:4]))
    return [(row, measures[str(row[_CODE])]) for row in grid[_FIRST:]]


def _header_value(grid: Grid, key: str) -> object:
    row, column = templates.header_value_cell(key)
    return grid[row - 1][column - 1]


# Edits ----------------------------------------------------------------------------------------


def with_units(sheets: Sheets) -> Sheets:
    """Numbers typed with their unit, amounts sometimes in 万元, every other row in full-width digits."""
    grid = _copy(sheets.progress)
    for index, (row, measure) in enumerate(_measure_rows(grid)):
        for column in (_MONTH, _YTD):
            value = float(row[column])
            if measure.kind == "amount" and column == _MONTH:
                text = f"{plain_number(value * 10000)}万元"
            else:
                text = f"{plain_number(value)}{measure.uom}"
            row[column] = text.translate(_FULL_WIDTH_DIGITS) if index % 2 else text
    return replace(sheets, progress=grid)


def with_separators(sheets: Sheets) -> Sheets:
    """Large numbers typed as text with thousands separators: "12,345"."""
    grid = _copy(sheets.progress)
    for row, _ in _measure_rows(grid):
        for column in (_MONTH, _YTD):
            value = float(row[column])
            if abs(value) >= 1000:
                row[column] = f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    return replace(sheets, progress=grid)


def with_not_applicable(sheets: Sheets) -> Sheets:
    """A slash where nothing happened this month, a dash for a monthly rate the unit does not have."""
    grid = _copy(sheets.progress)
    for row, measure in _measure_rows(grid):
        if measure.kind == "rate":
            row[_MONTH] = "—"
        elif row[_MONTH] == 0:
            row[_MONTH] = "/"
    return replace(sheets, progress=grid)


def with_text_value(sheets: Sheets) -> Sheets:
    """Words where a number must be: the file is meant to be rejected."""
    grid = _copy(sheets.progress)
    row, _ = next((r, m) for r, m in _measure_rows(grid) if m.is_cumulative)
    row[_YTD] = "正在统计"
    return replace(sheets, progress=grid)


def with_typo(sheets: Sheets) -> tuple[Sheets, str] | None:
    """A slipped finger: an extra 0 typed after the last year-to-date value that is not 0.
    Returns the edited sheets and the measure changed, or None while every value is still 0."""
    grid = _copy(sheets.progress)
    typed = [(row, measure) for row, measure in _measure_rows(grid) if row[_YTD]]
    if not typed:
        return None
    row, measure = typed[-1]
    row[_YTD] = float(row[_YTD]) * 10
    return replace(sheets, progress=grid), measure.code


def full_name(unit_code: str) -> str:
    """The longest way the unit's name is written, e.g. 东西湖区慈惠街道办事处."""
    return max((alias for alias, code in reference.unit_aliases().items() if code == unit_code), key=len)


def shifted_and_merged(sheets: Sheets) -> Sheets:
    """Pasted into a new sheet one column in and a few rows down, under an "附件1" line; the header
    block typed as "label：value" in merged cells; the unit's full name; blank rows in the table."""
    source = sheets.progress
    width = len(contract.PROGRESS_COLUMNS)
    unit_full_name = full_name(str(_header_value(source, "unit_code")))
    period = str(_header_value(source, "period"))
    year, month = period.split("-")
    grid: Grid = [
        ["附件1"],
        [None, contract.TITLE],
        [],
        [None, f"填报单位：{unit_full_name}", None, None, f"报送月份：{year}年{int(month)}月"],
        [
            None,
            f"填报人：{_header_value(source, 'reporter')}",
            None,
            None,
            f"联系电话：{_header_value(source, 'phone')}",
        ],
        [],
        [None, *(f.label for f in contract.PROGRESS_COLUMNS)],
    ]
    for index, row in enumerate(source[_FIRST:], start=1):
        grid.append([None, *row])
        if index % 3 == 0:
            grid.append([])
    grid += [[], []]
    merges = ((2, 2, 2, width + 1), (4, 2, 4, 4), (4, 5, 4, 7), (5, 2, 5, 4), (5, 5, 5, 7))
    return Sheets(grid, sheets.deliverables, merges)


def columns_reordered_with_total(sheets: Sheets) -> Sheets:
    """序号 deleted, codes moved after names, 累计 before 本月, headers retyped in other words,
    and a 合计 row under the table adding up every additive row."""
    order = ("measure_name", "measure_code", "uom", "annual_target", "ytd_value", "month_value", "note")
    labels = ("指标名称", "指标代码", "单位", "全年目标", "累计完成数", "本月完成数", "备注")
    columns = [templates.column_number(key) - 1 for key in order]
    source = sheets.progress
    grid: Grid = [[source[0][0]]]
    grid += [row[: templates.HEADER_LABEL_COLUMNS[1] + 1] for row in source[1:_HEADER]]
    grid.append(list(labels))
    additive = [(row, m) for row, m in _measure_rows(source) if m.kind != "rate"]
    for row in source[_FIRST:]:
        grid.append([row[c] for c in columns])
    month_total = round(sum(float(row[_MONTH]) for row, _ in additive), 2)
    ytd_total = round(sum(float(row[_YTD]) for row, _ in additive), 2)
    grid.append(["合计", None, None, None, ytd_total, month_total, None])
    return Sheets(grid, sheets.deliverables, ((1, 1, 1, len(order)),))


def english_headers(sheets: Sheets) -> Sheets:
    """Header-block labels and column headings in English only."""
    grid = _copy(sheets.progress)
    english = {f.label: f.label_en for f in contract.HEADER_FIELDS}
    for row in grid[1:_HEADER]:
        for index, value in enumerate(row):
            if value in english:
                row[index] = english[value]
    grid[_HEADER] = [f.label_en for f in contract.PROGRESS_COLUMNS]
    deliverables = _copy(sheets.deliverables)
    deliverables[templates.DELIVERABLES_HEADER_ROW - 1] = [f.label_en for f in contract.DELIVERABLE_COLUMNS]
    return Sheets(grid, deliverables, sheets.merges)


def single_line_headers(sheets: Sheets) -> Sheets:
    """Column headings in Chinese only, as in older copies of the form."""
    grid = _copy(sheets.progress)
    grid[_HEADER] = [f.label for f in contract.PROGRESS_COLUMNS]
    deliverables = _copy(sheets.deliverables)
    deliverables[templates.DELIVERABLES_HEADER_ROW - 1] = [f.label for f in contract.DELIVERABLE_COLUMNS]
    return Sheets(grid, deliverables, sheets.merges)


# Writers --------------------------------------------------------------------------------------


def _named_sheets(sheets: Sheets) -> list[tuple[str, Grid]]:
    return [(contract.PROGRESS_SHEET, sheets.progress), (contract.DELIVERABLES_SHEET, sheets.deliverables)]


def write_xlsx(path: Path, sheets: Sheets, saved_at: datetime) -> Path:
    """A workbook typed afresh: no protection, no validation, no version stamp."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, grid in _named_sheets(sheets):
        ws = wb.create_sheet(name)
        for row in grid:
            ws.append(row)
    for first_row, first_column, last_row, last_column in sheets.merges:
        wb[contract.PROGRESS_SHEET].merge_cells(
            start_row=first_row, start_column=first_column, end_row=last_row, end_column=last_column
        )
    wb.properties.created = wb.properties.modified = templates.utc_naive(saved_at)
    return templates.save_workbook(wb, path)


def write_xls(path: Path, sheets: Sheets) -> Path:
    """Excel 97-2003, as old Excel and WPS still save by default."""
    book = xlwt.Workbook(encoding="utf-8")
    for name, grid in _named_sheets(sheets):
        ws = book.add_sheet(name)
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                if value is not None:
                    ws.write(r, c, value)
    book.save(str(path))
    return path


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    return plain_number(value) if isinstance(value, int | float) else str(value)


def write_csv(path: Path, grid: Grid, encoding: str) -> Path:
    """The progress sheet saved as CSV: "CSV UTF-8" writes a BOM, plain "CSV" on a Chinese
    Windows writes GBK."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in grid:
        writer.writerow([_csv_text(v) for v in row])
    path.write_bytes(out.getvalue().encode(encoding))
    return path


_ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_ODS_MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="{_ODS_MIMETYPE}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
_ODS_CONTENT_START = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    "<office:body><office:spreadsheet>"
)
_ODS_CONTENT_END = "</office:spreadsheet></office:body></office:document-content>"


def _ods_cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, int | float):
        text = plain_number(value)
        return (
            f'<table:table-cell office:value-type="float" office:value="{text}">'
            f"<text:p>{text}</text:p></table:table-cell>"
        )
    lines = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(value).split("\n"))
    return f'<table:table-cell office:value-type="string">{lines}</table:table-cell>'


def write_ods(path: Path, sheets: Sheets, saved_at: datetime) -> Path:
    """OpenDocument, as LibreOffice and some WPS set-ups save: the mimetype entry first and
    uncompressed, then the manifest and the cells."""
    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join(f"<table:table-row>{''.join(_ods_cell(v) for v in row)}</table:table-row>" for row in grid)
        + "</table:table>"
        for name, grid in _named_sheets(sheets)
    )
    stamp = saved_at.timetuple()[:6]
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype", stamp), _ODS_MIMETYPE, zipfile.ZIP_STORED)
        archive.writestr(zipfile.ZipInfo("META-INF/manifest.xml", stamp), _ODS_MANIFEST, zipfile.ZIP_DEFLATED)
        content = _ODS_CONTENT_START + tables + _ODS_CONTENT_END
        archive.writestr(zipfile.ZipInfo("content.xml", stamp), content, zipfile.ZIP_DEFLATED)
    return path
