"""What an .xlsx says about its sheets before calamine reads them, from the sheet XML itself.

calamine allocates the whole rectangle between the first and last cell holding a value (one cell
at XFD1048576 aborts the process), expands shared strings once per referencing cell, returns
nothing for a formula saved without its result, and does not tell which cells are formatted as
percentages. This scan finds all four with regular expressions over the (size-checked) parts.
"""

import html
import itertools
import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property

_ATTR = re.compile(rb"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
# Only cells carry an r="A1"-style attribute (rows have r="1"), so all of a sheet's cell
# references are found without parsing its elements.
_REF = re.compile(rb"""r=["']([A-Z]{1,3})([0-9]{1,7})["']""")
_HAS_VALUE = re.compile(rb"<(?:\w+:)?(?:v>[^<]|is>)")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_SHARED_TEXT = re.compile(rb"<(?:\w+:)?si>")
_PERCENT_FORMATS = {9, 10}
# Below this area the bounds of all cells stand in for those of the cells with a value.
EXACT_FROM_AREA = 100_000
# Shared strings are only weighed when the part is large enough to matter.
_WEIGH_SHARED_STRINGS_FROM = 1 << 20


@dataclass
class SheetScan:
    name: str
    first: tuple[int, int] | None = None  # 0-based (row, column) bounds of the cells with a value
    last: tuple[int, int] | None = None
    shared_text_bytes: int = 0  # text the shared-string cells expand to (0 when not weighed)
    uncached_formulas: set[tuple[int, int]] = field(default_factory=set)
    xml: bytes = field(default=b"", repr=False)
    percent_styles: Callable[[], set[int]] = field(default=set, repr=False)

    @property
    def area(self) -> int:
        if self.first is None or self.last is None:
            return 0
        return (self.last[0] - self.first[0] + 1) * (self.last[1] - self.first[1] + 1)

    @cached_property
    def percent_cells(self) -> set[tuple[int, int]]:
        """Cells formatted as a percentage; found only when asked (it needs styles.xml)."""
        styles = self.percent_styles()
        if not styles:
            return set()
        ids = "|".join(map(str, styles)).encode()
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


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> path of its XML part inside the archive."""
    rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {a.get("Id"): a.get("Target", "") for a in map(_attrs, _RELATIONSHIP.findall(rels))}
    parts = {}
    for sheet in map(_attrs, _SHEET.findall(archive.read("xl/workbook.xml"))):
        target = targets.get(sheet.get("id"), "")
        parts[sheet.get("name", "")] = (
            target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        )
    return parts


def _percent_styles(archive: zipfile.ZipFile, names: set[str]) -> set[int]:
    if "xl/styles.xml" not in names:
        return set()
    styles = archive.read("xl/styles.xml")
    percent_ids = set(_PERCENT_FORMATS)
    for fmt in map(_attrs, re.findall(rb"<(?:\w+:)?numFmt\b([^>]*)>", styles)):
        if "%" in fmt.get("formatCode", "").replace('"%"', ""):
            percent_ids.add(int(fmt.get("numFmtId", -1)))
    cell_xfs = re.search(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", styles, re.DOTALL)
    xfs = re.findall(rb"<(?:\w+:)?xf\b([^>]*)>", cell_xfs.group() if cell_xfs else b"")
    formats = [re.search(rb'\bnumFmtId="(\d+)"', xf) for xf in xfs]
    return {i for i, fmt in enumerate(formats) if fmt and int(fmt.group(1)) in percent_ids}


def _shared_text_sizes(archive: zipfile.ZipFile, names: set[str]) -> list[int]:
    name = "xl/sharedStrings.xml"
    if name not in names or archive.getinfo(name).file_size < _WEIGH_SHARED_STRINGS_FROM:
        return []
    text = archive.read(name)
    starts = [m.start() for m in _SHARED_TEXT.finditer(text)] + [len(text)]
    return [b - a for a, b in itertools.pairwise(starts)]


def _bounds(positions: list[tuple[int, int]]) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    if not positions:
        return None, None
    rows, columns = [p[0] for p in positions], [p[1] for p in positions]
    return (min(rows), min(columns)), (max(rows), max(columns))


def _position(attrs: bytes) -> tuple[int, int] | None:
    ref = _REF.search(attrs)
    return (int(ref.group(2)) - 1, _column_index(ref.group(1))) if ref else None


def _cell_by_cell(scan: SheetScan, xml: bytes, shared_sizes: list[int]) -> None:
    """The slow, exact pass: bounds of cells with a value, formulas without one, shared text."""
    with_value = []
    for match in _CELL.finditer(xml):
        attrs, body = match.group(1), match.group(2) or b""
        position = _position(attrs)
        if position is None:
            continue
        if not _HAS_VALUE.search(body):
            if _FORMULA.search(body):
                scan.uncached_formulas.add(position)
            continue
        with_value.append(position)
        if shared_sizes and _attrs(attrs).get("t") == "s":
            index = int(re.search(rb"<(?:\w+:)?v>\s*(\d+)", body).group(1))
            scan.shared_text_bytes += shared_sizes[index] if index < len(shared_sizes) else 0
    scan.first, scan.last = _bounds(with_value)


def scan_sheet(name: str, xml: bytes, shared_sizes: list[int]) -> SheetScan:
    scan = SheetScan(name, xml=xml)
    found = _REF.findall(xml)
    columns = {letters: _column_index(letters) for letters in {c for c, _ in found}}
    refs = [(int(row) - 1, columns[letters]) for letters, row in found]
    # The bounds of all cells contain those of the cells with a value; for a small sheet without
    # formulas or big shared strings they are all that is needed, and far cheaper to find.
    scan.first, scan.last = _bounds(refs)
    # Every formula group has one <f> with text, so its closing tag shows whether there are any.
    may_have_formulas = b"</f>" in xml or b":f>" in xml
    if scan.area > EXACT_FROM_AREA or shared_sizes or may_have_formulas:
        _cell_by_cell(scan, xml, shared_sizes)
    return scan


def scan_workbook(archive: zipfile.ZipFile) -> list[SheetScan]:
    """One scan per sheet; the archive must stay open while percent_cells may be asked for."""
    names = set(archive.namelist())
    shared_sizes = _shared_text_sizes(archive, names)
    percent_styles = cache(lambda: _percent_styles(archive, names))
    scans = []
    for name, part in sheet_parts(archive).items():
        if part in names:
            scans.append(scan_sheet(name, archive.read(part), shared_sizes))
            scans[-1].percent_styles = percent_styles
    return scans
