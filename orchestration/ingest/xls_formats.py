"""What an .xls says about its cells that calamine does not: percentages, errors, the sheet's size.

calamine reads a cell formatted as 14% as 0.14 and one showing #DIV/0! as empty, and allocates a
sheet's whole rectangle (a cell at IV65536 costs over a gigabyte). xlrd, with the formatting
records, tells a cell's number format and error code, and the sheet's bounds before calamine
allocates anything. xlrd is pure Python reading untrusted bytes: whatever it raises means the
file's formats cannot be read, and the file is refused as such rather than read without them.
"""

import logging

import xlrd

from orchestration.ingest.cell_marks import Lookup, SheetMarks
from orchestration.ingest.xlsx_scan import shows_percent

logger = logging.getLogger(__name__)


class XlsFormatsUnreadable(Exception):
    """xlrd could not read the workbook's formats or the sheet."""


class XlsFormats:
    """The formats of an .xls's sheets, read with xlrd."""

    def __init__(self, data: bytes):
        self._data = data
        self._book: xlrd.Book | None = None

    def _open(self) -> xlrd.Book:
        if self._book is None:
            try:
                # ragged_rows: a row is as long as its last cell, not the sheet's widest row.
                self._book = xlrd.open_workbook(
                    file_contents=self._data, formatting_info=True, on_demand=True, ragged_rows=True
                )
            except Exception as error:  # any failure of xlrd on these bytes: see the module docstring
                logger.info("xlrd cannot read the formats: %r", error)
                raise XlsFormatsUnreadable from error
        return self._book

    def bounds(self) -> list[SheetMarks]:
        """Every sheet's bounds (without its cells' formats), each sheet unloaded once measured:
        calamine builds every sheet's rectangle as it opens an .xls, so all are weighed first."""
        book = self._open()
        found = []
        try:
            for index, name in enumerate(book.sheet_names()):
                sheet = book.sheet_by_index(index)
                found.append(_bounds(SheetMarks(name), sheet))
                book.unload_sheet(index)
        except Exception as error:
            logger.info("xlrd cannot read the sheets: %r", error)
            raise XlsFormatsUnreadable from error
        return found

    def scan(self, name: str) -> SheetMarks:
        book = self._open()
        try:
            sheet = book.sheet_by_name(name)
        except Exception as error:
            logger.info("xlrd cannot read sheet %r: %r", name, error)
            raise XlsFormatsUnreadable from error
        marks = SheetMarks(
            name,
            percent_cells=Lookup(lambda position: _percent(book, sheet, position)),
            error_cells=Lookup(lambda position: _error(sheet, position)),
        )
        return _bounds(marks, sheet)


def _bounds(marks: SheetMarks, sheet) -> SheetMarks:
    if sheet.nrows and sheet.ncols:
        marks.first, marks.last = (0, 0), (sheet.nrows - 1, sheet.ncols - 1)
    return marks


def _percent(book: xlrd.Book, sheet, position: tuple[int, int]) -> str | None:
    row, column = position
    try:
        if sheet.cell_type(row, column) != xlrd.XL_CELL_NUMBER:
            return None
        key = book.xf_list[sheet.cell_xf_index(row, column)].format_key
        return "%" if shows_percent(book.format_map[key].format_str) else None
    except (IndexError, KeyError):  # a cell beyond its row, a format the file does not define
        return None


def _error(sheet, position: tuple[int, int]) -> str | None:
    row, column = position
    try:
        if sheet.cell_type(row, column) != xlrd.XL_CELL_ERROR:
            return None
        return xlrd.error_text_from_code.get(sheet.cell_value(row, column), "#N/A")
    except IndexError:
        return None
