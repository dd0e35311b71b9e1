"""Hostile submissions, made for real by the test code: one small function per kind.

Every maker writes one file at `path` (creating its folder) and returns the path. Big files are
big only where it matters: a 400 MB sheet is 400 MB inside its zip, a few hundred KB on disk.
Good files come from the project's own template writer, filled in with openpyxl as a clerk would.
"""

import codecs
import csv
import hashlib
import io
import os
import random
import re
import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl

from orchestration import reference, settings
from orchestration.submissions import contract, templates

PERIOD = "2021-03"
# When the templates were issued: fixed, so a template's bytes do not depend on the clock.
ISSUED = datetime(2021, 3, 25, 9, 0, tzinfo=ZoneInfo(settings.TIMEZONE))
MB = 1 << 20
# Seeded, so a failing batch can be made again byte for byte.
_RANDOM = random.Random(20210305)

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
_HEADER = [f.label for f in contract.PROGRESS_COLUMNS]


def _random_bytes(n: int) -> bytes:
    return _RANDOM.randbytes(n)


def _parent(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


# --- good files: the template, filled in ---------------------------------------------------


def measures_of(unit_code: str) -> list[str]:
    """The measure codes on the unit's template, in template order."""
    return [a.measure_code for a in reference.assignments_for(2021, unit_code)]


def fill(ws, values: Callable[[str], tuple[object, object]]) -> None:
    """Type (本月完成, 累计完成) into every measure row of a template's progress sheet."""
    code_column = templates.column_number("measure_code")
    for row in range(templates.FIRST_MEASURE_ROW, ws.max_row + 1):
        code = ws.cell(row, code_column).value
        if code:
            month, ytd = values(str(code))
            ws.cell(row, templates.column_number("month_value")).value = month
            ws.cell(row, templates.column_number("ytd_value")).value = ytd


def good_values(code: str) -> tuple[float, float]:
    """Plausible values for March: 1 this month, 3 so far (a rate of 3 % too)."""
    return 1, 3


def filled_template(
    path: Path,
    unit_code: str,
    period: str = PERIOD,
    values: Callable[[str], tuple[object, object]] = good_values,
    edit: Callable[[openpyxl.Workbook], None] | None = None,
) -> Path:
    """The unit's template for `period` from the project's writer, filled in with openpyxl.

    The bytes depend only on the arguments and the file name (the 填报人 is named after the
    file, so two makers never give the same bytes by accident)."""
    wb = templates.build_template(unit_code, period, ISSUED)
    ws = wb[contract.PROGRESS_SHEET]
    tag = hashlib.sha256(f"{path.name}/{period}".encode(errors="surrogateescape")).hexdigest()[:6]
    ws.cell(*templates.header_value_cell("reporter")).value = f"填报员{tag}"
    ws.cell(*templates.header_value_cell("phone")).value = "027-00000000"
    fill(ws, values)
    if edit:
        edit(wb)
    return templates.save_workbook(wb, _parent(path))


def template_rows(unit_code: str, period: str = PERIOD) -> list[list[object]]:
    """The template's progress sheet as rows of values, filled with good values and a 填报人."""
    rows = templates.progress_sheet_rows(unit_code, period)
    for key, value in (("reporter", "张三"), ("phone", "027-00000000")):
        row, column = templates.header_value_cell(key)
        rows[row - 1][column - 1] = value
    month, ytd = templates.column_number("month_value") - 1, templates.column_number("ytd_value") - 1
    for row in rows[templates.FIRST_MEASURE_ROW - 1 :]:
        row[month], row[ytd] = good_values(str(row[1]))
    return rows


# --- raw zip and xlsx parts, for what no spreadsheet library would write --------------------


def _cell_ref(row: int, column: int) -> str:
    letters, n = "", column + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sheet_xml_rows(rows: list[list[object]], first_row: int = 0) -> str:
    """<row> elements for rows of values: numbers as <v>, text as inline strings."""
    out = []
    for r, values in enumerate(rows, start=first_row):
        cells = []
        for c, value in enumerate(values):
            if value is None or value == "":
                continue
            ref = _cell_ref(r, c)
            if isinstance(value, int | float):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{_escape(str(value))}</t></is></c>')
        out.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
    return "".join(out)


def workbook_parts(
    sheets: dict[str, bytes | str], shared_strings: bytes | str | None = None
) -> dict[str, bytes]:
    """The parts of a minimal .xlsx: one worksheet part per sheet (its <sheetData> content or a
    whole document starting with '<?xml'), and optionally a sharedStrings part."""
    names = list(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
        for i in range(1, len(names) + 1)
    )
    content_types = (
        f'{_XML_DECL}<Types xmlns="{_CT}"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
        f'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>'
    )
    rels = (
        f'{_XML_DECL}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" Type="{_REL}/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    sheet_entries = "".join(
        f'<sheet name="{_escape(name)}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(names, 1)
    )
    workbook = (
        f'{_XML_DECL}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>{sheet_entries}</sheets></workbook>'
    )
    sheet_rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(names) + 1)
    )
    if shared_strings is not None:
        sheet_rels += (
            f'<Relationship Id="rId{len(names) + 1}" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    parts = {
        "[Content_Types].xml": content_types.encode(),
        "_rels/.rels": rels.encode(),
        "xl/workbook.xml": workbook.encode(),
        "xl/_rels/workbook.xml.rels": (
            f'{_XML_DECL}<Relationships xmlns="{_PKG_REL}">{sheet_rels}</Relationships>'
        ).encode(),
    }
    for i, body in enumerate(sheets.values(), 1):
        data = body.encode() if isinstance(body, str) else body
        if not data.startswith(b"<?xml"):
            data = (
                f'{_XML_DECL}<worksheet xmlns="{_MAIN}"><sheetData>'.encode()
                + data
                + b"</sheetData></worksheet>"
            )
        parts[f"xl/worksheets/sheet{i}.xml"] = data
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = (
            shared_strings.encode() if isinstance(shared_strings, str) else shared_strings
        )
    return parts


def write_zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(_parent(path), "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def progress_xlsx(path: Path, rows: list[list[object]], sheet: str = contract.PROGRESS_SHEET) -> Path:
    """A one-sheet .xlsx holding `rows`, written part by part."""
    return write_zip(path, workbook_parts({sheet: sheet_xml_rows(rows)}))


def sheet_rows(unit: str = "金银湖街", period: object = PERIOD, rows: list[list[object]] | None = None):
    """A hand-made progress sheet: header block, table header and rows (S06's measures by default)."""
    body = rows if rows is not None else template_rows("S06")[templates.FIRST_MEASURE_ROW - 1 :]
    return [
        [contract.TITLE],
        ["填报单位", unit],
        ["报送月份", period],
        ["填报人", "张三", None, "联系电话", "13800000000"],
        [],
        _HEADER,
        *body,
    ]


# --- the file as a whole --------------------------------------------------------------------


def empty_file(path: Path) -> Path:
    """Zero bytes under a spreadsheet's name."""
    _parent(path).write_bytes(b"")
    return path


def truncated_xlsx(path: Path) -> Path:
    """A filled template cut off halfway, as an interrupted upload leaves it."""
    filled_template(path, "S06")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def bit_flipped_xlsx(path: Path) -> Path:
    """A filled template with bytes flipped inside its compressed progress sheet (a bad disk)."""
    filled_template(path, "S06")
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 16, start + info.compress_size - 16, 61):
        data[offset] ^= 0xA5
    path.write_bytes(bytes(data))
    return path


def pdf_renamed(path: Path) -> Path:
    """A PDF document renamed to .xlsx."""
    _parent(path).write_bytes(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        + _random_bytes(2000)
        + b"\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )
    return path


def png_renamed(path: Path) -> Path:
    """A PNG picture (a screenshot of the report) renamed to .xlsx."""
    header = (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", 13)
        + b"IHDR"
        + struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0)
    )
    _parent(path).write_bytes(header + struct.pack(">I", zlib.crc32(header[12:])) + _random_bytes(3000))
    return path


def docx_renamed(path: Path) -> Path:
    """A Word document (a zip, but not a workbook) renamed to .xlsx."""
    return write_zip(
        path,
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="' + _CT.encode() + b'"/>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="' + _PKG_REL.encode() + b'"/>',
            "word/document.xml": "<w:document><w:body><w:p><w:t>月度进展</w:t></w:p></w:body></w:document>".encode(),
        },
    )


def _cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (version 3, 512-byte sectors) holding `streams`, each at least
    4096 bytes so they live in regular sectors (no mini stream)."""
    sector, end, free, fat_sector, no_stream = 512, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [fat_sector, end]  # sector 0: the FAT, sector 1: the directory
    starts, body = [], b""
    for data in streams.values():
        assert len(data) >= 4096, "streams under 4096 bytes belong in the mini stream"
        padded = data + b"\0" * (-len(data) % sector)
        count = len(padded) // sector
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [end]
        body += padded
    fat += [free] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, colour: int, left: int, right: int, child: int, start: int, size: int):
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB3I", len(encoded), kind, colour, left, right, child)
            + b"\0" * 36
            + struct.pack("<IQ", start, size)
        )

    names = list(streams)
    directory = entry("Root Entry", 5, 1, no_stream, no_stream, 1, end, 0)
    for i, name in enumerate(names, 1):
        right = i + 1 if i < len(names) else no_stream  # names sorted by length: a chain to the right
        directory += entry(
            name, 2, 1 if i == 1 else 0, no_stream, right, no_stream, starts[i - 1], len(streams[name])
        )
    directory = directory.ljust(sector, b"\0")
    difat = struct.pack("<I", 0) + struct.pack("<I", free) * 108
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + difat
    )
    return header + struct.pack("<128I", *fat) + directory + body


def password_protected(path: Path) -> Path:
    """How Excel saves a workbook with an open password: an OLE file holding an EncryptionInfo
    and an EncryptedPackage stream (the xlsx, encrypted) instead of a zip."""
    info = (
        struct.pack("<HHI", 4, 4, 0x40)
        + b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption xmlns='
        b'"http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" '
        b'keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" '
        b'hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>'
    ).ljust(4096, b" ")
    package = struct.pack("<Q", 8000) + _random_bytes(8192)
    _parent(path).write_bytes(_cfb({"EncryptionInfo": info, "EncryptedPackage": package}))
    return path


def encrypted_ods(path: Path) -> Path:
    """A LibreOffice spreadsheet saved with a password: its manifest lists encryption data."""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
        'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path='
        '"/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="4000">'
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
        '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
        "</manifest:encryption-data></manifest:file-entry></manifest:manifest>"
    )
    with zipfile.ZipFile(_parent(path), "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", _random_bytes(4000))
    return path


def oversized(path: Path) -> Path:
    """A 21 MB file (over the 20 MB limit) that takes no space on disk: a sparse file."""
    with _parent(path).open("wb") as f:
        f.write(b"PK\x03\x04")
        f.truncate(21 * MB)
    return path


def unsupported_type(path: Path) -> Path:
    """A Word document sent under its own name (.docx)."""
    return write_zip(
        path, {"[Content_Types].xml": b"<Types/>", "word/document.xml": "<w:t>说明</w:t>".encode()}
    )


# --- bombs ------------------------------------------------------------------------------------


def far_cell(path: Path) -> Path:
    """A real header and one value at XFD1048576: a naive reader allocates 17 billion cells."""
    rows = sheet_xml_rows(sheet_rows()) + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return write_zip(path, workbook_parts({contract.PROGRESS_SHEET: rows}))


def far_cell_disguised(path: Path) -> Path:
    """The same, the far cell written as no spreadsheet program writes it but any XML parser accepts."""
    far = "<row r='1048576'><c\ts='0'\tr='XFD1048576'><v>1</v></c></row>"
    return write_zip(path, workbook_parts({contract.PROGRESS_SHEET: sheet_xml_rows(sheet_rows()) + far}))


def shared_string_bomb(path: Path) -> Path:
    """One 2 MB shared string (random, so it does not compress) in 60 cells: 120 MB expanded."""
    text = codecs.encode(_random_bytes(1_500_000), "base64").decode().replace("\n", "")
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, 61))
    sst = f'{_XML_DECL}<sst xmlns="{_MAIN}" count="60" uniqueCount="1"><si><t>{text}</t></si></sst>'
    return write_zip(path, workbook_parts({contract.PROGRESS_SHEET: cells}, sst))


def _streamed_sheet(path: Path, head: bytes, filler: bytes, megabytes: int, tail: bytes) -> Path:
    """An .xlsx whose sheet is head + `megabytes` MB of `filler` + tail, compressed as it is
    written so the whole sheet is never in memory."""
    parts = workbook_parts({contract.PROGRESS_SHEET: b""})
    del parts["xl/worksheets/sheet1.xml"]
    chunk = filler * (MB // len(filler))
    with zipfile.ZipFile(_parent(path), "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(head)
            for _ in range(megabytes):
                sheet.write(chunk)
            sheet.write(tail)
    return path


def whitespace_400mb(path: Path) -> Path:
    """A sheet holding two cells and 400 MB of spaces between them, a few hundred KB zipped."""
    head = f'{_XML_DECL}<worksheet xmlns="{_MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
    tail = b'<row r="2"><c r="A2"><v>2</v></c></row></sheetData></worksheet>'
    return _streamed_sheet(path, head.encode(), b" ", 400, tail)


def whitespace_64mb(path: Path) -> Path:
    """64 MB of spaces in one sheet: under the expanded-size limit, but compressed 1000-fold."""
    head = f'{_XML_DECL}<worksheet xmlns="{_MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
    tail = b'<row r="2"><c r="A2"><v>2</v></c></row></sheetData></worksheet>'
    return _streamed_sheet(path, head.encode(), b" ", 64, tail)


def _lol_doctype(root: str) -> str:
    entities = ['<!ENTITY lol0 "lollollollollollollollollollol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return f"<!DOCTYPE {root} [{''.join(entities)}]>"


def billion_laughs_shared_strings(path: Path) -> Path:
    """Nested XML entities in sharedStrings.xml (a billion laughs): 30 GB if expanded."""
    rows = sheet_rows(unit="UNIT")
    table = sheet_xml_rows(rows).replace(
        '<c r="B2" t="inlineStr"><is><t>UNIT</t></is></c>', '<c r="B2" t="s"><v>0</v></c>'
    )
    sst = f'<?xml version="1.0"?>{_lol_doctype("sst")}<sst xmlns="{_MAIN}"><si><t>&lol9;</t></si></sst>'
    return write_zip(path, workbook_parts({contract.PROGRESS_SHEET: table}, sst))


def billion_laughs_sheet(path: Path) -> Path:
    """Nested XML entities in the worksheet XML itself, used in the 填报单位 cell."""
    rows = sheet_xml_rows(sheet_rows(unit="UNIT")).replace("<t>UNIT</t>", "<t>&lol9;</t>")
    xml = (
        f'<?xml version="1.0"?>{_lol_doctype("worksheet")}<worksheet xmlns="{_MAIN}">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )
    return write_zip(path, workbook_parts({contract.PROGRESS_SHEET: xml}))


def external_entity(path: Path) -> Path:
    """An XML external entity naming /etc/passwd as the 填报单位 (XXE): must never be read."""
    rows = sheet_rows(unit="UNIT")
    table = sheet_xml_rows(rows).replace(
        '<c r="B2" t="inlineStr"><is><t>UNIT</t></is></c>', '<c r="B2" t="s"><v>0</v></c>'
    )
    sst = (
        '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f'<sst xmlns="{_MAIN}"><si><t>&xxe;</t></si></sst>'
    )
    return write_zip(path, workbook_parts({contract.PROGRESS_SHEET: table}, sst))


def many_entries_zip(path: Path, entries: int = 3000) -> Path:
    """A valid workbook padded with thousands of tiny zip entries."""
    parts = workbook_parts({contract.PROGRESS_SHEET: sheet_xml_rows(sheet_rows())})
    parts |= {f"customXml/item{i}.xml": b"<a/>" for i in range(entries)}
    return write_zip(path, parts)


def _raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip written by hand: (name, deflated data, declared size, declared crc) per entry."""
    local, central = b"", b""
    for name, data, size, crc in entries:
        encoded = name.encode()
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0x800, 8, 0, 0x21, crc, len(data), size, len(encoded), 0
        )
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50, 20, 20, 0x800, 8, 0, 0x21, crc, len(data), size, len(encoded), 0, 0, 0, 0, 0, len(local),
        ) + encoded  # fmt: skip
        local += header + encoded + data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(local), 0)
    return local + central + end


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def lying_zip_sizes(path: Path) -> Path:
    """A workbook whose sharedStrings part says it is 200 bytes but inflates to 300 MB of text."""
    rows = sheet_xml_rows(sheet_rows(unit="UNIT")).replace(
        '<c r="B2" t="inlineStr"><is><t>UNIT</t></is></c>', '<c r="B2" t="s"><v>0</v></c>'
    )
    parts = workbook_parts({contract.PROGRESS_SHEET: rows}, "")
    compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
    head = f'{_XML_DECL}<sst xmlns="{_MAIN}"><si><t>'.encode()
    bomb = compressor.compress(head)
    chunk = b"A" * MB
    for _ in range(300):
        bomb += compressor.compress(chunk)
    bomb += compressor.compress(b"</t></si></sst>") + compressor.flush()
    entries = [
        (name, _deflate(data), len(data), zlib.crc32(data))
        for name, data in parts.items()
        if name != "xl/sharedStrings.xml"
    ]
    entries.append(("xl/sharedStrings.xml", bomb, 200, 0x12345678))
    _parent(path).write_bytes(_raw_zip(entries))
    return path


def repeated_cells_ods(path: Path) -> Path:
    """A 1 KB .ods whose one cell is repeated 5,000 times across 10,000 rows (50 million cells)."""
    odf = "urn:oasis:names:tc:opendocument:xmlns"
    manifest = (
        f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="{odf}:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{odf}:office:1.0" '
        f'xmlns:table="{odf}:table:1.0" xmlns:text="{odf}:text:1.0" office:version="1.2"><office:body>'
        '<office:spreadsheet><table:table table:name="月度进展"><table:table-row table:number-rows-repeated='
        '"10000"><table:table-cell table:number-columns-repeated="5000" office:value-type="float" '
        'office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(_parent(path), "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def rows_100k(path: Path) -> Path:
    """100,000 measure rows, all the same measure: every row after the first is a duplicate."""
    body = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="inlineStr"><is><t>I04</t></is></c>'
        f'<c r="F{r}"><v>{r % 7}</v></c><c r="G{r}"><v>{r % 7 + r % 5}</v></c></row>'
        for r in range(7, 100_007)
    )
    return write_zip(
        path, workbook_parts({contract.PROGRESS_SHEET: sheet_xml_rows(sheet_rows(rows=[])) + body})
    )


def cells_under_the_limit(path: Path) -> Path:
    """A sheet of 1.9 million numbers (19,000 rows of 100), just under the reader's 2 million."""
    rows = "".join(
        f'<row r="{r + 1}">'
        + "".join(f'<c r="{_cell_ref(r, c)}"><v>{c}</v></c>' for c in range(100))
        + "</row>"
        for r in range(19_000)
    )
    return write_zip(path, workbook_parts({"数据": rows}))


def csv_over_row_limit(path: Path) -> Path:
    """A CSV export with 100,001 rows, one over the limit."""
    lines = ["填报单位,金银湖街", f"报送月份,{PERIOD}", ",".join(_HEADER)]
    lines += [f"{i},I04,,,,1,1," for i in range(100_001 - len(lines) + 1)]
    _parent(path).write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def many_sheets(path: Path, sheets: int = 200) -> Path:
    """P03's filled sheet as sheet 200 of 200 (not named 月度进展): 199 sheets of notes are read first."""
    rows = template_rows("P03")
    parts = {f"说明{i}": sheet_xml_rows([[f"附注{i}"], ["本页无数据"]]) for i in range(1, sheets)}
    parts[f"第{sheets}页"] = sheet_xml_rows(rows)
    return write_zip(path, workbook_parts(parts))


def huge_merged_range(path: Path) -> Path:
    """P04's filled template with a merged area from the row under the table to XFD1048576."""
    filled_template(path, "P04")
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    last_row = max(int(r) for r in re.findall(rb'<row r="(\d+)"', sheet))
    merge = b'<mergeCell ref="A%d:XFD1048576"/></mergeCells>' % (last_row + 2)
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b"</mergeCells>", merge, 1)
    return write_zip(path, parts)


def zip_slip(path: Path) -> Path:
    """P05's filled template with an extra zip entry named ../../../../tmp/<marker>: never extracted."""
    filled_template(path, "P05")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(f"../../../../../tmp/{ZIP_SLIP_MARKER}", b"owned")
    return path


ZIP_SLIP_MARKER = "tineng-reliability-zip-slip-marker"


def rels_outside_archive(path: Path) -> Path:
    """A workbook whose sheet relationship points outside the zip at /etc/passwd."""
    parts = workbook_parts({contract.PROGRESS_SHEET: sheet_xml_rows(sheet_rows())})
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b'Target="worksheets/sheet1.xml"', b'Target="../../../../../../etc/passwd"'
    )
    return write_zip(path, parts)


def _patch_headers(
    path: Path, part: str | None, local: int | None, central: int, fmt: str, value: int
) -> Path:
    """Set one field of the zip headers of `part` (every part if None): at offset `local` of its
    local header (skipped if None) and `central` of its central-directory entry."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        infos, position = archive.infolist(), archive.start_dir
    for info in infos:
        name_size, extra_size, comment_size = struct.unpack_from("<HHH", data, position + 28)
        if part is None or info.filename == part:
            if local is not None:
                struct.pack_into(fmt, data, info.header_offset + local, value)
            struct.pack_into(fmt, data, position + central, value)
        position += 46 + name_size + extra_size + comment_size
    path.write_bytes(bytes(data))
    return path


def styles_fail_crc(path: Path) -> Path:
    """A filled template whose styles part does not match its CRC (read late, for percentages)."""
    filled_template(path, "S06")
    return _patch_headers(path, "xl/styles.xml", 14, 16, "<I", 0xDEADBEEF)


def zip_version_too_new(path: Path) -> Path:
    """A filled template whose zip directory says it needs zip version 8.4 to extract."""
    filled_template(path, "S06")
    return _patch_headers(path, "docProps/app.xml", None, 6, "<H", 84)


def deflate64_sheet(path: Path) -> Path:
    """A filled template whose progress sheet claims compression method 9 (Deflate64)."""
    filled_template(path, "S06")
    return _patch_headers(path, "xl/worksheets/sheet1.xml", 8, 10, "<H", 9)


def zip_encrypted_entries(path: Path) -> Path:
    """A filled template whose zip entries are flagged as encrypted (a zip-tool password)."""
    filled_template(path, "S06")
    return _patch_headers(path, None, 6, 8, "<H", 0x0801)


def cell_beyond_grid(path: Path) -> Path:
    """A real header and one value at A99999999999, a row no spreadsheet has (nor the scan expects)."""
    rows = sheet_xml_rows(sheet_rows()) + '<row r="99999999999"><c r="A99999999999"><v>1</v></c></row>'
    return write_zip(path, workbook_parts({contract.PROGRESS_SHEET: rows}))


def cell_beyond_grid_alone(path: Path) -> Path:
    """Only a 序号 header and the value at A99999999999: column A is the sheet's whole width."""
    rows = sheet_xml_rows([["序号"]]) + '<row r="99999999999"><c r="A99999999999"><v>1</v></c></row>'
    return write_zip(path, workbook_parts({contract.PROGRESS_SHEET: rows}))


def xlsm_with_macros(path: Path) -> Path:
    """区人社局 (D05)'s filled template saved as .xlsm with a VBA project (never run)."""
    filled_template(path, "D05")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/vbaProject.bin", _cfb({"VBA": b"Sub AutoOpen()\r\n" + b"\0" * 4096}))
    return path


# --- who and when -------------------------------------------------------------------------------


def _set_header(wb, key: str, value: object) -> None:
    wb[contract.PROGRESS_SHEET].cell(*templates.header_value_cell(key)).value = value


def wrong_unit(path: Path) -> Path:
    """金银湖街's template (its 单位编码 S06 and stamp) with 填报单位 changed to 慈惠街."""
    return filled_template(path, "S06", edit=lambda wb: _set_header(wb, "unit", "慈惠街"))


def unknown_unit(path: Path) -> Path:
    """A hand-made sheet from a unit that is not in the plan (火星街道)."""
    return progress_xlsx(path, sheet_rows(unit="火星街道"))


def unknown_unit_on_template(path: Path) -> Path:
    """金银湖街's template with 填报单位 overwritten by a unit not in the plan; 单位编码 cleared."""

    def edit(wb):
        _set_header(wb, "unit", "火星街道")
        _set_header(wb, "unit_code", None)

    return filled_template(path, "S06", edit=edit)


def missing_unit(path: Path) -> Path:
    """A hand-made sheet whose header block has no 填报单位 at all."""
    rows = sheet_rows()
    del rows[1]
    return progress_xlsx(path, rows)


def wrong_period(path: Path) -> Path:
    """February's template, filled in, put in March's folder."""
    return filled_template(path, "S06", period="2021-02")


def future_period(path: Path) -> Path:
    """A sheet saying it reports for May 2030."""
    return progress_xlsx(path, sheet_rows(period="2030-05"))


def unreadable_period(path: Path) -> Path:
    """A sheet whose 报送月份 is 2021年13月."""
    return progress_xlsx(path, sheet_rows(period="2021年13月"))


def filing_for_another(path: Path) -> Path:
    """金银湖街's filled template, saved under a file name for 慈惠街 (S02)."""
    return filled_template(path, "S06")


def file_name_month_differs(path: Path) -> Path:
    """金银湖街's March template saved under a file name saying April."""
    return filled_template(path, "S06")


# --- rows and values -------------------------------------------------------------------------


def duplicate_measure_rows(path: Path) -> Path:
    """金银湖街's template with its I04 row copied under the table."""

    def edit(wb):
        ws = wb[contract.PROGRESS_SHEET]
        source = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "I04")
        target = ws.max_row + 1
        for column in range(1, len(_HEADER) + 1):
            ws.cell(target, column).value = ws.cell(source, column).value

    return filled_template(path, "S06", edit=edit)


def negative_cumulative(path: Path) -> Path:
    """金银湖街's template with -5 as 累计完成 of I04 (a cumulative count)."""
    return filled_template(path, "S06", values=lambda code: (1, -5) if code == "I04" else (1, 3))


def absurd_values(path: Path) -> Path:
    """走马岭街 (S04) reporting 10^12 new enterprises for I04: a number, so accepted; the check warns."""
    return filled_template(path, "S04", values=lambda code: (1e12, 1e12) if code == "I04" else (1, 3))


def text_in_numbers(path: Path) -> Path:
    """金银湖街's template with 'about five' and '见附件' typed into number cells."""
    return filled_template(
        path, "S06", values=lambda code: ("大约五家", "见附件") if code == "I04" else (1, 3)
    )


def formulas_without_values(path: Path) -> Path:
    """金银湖街's template with formulas as values, saved by openpyxl (no cached results)."""
    return filled_template(path, "S06", values=lambda code: ("=1+1", "=SUM(1,2)"))


def old_template_version(path: Path) -> Path:
    """新沟镇街 (S05) filling a template stamped version 1 in its hidden _meta sheet."""

    def edit(wb):
        meta = wb[contract.META_SHEET]
        meta.cell(contract.META_KEYS.index("template_version") + 1, 2).value = "1"

    return filled_template(path, "S05", edit=edit)


def no_progress_table(path: Path) -> Path:
    """A workbook with the header block and a letter, but no progress table."""
    rows = [*sheet_rows(rows=[])[:4], [], ["本月工作总结：各项工作有序推进。"]]
    return progress_xlsx(path, rows)


def measure_not_assigned(path: Path) -> Path:
    """现代服务业办 (P06) adding a row for I05, a measure of 区科经局 only."""

    def edit(wb):
        ws = wb[contract.PROGRESS_SHEET]
        measure = reference.measures(2021)["I05"]
        ws.append([99, "I05", measure.name, measure.uom, None, 1, 2, None])

    return filled_template(path, "P06", edit=edit)


def control_characters_csv(path: Path) -> Path:
    """A CSV whose number cells hold terminal escapes and a bell (ESC [31m, BEL)."""
    rows = sheet_rows()
    rows[6][5], rows[6][6] = "\x1b[31m12\x1b[0m", "3\x07"
    return _write_csv(path, rows, "utf-8")


def _template_cell(ws, code: str, key: str):
    """The cell of `key` (a progress column) in the row of measure `code` on a template sheet."""
    column = templates.column_number("measure_code")
    row = next(
        r for r in range(templates.FIRST_MEASURE_ROW, ws.max_row + 1) if ws.cell(r, column).value == code
    )
    return ws.cell(row, templates.column_number(key))


def nan_and_infinity(path: Path) -> Path:
    """A hand-made sheet whose I04 cells hold NaN and infinity as numbers (<v>nan</v>, <v>inf</v>),
    as a script writing with NumPy leaves them."""
    body = template_rows("S06")[templates.FIRST_MEASURE_ROW - 1 :]
    row = next(r for r in body if r[1] == "I04")
    row[5], row[6] = float("nan"), float("inf")
    return progress_xlsx(path, sheet_rows(rows=body))


def nan_and_infinity_csv(path: Path) -> Path:
    """A CSV export whose I04 cells say nan and -inf (what pandas writes for them)."""
    rows = sheet_rows()
    row = next(r for r in rows if len(r) > 1 and r[1] == "I04")
    row[5], row[6] = "nan", "-inf"
    return _write_csv(path, rows, "utf-8")


def formula_errors(path: Path) -> Path:
    """金银湖街's template whose I04 cells show #DIV/0! and #N/A (error cells, t="e", as Excel saves
    a failed formula's result)."""
    return filled_template(path, "S06", values=lambda code: ("#DIV/0!", "#N/A") if code == "I04" else (1, 3))


def digits_apart(path: Path) -> Path:
    """金银湖街's template with "5 6" and "1 200" typed into I04's cells."""
    return filled_template(path, "S06", values=lambda code: ("5 6", "1 200") if code == "I04" else (1, 3))


def header_states_wan_yuan(path: Path) -> Path:
    """金银湖街's template (counts and a rate) whose 本月完成 header was changed to 本月完成（万元）."""

    def edit(wb):
        ws = wb[contract.PROGRESS_SHEET]
        ws.cell(
            templates.PROGRESS_HEADER_ROW, templates.column_number("month_value")
        ).value = "本月完成（万元）"

    return filled_template(path, "S06", edit=edit)


def fraction_rates(code: str) -> tuple[float, float]:
    """A rate typed as a fraction (0.01 for 1 %), the rest as good_values."""
    return (0.01, 0.03) if code == "I01" else good_values(code)


def rate_as_fraction_in_february(path: Path) -> Path:
    """金银湖街's February template, its rate typed as 0.01 and 0.03 in cells not formatted as
    percentages; in March's folder, so it is rejected and the rows do not land."""
    return filled_template(path, "S06", period="2021-02", values=fraction_rates)


def period_date_serial(path: Path) -> Path:
    """A hand-made sheet whose 报送月份 is the date serial number 44256 (2021-03-01 shown as General)."""
    return progress_xlsx(path, sheet_rows(period=44256))


def _workbook(path: Path, sheets: dict[str, tuple[list[list[object]], str]]) -> Path:
    """An .xlsx written by openpyxl: sheet name -> (rows, state: visible, hidden or veryHidden)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, (rows, state) in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        ws.sheet_state = state
    wb.save(_parent(path))
    return path


def hidden_progress_sheet(path: Path) -> Path:
    """A visible sheet of February next to a hidden 月度进展 of March: only the visible one counts."""
    return _workbook(
        path,
        {
            "二月进展": (sheet_rows(period="2021-02"), "visible"),
            contract.PROGRESS_SHEET: (sheet_rows(), "hidden"),
        },
    )


def very_hidden_progress_sheet(path: Path) -> Path:
    """A visible sheet of notes next to a very hidden 月度进展 holding a filled table."""
    notes = [["本月工作总结：各项工作有序推进。"]]
    return _workbook(
        path, {"说明": (notes, "visible"), contract.PROGRESS_SHEET: (sheet_rows(), "veryHidden")}
    )


def two_units_in_one_workbook(path: Path) -> Path:
    """金银湖街's progress sheet and 径河街's in one workbook, as an office collecting both sends it."""
    jinghe = template_rows("S07")[templates.FIRST_MEASURE_ROW - 1 :]
    return _workbook(
        path,
        {
            "金银湖街": (sheet_rows(), "visible"),
            "径河街": (sheet_rows(unit="径河街", rows=jinghe), "visible"),
        },
    )


def invisible_character_in_unit(path: Path) -> Path:
    """金银湖街's template whose 填报单位 ends in a zero-width space (pasted from a web page)."""
    return filled_template(path, "S06", edit=lambda wb: _set_header(wb, "unit", "金银湖街\u200b"))


def code_column_sorted_alone(path: Path) -> Path:
    """金银湖街's template after its 指标编码 column alone was sorted: every code names another row."""

    def edit(wb):
        ws = wb[contract.PROGRESS_SHEET]
        column = templates.column_number("measure_code")
        rows = range(templates.FIRST_MEASURE_ROW, ws.max_row + 1)
        codes = [ws.cell(r, column).value for r in rows]
        for r, code in zip(rows, codes[1:] + codes[:1], strict=True):
            ws.cell(r, column).value = code

    return filled_template(path, "S06", edit=edit)


LONG_NOTE = "本月组织企业走访，" * 70  # 630 characters


def long_note(path: Path) -> Path:
    """金银湖街's template with a 630-character 进展情况说明 on its I04 row."""

    def edit(wb):
        _template_cell(wb[contract.PROGRESS_SHEET], "I04", "note").value = LONG_NOTE

    return filled_template(path, "S06", edit=edit)


def jpeg_photo(path: Path) -> Path:
    """A photo of the printed report (JPEG bytes)."""
    _parent(path).write_bytes(
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + _random_bytes(3000)
    )
    return path


# --- saved by LibreOffice ---------------------------------------------------------------------


def libreoffice() -> str | None:
    """The LibreOffice program, if installed."""
    return shutil.which("soffice")


def percent_formatted(wb) -> None:
    """Format the rate's cells as percentages (0% and 0.0%), as a clerk does before typing 1%."""
    ws = wb[contract.PROGRESS_SHEET]
    _template_cell(ws, "I01", "month_value").number_format = "0%"
    _template_cell(ws, "I01", "ytd_value").number_format = "0.0%"


def convert_with_libreoffice(source: Path, suffix: str, path: Path) -> Path:
    """`source` opened and saved as `suffix` by LibreOffice (headless, its own profile), at `path`."""
    with tempfile.TemporaryDirectory(prefix="tineng-soffice-") as tmp:
        command = [
            libreoffice(),
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--convert-to",
            suffix,
            "--outdir",
            tmp,
            str(source),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=180)
        shutil.copyfile(Path(tmp) / f"{source.stem}.{suffix}", _parent(path))
    return path


def saved_by_libreoffice(
    unit_code: str,
    suffix: str,
    values: Callable[[str], tuple[object, object]] = good_values,
    edit: Callable[[openpyxl.Workbook], None] | None = None,
) -> Callable[[Path], Path]:
    """The maker of a unit's filled template saved by LibreOffice as .ods, .xls or .xlsx."""

    def make(path: Path) -> Path:
        with tempfile.TemporaryDirectory(prefix="tineng-source-") as tmp:
            source = filled_template(Path(tmp) / f"{unit_code}.xlsx", unit_code, values=values, edit=edit)
            return convert_with_libreoffice(source, suffix, path)

    return make


def libreoffice_template(unit_code: str, suffix: str) -> Callable[[Path], Path]:
    """A unit's template with its rate typed as 1 % and 3 % into percentage cells (which hold 0.01
    and 0.03), saved by LibreOffice."""
    return saved_by_libreoffice(unit_code, suffix, fraction_rates, percent_formatted)


def libreoffice_formula_errors(path: Path) -> Path:
    """金银湖街's template with formulas =1/0 and =NA() in I04's cells, computed and saved by
    LibreOffice as .ods (the cells show #DIV/0! and #N/A)."""
    errors = saved_by_libreoffice("S06", "ods", lambda code: ("=1/0", "=NA()") if code == "I04" else (1, 3))
    return errors(path)


# --- CSV -------------------------------------------------------------------------------------------


def _write_csv(path: Path, rows: list[list[object]], encoding: str, newline: str = "\n") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows([["" if v is None else v for v in r] for r in rows])
    _parent(path).write_bytes(buffer.getvalue().encode(encoding))
    return path


def csv_bom_crlf(path: Path) -> Path:
    """径河街 (S07)'s sheet exported as CSV by Excel: UTF-8 with a BOM, Windows line endings."""
    return _write_csv(path, template_rows("S07"), "utf-8-sig", "\r\n")


def csv_utf16_no_bom(path: Path) -> Path:
    """A CSV in UTF-16 without a byte-order mark."""
    return _write_csv(path, sheet_rows(), "utf-16-le")


def csv_random_bytes(path: Path) -> Path:
    """A .csv of bytes that are neither UTF-8 nor GBK (and hold no NUL)."""
    data = bytes(b or 0xFF for b in _random_bytes(6000))
    _parent(path).write_bytes(b"\x80\xff" + data)
    return path


def csv_huge_field(path: Path) -> Path:
    """A CSV whose note cell is 1 MB of text (over the csv module's default field limit)."""
    rows = sheet_rows()
    rows[6][7] = "很长的说明，" * (MB // 18)
    return _write_csv(path, rows, "utf-8")


def xls_that_is_xlsx(path: Path) -> Path:
    """将军路街 (S08)'s filled .xlsx template saved as .xls (WPS does this)."""
    return filled_template(path, "S08")


# --- file names and the file system ----------------------------------------------------------


def gbk_name(name: str) -> str:
    """`name` as a Windows zip tool stores it (GBK bytes), unzipped on Linux: not valid UTF-8."""
    return os.fsdecode(name.encode("gbk"))


GBK_NAME = gbk_name("2021年3月区人社局月报.xlsx")
# Names that look like paths, reorder text, hold emoji, escapes or a newline, or fill 255 bytes.
SLASH_LOOKALIKE_NAME = "2021-03_S09_..\u2215..\u2215etc\u2215passwd.xlsx"  # U+2215 DIVISION SLASH
DOT_SLASH_LOOKALIKE_NAME = "..\u2215..\u2215x.xlsx"  # starts with a dot: a hidden file
RTL_OVERRIDE_NAME = "2021-03_S10_\u202excod.exe.xlsx"  # U+202E shows it as ...xlsx.exe.docx
EMOJI_NAME = "📊2021年3月报表🔥✅.xlsx"
CONTROL_CHARACTER_NAME = "\x1b[31m2021-03_D01\x07\n报表.xlsx"
LONG_NAME = "长" * 83 + ".xlsx"  # 254 bytes in UTF-8, the most a Linux file name holds


def good_file(unit_code: str, period: str = PERIOD) -> Callable[[Path], Path]:
    """The maker of a unit's filled template, whatever the file is called."""
    return lambda path: filled_template(path, unit_code, period)


def file_without_plan(unit_code: str, period: str) -> Callable[[Path], Path]:
    """The maker of a unit's filled template pointed at a month no loaded plan covers (a 2021
    template whose month cells say `period`, as a clerk reusing last year's file would send)."""
    restamp = lambda wb: templates.set_period(wb, period, ISSUED)  # noqa: E731
    return lambda path: filled_template(path, unit_code, edit=restamp)


def copy_of(name: str) -> Callable[[Path], Path]:
    """The maker of a byte-for-byte copy of file `name` of the same folder, under another name."""
    return lambda path: shutil.copyfile(path.parent / name, _parent(path))


def copy_from(relative: str) -> Callable[[Path], Path]:
    """The maker of a copy of raw/`relative` (for a file at raw/<YYYY-MM>/<name>)."""
    return lambda path: shutil.copyfile(path.parents[1] / relative, _parent(path))


def far_future_mtime(path: Path) -> Path:
    """区金融办 (D13)'s filled template modified 2^40 s after 1970, in year 36812 (ext4 keeps 2446)."""
    filled_template(path, "D13")
    os.utime(path, (2**40, 2**40))
    return path


def unreadable(path: Path) -> Path:
    """A filled template nobody may read (mode 000), as a copy from another account leaves it."""
    filled_template(path, "S04")
    path.chmod(0)
    return path


def symlink_to_passwd(path: Path) -> Path:
    """A symbolic link to /etc/passwd named like a CSV submission."""
    _parent(path).symlink_to("/etc/passwd")
    return path


def symlink_to_etc(path: Path) -> Path:
    """A symbolic link to the /etc directory inside the month folder."""
    _parent(path).symlink_to("/etc", target_is_directory=True)
    return path


def fifo(path: Path) -> Path:
    """A named pipe called .csv: opening it for reading would block forever."""
    os.mkfifo(_parent(path))
    return path


def directory_named_xlsx(path: Path) -> Path:
    """A folder whose name ends in .xlsx."""
    path.mkdir(parents=True)
    return path


def office_lock_file(path: Path) -> Path:
    """The ~$ lock file Excel leaves next to an open workbook (162 bytes of owner name)."""
    _parent(path).write_bytes(b"\x05zhang" + b"\0" * 156)
    return path


# --- fuzzing ---------------------------------------------------------------------------------------


def fuzzed(seed: int, unit_code: str = "S06", period: str = PERIOD) -> Callable[[Path], Path]:
    """The maker of a filled template damaged at random (seeded): bits flipped, cut short, a run of
    bytes zeroed, or one part's XML mangled and zipped again with valid CRCs."""

    def make(path: Path) -> Path:
        rng = random.Random(seed)
        data = bytearray(filled_template(path, unit_code, period).read_bytes())
        how = rng.choice(("flip", "cut", "zero", "mangle"))
        if how == "flip":
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        elif how == "cut":
            data = data[: rng.randrange(len(data))]
        elif how == "zero":
            start, length = rng.randrange(len(data)), rng.randint(1, 200)
            data[start : start + length] = bytes(len(data[start : start + length]))
        else:
            with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
                parts = {name: bytearray(archive.read(name)) for name in archive.namelist()}
            xml = parts[rng.choice(sorted(parts))]
            for _ in range(rng.randint(1, 10)):
                at = rng.randrange(len(xml))
                xml[at : at + 1] = rng.choice(
                    (b"<", b">", b'"', b"&", b"\xff", b"", b"9" * rng.randint(1, 12))
                )
            out = io.BytesIO()
            write_zip_to(out, {name: bytes(part) for name, part in parts.items()})
            data = bytearray(out.getvalue())
        path.write_bytes(bytes(data))
        return path

    return make


def write_zip_to(target, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, ISSUED.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)
