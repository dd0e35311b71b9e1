"""What an .xlsx says about a sheet before calamine reads it, from the sheet XML itself.

calamine allocates the whole rectangle between the first and last cell holding a value (one cell
at XFD1048576 aborts the process), expands shared strings once per referencing cell, returns
nothing for a formula saved without its result nor for a cell showing an error (#DIV/0!), and
does not tell which cells are formatted as percentages. A scan finds all five with regular
expressions over the (size-checked) parts. Only the sheets the reader opens are scanned, and
formulas, errors and percentages only when it asks.
"""

import html
import itertools
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, wraps

_ATTR = re.compile(rb"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
# Only cells carry an r="A1"-style attribute (rows have r="1"), so all of a sheet's cell
# references are found without parsing its elements; references beyond the grid (A99999999999)
# are found too, as calamine reads them.
_REF = re.compile(rb"""r=["']([A-Z]+)([0-9]+)["']""")
_HAS_VALUE = re.compile(rb"<(?:\w+:)?(?:v>[^<]|is>)")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_SHARED_TEXT = re.compile(rb"<(?:\w+:)?si>")
_ERROR_TYPE = re.compile(rb"""\st\s*=\s*["']e["']""")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)<")
_PERCENT_FORMATS = {9, 10}
# Below this area the bounds of all cells stand in for those of the cells with a value.
EXACT_FROM_AREA = 100_000
# Shared strings are only weighed when the part is large enough to matter.
_WEIGH_SHARED_STRINGS_FROM = 1 << 20
# Parts up to this size are remembered by their content (see _remembered).
_REMEMBERED_UP_TO = 256 << 10


@dataclass
class SheetScan:
    name: str
    first: tuple[int, int] | None = None  # 0-based (row, column) bounds of the cells with a value
    last: tuple[int, int] | None = None
    shared_text_bytes: int = 0  # text the shared-string cells expand to (0 when not weighed)
    xml: bytes = field(default=b"", repr=False)
    percent_styles: frozenset[int] = frozenset()  # indexes of the cell formats showing a percentage

    @property
    def area(self) -> int:
        if self.first is None or self.last is None:
            return 0
        return (self.last[0] - self.first[0] + 1) * (self.last[1] - self.first[1] + 1)

    @cached_property
    def uncached_formulas(self) -> set[tuple[int, int]]:
        """Cells holding a formula saved without its result."""
        # Every formula group has one <f> with text, so its closing tag shows whether there are any.
        if b"</f>" not in self.xml and b":f>" not in self.xml:
            return set()
        return {
            position
            for position, _, body in _cells(self.xml)
            if not _HAS_VALUE.search(body) and _FORMULA.search(body)
        }

    @cached_property
    def error_cells(self) -> dict[tuple[int, int], str]:
        """Cells holding an error value (t="e"), and the error they show ("#DIV/0!")."""
        if not _ERROR_TYPE.search(self.xml):
            return {}
        found = {}
        for position, attrs, body in _cells(self.xml):
            if _attrs(attrs).get("t") == "e":
                value = _VALUE.search(body)
                found[position] = (
                    html.unescape(value.group(1).decode("utf-8", "replace")) if value else "#N/A"
                )
        return found

    @cached_property
    def percent_cells(self) -> set[tuple[int, int]]:
        """Cells formatted as a percentage."""
        if not self.percent_styles:
            return set()
        ids = "|".join(map(str, self.percent_styles)).encode()
        styled = re.compile(rb"""<(?:\w+:)?c\b([^>]*\ss\s*=\s*["'](?:%s)["'][^>]*)>""" % ids)
        return {p for p in map(_position, styled.findall(self.xml)) if p}


def _attrs(raw: bytes) -> dict[str, str]:
    found = {}
    for key, double, single in _ATTR.findall(raw):
        value = (double or single).decode("utf-8", "replace")
        found[key.decode().rpartition(":")[2]] = html.unescape(value) if "&" in value else value
    return found


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def _position(attrs: bytes) -> tuple[int, int] | None:
    ref = _REF.search(attrs)
    return (int(ref.group(2)) - 1, _column_index(ref.group(1))) if ref else None


def _cells(xml: bytes) -> Iterator[tuple[tuple[int, int], bytes, bytes]]:
    """(position, attributes, body) of every cell that says where it is."""
    for match in _CELL.finditer(xml):
        position = _position(match.group(1))
        if position is not None:
            yield position, match.group(1), match.group(2) or b""


def _remembered(function: Callable[..., object]) -> Callable[..., object]:
    """`function` of parts' bytes, its results remembered by their content for small parts: files
    made from one template share their workbook.xml, its rels and styles.xml."""
    remembered = lru_cache(maxsize=32)(function)

    @wraps(function)
    def call(*parts: bytes) -> object:
        return remembered(*parts) if sum(map(len, parts)) <= _REMEMBERED_UP_TO else function(*parts)

    return call


@_remembered
def sheet_parts(workbook: bytes, rels: bytes) -> dict[str, str]:
    """Sheet name -> path of its XML part inside the archive, from xl/workbook.xml and its rels."""
    targets = {a.get("Id"): a.get("Target", "") for a in map(_attrs, _RELATIONSHIP.findall(rels))}
    parts = {}
    for sheet in map(_attrs, _SHEET.findall(workbook)):
        target = targets.get(sheet.get("id"), "")
        parts[sheet.get("name", "")] = (
            target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        )
    return parts


def _ref_bounds(xml: bytes) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Bounds of all cells, with or without a value: a cell's row and column are bounded apart."""
    found = _REF.findall(xml)
    if not found:
        return None, None
    rows = [int(row) - 1 for row in {row for _, row in found}]
    columns = [_column_index(letters) for letters in {letters for letters, _ in found}]
    return (min(rows), min(columns)), (max(rows), max(columns))


def _value_bounds(scan: SheetScan, shared_sizes: list[int]) -> None:
    """The slow, exact pass: bounds of the cells with a value, and the shared text they expand to."""
    rows, columns = [], []
    for (row, column), attrs, body in _cells(scan.xml):
        if not _HAS_VALUE.search(body):
            continue
        rows.append(row)
        columns.append(column)
        if shared_sizes and _attrs(attrs).get("t") == "s":
            index = int(re.search(rb"<(?:\w+:)?v>\s*(\d+)", body).group(1))
            scan.shared_text_bytes += shared_sizes[index] if index < len(shared_sizes) else 0
    scan.first, scan.last = ((min(rows), min(columns)), (max(rows), max(columns))) if rows else (None, None)


def scan_sheet(
    name: str, xml: bytes, shared_sizes: list[int], percent_styles: frozenset[int] = frozenset()
) -> SheetScan:
    scan = SheetScan(name, xml=xml, percent_styles=percent_styles)
    # The bounds of all cells contain those of the cells with a value; for a small sheet without
    # big shared strings they are all that is needed, and far cheaper to find.
    scan.first, scan.last = _ref_bounds(xml)
    if scan.area > EXACT_FROM_AREA or shared_sizes:
        _value_bounds(scan, shared_sizes)
    return scan


def shows_percent(format_code: str) -> bool:
    """Whether a number format ("0.0%", not '0"%"' nor 0\\%) shows a number as a percentage."""
    return "%" in re.sub(r'"[^"]*"|\\.', "", format_code)


@_remembered
def percent_styles(styles: bytes) -> frozenset[int]:
    """Indexes of the cell formats in styles.xml that show a number as a percentage."""
    percent_ids = set(_PERCENT_FORMATS)
    for fmt in map(_attrs, re.findall(rb"<(?:\w+:)?numFmt\b([^>]*)>", styles)):
        if shows_percent(fmt.get("formatCode", "")):
            percent_ids.add(int(fmt.get("numFmtId", -1)))
    cell_xfs = re.search(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", styles, re.DOTALL)
    xfs = re.findall(rb"<(?:\w+:)?xf\b([^>]*)>", cell_xfs.group() if cell_xfs else b"")
    formats = [re.search(rb'\bnumFmtId="(\d+)"', xf) for xf in xfs]
    return frozenset(i for i, fmt in enumerate(formats) if fmt and int(fmt.group(1)) in percent_ids)


def read_part(archive: zipfile.ZipFile, data: bytes, name: str) -> bytes:
    """A part of the archive over `data` inflated straight from its bytes, in about 60% of the
    time ZipFile.read takes for a small part, and checked as ZipFile.read checks it: size and CRC."""
    info = archive.getinfo(name)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 1:
        raise zipfile.BadZipFile(f"{name} is encrypted or compressed in a way workbooks are not")
    header = data[info.header_offset : info.header_offset + 30]
    if len(header) < 30 or not header.startswith(b"PK\x03\x04"):
        raise zipfile.BadZipFile(f"no local header for {name}")
    name_size, extra_size = struct.unpack_from("<HH", header, 26)
    start = info.header_offset + 30 + name_size + extra_size
    content = data[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_DEFLATED:
        # At most the declared size is inflated (and one byte for an empty part, as 0 means
        # no limit): a lying header cannot make a bomb of it.
        content = zlib.decompressobj(-15).decompress(content, max(info.file_size, 1))
    if len(content) != info.file_size or zlib.crc32(content) != info.CRC:
        raise zipfile.BadZipFile(f"{name} is damaged")
    return content


class WorkbookScanner:
    """Scans an .xlsx's sheets when asked; `data` is the file's bytes, `archive` opened on them."""

    def __init__(self, archive: zipfile.ZipFile, data: bytes):
        self._archive = archive
        self._data = data
        self._names = set(archive.namelist())

    def _read(self, name: str) -> bytes:
        return read_part(self._archive, self._data, name)

    @cached_property
    def _parts(self) -> dict[str, str]:
        return sheet_parts(self._read("xl/workbook.xml"), self._read("xl/_rels/workbook.xml.rels"))

    @cached_property
    def _shared_sizes(self) -> list[int]:
        name = "xl/sharedStrings.xml"
        if name not in self._names or self._archive.getinfo(name).file_size < _WEIGH_SHARED_STRINGS_FROM:
            return []
        text = self._read(name)
        starts = [m.start() for m in _SHARED_TEXT.finditer(text)] + [len(text)]
        return [b - a for a, b in itertools.pairwise(starts)]

    @cached_property
    def _percent_styles(self) -> frozenset[int]:
        return percent_styles(self._read("xl/styles.xml")) if "xl/styles.xml" in self._names else frozenset()

    def scan(self, name: str) -> SheetScan | None:
        """The named sheet's scan; None if the workbook has no part for it."""
        part = self._parts.get(name)
        if part not in self._names:
            return None
        return scan_sheet(name, self._read(part), self._shared_sizes, self._percent_styles)
