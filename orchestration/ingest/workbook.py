"""A submitted file as sheets of cells: spreadsheets through python-calamine, CSV through `csv`.

Cells keep Excel's positions (row 0 is row 1, column 0 is column A) so messages can point at
them. A merged area holds its value in every cell it covers, not only the top-left one, so a
header merged over two rows or an indicator name merged down a group reads like any other.
Each sheet comes with what its format's scan found about its cells (percentages, errors, formulas
without results) and is refused before calamine reads it if it is too large.
"""

import codecs
import csv
import io
import zipfile
import zlib
from dataclasses import dataclass, field

import python_calamine

from orchestration.ingest import messages
from orchestration.ingest.cell_marks import SheetMarks
from orchestration.ingest.model import Message
from orchestration.ingest.ods_scan import OdsScanner
from orchestration.ingest.safety import MAX_CELLS, MAX_CSV_ROWS, Checked, Kind, check_scan, check_scans
from orchestration.ingest.xls_formats import XlsFormats, XlsFormatsUnreadable
from orchestration.ingest.xlsx_scan import SheetScan, WorkbookScanner

Scanner = WorkbookScanner | OdsScanner | XlsFormats


class UnreadableFile(Exception):
    def __init__(self, message: Message):
        super().__init__(message.code)
        self.message = message


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]
    scan: SheetScan | SheetMarks | None = None  # what the scan found (percentages, errors, formulas)
    merged: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()  # ((top, left), (bottom, right))

    def cell(self, row: int, column: int) -> object:
        if row < len(self.rows) and column < len(self.rows[row]):
            return self.rows[row][column]
        return ""

    def merged_from(self, row: int, column: int) -> tuple[int, int] | None:
        """The top-left cell of the merged area whose value this cell holds as a copy, if any."""
        for (top, left), (bottom, right) in self.merged:
            if top <= row <= bottom and left <= column <= right and (row, column) != (top, left):
                return top, left
        return None


@dataclass
class Book:
    sheet_names: list[str]  # visible sheets, in workbook order
    hidden_names: list[str]
    _workbook: python_calamine.CalamineWorkbook | None = None
    _scanner: Scanner | None = None
    _loaded: dict[str, Sheet] = field(default_factory=dict)

    def sheet(self, name: str) -> Sheet:
        """The sheet's cells; a sheet calamine cannot read safely is refused before it is read."""
        if name not in self._loaded:
            scan = self._scan(name)
            try:
                calamine_sheet = self._workbook.get_sheet_by_name(name)
                rows = calamine_sheet.to_python(skip_empty_area=False)
            except python_calamine.PasswordError as error:
                raise UnreadableFile(messages.make("encrypted")) from error
            except python_calamine.CalamineError as error:
                raise UnreadableFile(messages.make("file_damaged")) from error
            merged = tuple(calamine_sheet.merged_cell_ranges or ())
            _fill_merged(rows, merged)
            self._loaded[name] = Sheet(name, rows, scan, merged)
        return self._loaded[name]

    def _scan(self, name: str) -> SheetScan | SheetMarks | None:
        if self._scanner is None:
            return None
        try:
            scan = self._scanner.scan(name)
        except XlsFormatsUnreadable as error:
            raise UnreadableFile(messages.make("xls_formats_unreadable")) from error
        except (zipfile.BadZipFile, zlib.error, KeyError, OSError, EOFError, ValueError) as error:
            raise UnreadableFile(messages.make("file_damaged")) from error
        refusal = check_scan(scan) if scan else None
        if refusal:
            raise UnreadableFile(refusal)
        return scan


def _fill_merged(rows: list[list[object]], ranges) -> None:
    for (top, left), (bottom, right) in ranges:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for row in rows[top : bottom + 1]:
            for column in range(left, min(right + 1, len(row))):
                if row[column] == "":
                    row[column] = value


def open_book(checked: Checked, file_name: str) -> Book:
    """The checked file's sheets; a CSV file is one sheet named after the file."""
    if checked.kind is Kind.CSV:
        sheet = _read_csv(checked.data, file_name)
        return Book([sheet.name], [], _loaded={sheet.name: sheet})
    scanner = _scanner(checked)
    unreadable_formats = None
    try:
        _weigh_every_sheet(scanner)
    except XlsFormatsUnreadable:  # calamine may say better why (a password, damage)
        unreadable_formats = messages.make("xls_formats_unreadable")
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(checked.data))
    except python_calamine.PasswordError as error:
        raise UnreadableFile(messages.make("encrypted")) from error
    except python_calamine.CalamineError as error:
        raise UnreadableFile(messages.make("file_damaged")) from error
    if unreadable_formats:
        raise UnreadableFile(unreadable_formats)
    visible = python_calamine.SheetVisibleEnum.Visible
    return Book(
        [s.name for s in workbook.sheets_metadata if s.visible == visible],
        [s.name for s in workbook.sheets_metadata if s.visible != visible],
        workbook,
        scanner,
    )


def _weigh_every_sheet(scanner: Scanner) -> None:
    """Refuse an .ods or .xls with a sheet too large to read: calamine reads all their sheets at
    once as it opens them (an .xlsx's sheets are read, and weighed, one at a time)."""
    try:
        if isinstance(scanner, OdsScanner):
            scans = list(scanner.sheets().values())
        elif isinstance(scanner, XlsFormats):
            scans = scanner.bounds()
        else:
            return
    except (zipfile.BadZipFile, zlib.error, KeyError, OSError, EOFError, ValueError) as error:
        raise UnreadableFile(messages.make("file_damaged")) from error
    refusal = check_scans(scans)
    if refusal:
        raise UnreadableFile(refusal)


def _scanner(checked: Checked) -> Scanner:
    if checked.kind is Kind.XLSX:
        return WorkbookScanner(checked.archive, checked.data)
    if checked.kind is Kind.ODS:
        return OdsScanner(checked.archive, checked.data)
    return XlsFormats(checked.data)


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(messages.make("csv_encoding_unknown"))


def _read_csv(data: bytes, name: str) -> Sheet:
    text = _decode(data)
    first_line = text[:4096].partition("\n")[0]
    delimiter = max(",\t;", key=first_line.count)
    rows, cells = [], 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(row)
            cells += len(row)
            if len(rows) > MAX_CSV_ROWS or cells > MAX_CELLS:
                last = messages.cell_name(len(rows) - 1, max(len(row), 1) - 1)
                raise UnreadableFile(messages.make("sheet_too_large", name, last_cell=last, cells=cells))
    except csv.Error as error:  # e.g. a field over csv.field_size_limit(): no export writes one
        raise UnreadableFile(messages.make("file_damaged")) from error
    return Sheet(name, rows)
