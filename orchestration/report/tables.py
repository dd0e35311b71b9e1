"""Print-ready xlsx tables (openpyxl), for the bulletin's workbook and the unit feedback.

Every cell holds a value, never a formula: numbers as numbers with a display format, text passed
through safe_text so a note like `=HYPERLINK(...)` from a submission stays inert text. Sheets are
set up to print on A4: frozen header, repeated title rows, fit to page width, page numbers, and a
print area of the title rows and the table.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from orchestration import settings
from orchestration.report import safe_text
from orchestration.report.data import Row
from orchestration.report.palette import RAG_FILLS

FONT = "宋体"
TITLE_FONT = "黑体"
PERCENT = '0.0"%"'  # the marts hold percentages as 117.9: shown as 117.9%, the value stays the SQL value
POINTS = "+0.0;-0.0;0.0"
DECIMAL = "0.0"
DATETIME = "yyyy-mm-dd hh:mm"
DATE = "yyyy-mm-dd"
INTEGER = "#,##0"
_THIN = Side(style="thin", color="A0A4A8")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="E8EAED")
_FILLS = {key: PatternFill("solid", fgColor=colour.lstrip("#").upper()) for key, colour in RAG_FILLS.items()}


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Row], Any]
    width: float = 12
    number_format: str | Callable[[Row], str] | None = None
    rag: Callable[[Row], str | None] | None = None  # the status colour of the cell
    wrap: bool = False
    group: str | None = None  # a heading over consecutive columns of the same group (merged)


@dataclass(frozen=True)
class Table:
    """Where write_table put a table: its sheet, the row of its columns' headings, its number of rows."""

    sheet: Worksheet
    header_row: int
    rows: int

    @property
    def last_row(self) -> int:
        return self.header_row + self.rows

    def column(self, header: str, with_header: bool = True) -> Reference:
        """The cells of the column headed `header`, with the heading (a series' name) or without."""
        (index,) = (cell.column for cell in self.sheet[self.header_row] if cell.value == header)
        first = self.header_row if with_header else self.header_row + 1
        return Reference(self.sheet, min_col=index, min_row=first, max_row=self.last_row)


def field(key: str) -> Callable[[Row], Any]:
    return lambda row: row.get(key)


def measure_format(row: Row) -> str:
    """Amounts (亿元) keep two decimals, counts none, rates one."""
    return {"amount": "#,##0.00", "rate": "0.0"}.get(row.get("kind"), INTEGER)


def new_sheet(workbook: Workbook, title: str, landscape: bool = False) -> Worksheet:
    sheet = workbook.create_sheet(title)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.oddFooter.right.text = settings.issuing_organ()
    sheet.sheet_view.showGridLines = False
    return sheet


def put(sheet: Worksheet, row: int, column: int, value: Any, **style: Any) -> None:
    """Write one cell: text neutralised against formula injection, never a formula."""
    cell = sheet.cell(row=row, column=column, value=safe_text.cell_value(value))
    if cell.data_type == "f":  # unreachable after neutralise; kept as a guard
        cell.data_type = "s"
    cell.font = style.get("font", Font(name=FONT, size=10))
    for key in ("alignment", "fill", "border", "number_format"):
        if key in style:
            setattr(cell, key, style[key])


def title_rows(sheet: Worksheet, title: str, subtitle: str, width: int) -> int:
    """A title and a subtitle across the table's width; returns the next free row."""
    put(sheet, 1, 1, title, font=Font(name=TITLE_FONT, size=14, bold=True))
    put(sheet, 2, 1, subtitle, font=Font(name=FONT, size=9, color="5F6368"))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 1))
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=max(width, 1))
    sheet.row_dimensions[1].height = 22
    return 4


def write_table(
    sheet: Worksheet,
    columns: Sequence[Column],
    rows: Sequence[Row],
    start_row: int,
    *,
    freeze: bool = True,
    frozen_columns: int = 0,
) -> int:
    """A bordered table with its heading at start_row; returns the row after it.

    Columns with a group get a second heading row: the group's name merged over its columns,
    their own headings below; the other columns' headings span both rows. Filters sit on the
    lower row, so every column sorts and filters on its own.
    """
    header_row = heading_row(columns, start_row)
    for index, column in enumerate(columns, start=1):
        _header(sheet, header_row, index, column.header)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(sheet.column_dimensions[letter].width or 0, column.width)
    sheet.row_dimensions[header_row].height = 30
    if header_row > start_row:
        _group_headers(sheet, columns, start_row)
    for offset, row in enumerate(rows, start=1):
        for index, column in enumerate(columns, start=1):
            value = column.value(row)
            style: dict[str, Any] = {
                "border": _BORDER,
                "alignment": Alignment(vertical="top", wrap_text=column.wrap or isinstance(value, str)),
            }
            if column.number_format is not None and isinstance(value, int | float):
                fmt = column.number_format
                style["number_format"] = fmt(row) if callable(fmt) else fmt
            if column.rag is not None and (rag := column.rag(row)) in _FILLS:
                style["fill"] = _FILLS[rag]
            put(sheet, header_row + offset, index, value, **style)
    end = header_row + len(rows)
    if freeze:
        sheet.freeze_panes = f"{get_column_letter(frozen_columns + 1)}{header_row + 1}"  # no cell made
        sheet.print_title_rows = f"{start_row}:{header_row}"
        if frozen_columns:
            sheet.print_title_cols = f"A:{get_column_letter(frozen_columns)}"
        if rows:
            sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{end}"
    return end + 2


def heading_row(columns: Sequence[Column], start_row: int) -> int:
    """The row of the columns' own headings: below the group row when there are groups."""
    return start_row + 1 if any(column.group for column in columns) else start_row


def _header(sheet: Worksheet, row: int, column: int, text: str) -> None:
    put(
        sheet,
        row,
        column,
        text,
        font=Font(name=FONT, size=10, bold=True),
        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        fill=_HEADER_FILL,
        border=_BORDER,
    )


def _group_headers(sheet: Worksheet, columns: Sequence[Column], row: int) -> None:
    """The row above the headings: each group merged over its columns; ungrouped headings span both rows."""
    index = 1
    while index <= len(columns):
        column = columns[index - 1]
        if column.group is None:
            _header(sheet, row, index, column.header)
            sheet.merge_cells(start_row=row, start_column=index, end_row=row + 1, end_column=index)
            index += 1
            continue
        last = index
        while last < len(columns) and columns[last].group == column.group:
            last += 1
        _header(sheet, row, index, column.group)
        if last > index:
            sheet.merge_cells(start_row=row, start_column=index, end_row=row, end_column=last)
        index = last + 1
    sheet.row_dimensions[row].height = 45


def text_lines(sheet: Worksheet, lines: Sequence[str], start_row: int, width: int, height: float = 32) -> int:
    """Paragraphs, one merged row each; returns the next free row."""
    for offset, line in enumerate(lines):
        row = start_row + offset
        put(sheet, row, 1, line, alignment=Alignment(wrap_text=True, vertical="top"))
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        sheet.row_dimensions[row].height = height
    return start_row + len(lines) + 1


def save(workbook: Workbook, path: Path) -> Path:
    if "Sheet" in workbook.sheetnames and len(workbook.sheetnames) > 1:
        del workbook["Sheet"]
    for sheet in workbook.worksheets:  # what prints: the title rows, the table and its chart
        rows, columns = sheet.max_row, sheet.max_column
        for chart in sheet._charts:
            rows, columns = max(rows, chart.anchor.to.row), max(columns, chart.anchor.to.col)
        sheet.print_area = f"A1:{get_column_letter(columns)}{rows}"
    workbook.properties.creator = settings.issuing_organ()
    workbook.save(path)
    return path
