"""Print-ready xlsx tables (openpyxl), for the bulletin's workbook and the unit feedback.

Every cell holds a value, never a formula: numbers as numbers with a display format, text passed
through safe_text so a note like `=HYPERLINK(...)` from a submission stays inert text. Sheets are
set up to print on A4: frozen header, repeated title rows, fit to page width, page numbers.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
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
    sheet: Worksheet, columns: Sequence[Column], rows: Sequence[Row], start_row: int, *, freeze: bool = True
) -> int:
    """A bordered table with a header row at start_row; returns the row after it."""
    header_font = Font(name=FONT, size=10, bold=True)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, column in enumerate(columns, start=1):
        put(
            sheet,
            start_row,
            index,
            column.header,
            font=header_font,
            alignment=centred,
            fill=_HEADER_FILL,
            border=_BORDER,
        )
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(sheet.column_dimensions[letter].width or 0, column.width)
    sheet.row_dimensions[start_row].height = 30
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
            put(sheet, start_row + offset, index, value, **style)
    end = start_row + len(rows)
    if freeze:
        sheet.freeze_panes = sheet.cell(row=start_row + 1, column=1)
        sheet.print_title_rows = f"{start_row}:{start_row}"
        if rows:
            sheet.auto_filter.ref = f"A{start_row}:{get_column_letter(len(columns))}{end}"
    return end + 2


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
    workbook.properties.creator = settings.issuing_organ()
    workbook.save(path)
    return path
