"""What an .ods says about its sheets before calamine reads them, from content.xml itself.

calamine reads a cell formatted as 14% as 0.14 and a cell showing #DIV/0! as empty, and expands
repeated cells (one cell element may stand for 5,000 columns of 10,000 rows) into memory. A scan
of the (size-checked) content.xml finds each sheet's bounds, its percentage cells and its error
cells with regular expressions over the tags, counting repeated rows and columns without
expanding them. All sheets are scanned at once: an .ods keeps them in one part.
"""

import html
import re
import zipfile

from orchestration.ingest.cell_marks import SheetMarks
from orchestration.ingest.values import spreadsheet_error
from orchestration.ingest.xlsx_scan import read_part

CONTENT = "content.xml"
# Attribute values may hold ">" (a formula's comparison), so a tag ends after its last attribute.
_TAG = re.compile(
    rb"<(/?)(?:[\w.-]+:)?(table-row|table-cell|covered-table-cell|table)(?=[\s/>])"
    rb"""((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>"""
)
_ATTR = re.compile(rb"""([\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TAGS = re.compile(rb"<[^>]*>")
# How far after an error cell's start its shown text ("#DIV/0!") is looked for.
_ERROR_TEXT_WINDOW = 2000


def _attrs(raw: bytes) -> list[tuple[str, str]]:
    """(local name, value) of every attribute: office:value-type and calcext:value-type both."""
    found = []
    for _, local, double, single in _ATTR.findall(raw):
        value = (double or single).decode("utf-8", "replace")
        found.append((local.decode(), html.unescape(value) if "&" in value else value))
    return found


def _repeat(attrs: list[tuple[str, str]], name: str) -> int:
    value = next((v for k, v in attrs if k == name), "1")
    return max(int(value), 1) if value.isdigit() else 1


def _error_text(xml: bytes, start: int) -> str:
    window = xml[start : start + _ERROR_TEXT_WINDOW]
    end = re.search(rb"</(?:[\w.-]+:)?table-cell>", window)
    text = _TAGS.sub(b"", window[: end.start()] if end else b"").decode("utf-8", "replace")
    return html.unescape(text).strip()


class _Sheet:
    def __init__(self, name: str):
        self.marks = SheetMarks(name)
        self.row = 0
        self.row_repeat = 1
        self.column = 0

    def cell(self, attrs: list[tuple[str, str]], has_content: bool, xml: bytes, end: int) -> None:
        columns = _repeat(attrs, "number-columns-repeated")
        types = {v for k, v in attrs if k == "value-type"}
        if types or has_content:
            self._extend(columns)
        if "percentage" in types:
            self.marks.percent_cells.add(self.row, self.row_repeat, self.column, columns, "%")
        # LibreOffice marks a failed formula's cell calcext:value-type="error"; other writers may
        # leave only the error it shows.
        has_formula = any(k == "formula" for k, _ in attrs)
        text = _error_text(xml, end) if "error" in types or (has_formula and has_content) else ""
        if "error" in types or spreadsheet_error(text):
            self.marks.error_cells.add(self.row, self.row_repeat, self.column, columns, text or "#N/A")
        self.column += columns

    def _extend(self, columns: int) -> None:
        last = (self.row + self.row_repeat - 1, self.column + columns - 1)
        marks = self.marks
        if marks.first is None:
            marks.first, marks.last = (self.row, self.column), last
        else:
            marks.first = (min(marks.first[0], self.row), min(marks.first[1], self.column))
            marks.last = (max(marks.last[0], last[0]), max(marks.last[1], last[1]))


def scan_content(xml: bytes) -> dict[str, SheetMarks]:
    """Sheet name -> its marks, for every top-level table of content.xml."""
    sheets: dict[str, SheetMarks] = {}
    sheet: _Sheet | None = None
    depth = 0  # of tables: a table inside a cell is part of that cell
    for match in _TAG.finditer(xml):
        closing, tag, raw, empty = match.groups()
        if tag == b"table":
            if closing:
                depth -= 1
                if depth == 0 and sheet:
                    sheets.setdefault(sheet.marks.name, sheet.marks)
                    sheet = None
            elif not empty:
                depth += 1
                if depth == 1:
                    name = next((v for k, v in _attrs(raw) if k == "name"), "")
                    sheet = _Sheet(name)
            continue
        if sheet is None or depth != 1:
            continue
        if tag == b"table-row":
            if closing:
                sheet.row += sheet.row_repeat
            else:
                sheet.row_repeat, sheet.column = _repeat(_attrs(raw), "number-rows-repeated"), 0
                if empty:
                    sheet.row += sheet.row_repeat
        elif not closing:
            sheet.cell(_attrs(raw), not empty, xml, match.end())
    return sheets


class OdsScanner:
    """Scans an .ods's content.xml once; `data` is the file's bytes, `archive` opened on them."""

    def __init__(self, archive: zipfile.ZipFile, data: bytes):
        self._archive = archive
        self._data = data
        self._sheets: dict[str, SheetMarks] | None = None

    def sheets(self) -> dict[str, SheetMarks]:
        """Every sheet's marks: calamine builds every sheet as it opens an .ods, so all are weighed."""
        if self._sheets is None:
            names = set(self._archive.namelist())
            xml = read_part(self._archive, self._data, CONTENT) if CONTENT in names else b""
            self._sheets = scan_content(xml)
        return self._sheets

    def scan(self, name: str) -> SheetMarks | None:
        return self.sheets().get(name)
