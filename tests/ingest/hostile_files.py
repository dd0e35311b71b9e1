"""Files that would hurt a naive reader, each written for real: bombs, damage, disguises."""

import base64
import os
import struct
import zipfile
from pathlib import Path

from tests.ingest.conftest import inline_cell, template_sheets, write_raw_xlsx, write_xls, write_xlsx

_ODF = "urn:oasis:names:tc:opendocument:xmlns"
_ODS_MANIFEST = (
    f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="{_ODF}:manifest:1.0" '
    'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'
)
_ODS_CONTENT = (
    f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{_ODF}:office:1.0" '
    f'xmlns:table="{_ODF}:table:1.0" xmlns:text="{_ODF}:text:1.0" office:version="1.2"><office:body>'
    '<office:spreadsheet><table:table table:name="月度进展"><table:table-row '
    'table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="{columns}" '
    'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
    "</table:table></office:spreadsheet></office:body></office:document-content>"
)


def far_cell(path: Path) -> Path:
    """A value in A1 and one at XFD1048576: calamine would allocate 16384 x 1048576 cells and abort."""
    return write_raw_xlsx(
        path,
        f'<row r="1">{inline_cell("A1", "序号")}</row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
    )


def far_cell_disguised(path: Path) -> Path:
    """The same, written the way no spreadsheet program writes it but any XML parser accepts."""
    far = "<c\ts='0'\tr='XFD1048576'><v>1</v></c>"
    return write_raw_xlsx(path, f'<row r="1">{inline_cell("A1", "序号")}</row><row r="1048576">{far}</row>')


def cell_beyond_grid(path: Path) -> Path:
    """A cell at A99999999999, past the last row Excel has: calamine reads it all the same."""
    far = '<row r="99999999999"><c r="A99999999999"><v>1</v></c></row>'
    return write_raw_xlsx(path, f'<row r="1">{inline_cell("A1", "序号")}</row>{far}')


def shared_string_bomb(path: Path) -> Path:
    """One 2 MB string of random text, referenced by 60 cells: small on disk, 120 MB once expanded."""
    text = base64.b64encode(os.urandom(1_500_000)).decode()
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, 61))
    return write_raw_xlsx(path, cells, [text])


def whitespace_sheet(path: Path) -> Path:
    """64 MB of spaces between two cells, compressed to a few dozen KB."""
    body = (
        b'<row r="1"><c r="A1"><v>1</v></c></row>'
        + b" " * (64 << 20)
        + b'<row r="2"><c r="A2"><v>2</v></c></row>'
    )
    return write_raw_xlsx(path, body)


def truncated(path: Path) -> Path:
    write_xlsx(path, template_sheets())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def bit_flipped(path: Path) -> Path:
    """The template with bytes flipped inside the compressed progress sheet."""
    write_xlsx(path, template_sheets())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 20, start + info.compress_size - 20, 97):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def _patch_entry(path: Path, part: str, local_offset: int, central_offset: int, value: bytes) -> Path:
    """Overwrite a field of one part's local and central zip headers."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(part).header_offset
    central = data.find(part.encode(), data.find(b"PK\x01\x02")) - 46
    for start in (local + local_offset, central + central_offset):
        data[start : start + len(value)] = value
    path.write_bytes(bytes(data))
    return path


def styles_fail_crc(path: Path) -> Path:
    """The template with the checksum of its styles.xml wrong in both zip headers."""
    write_xlsx(path, template_sheets())
    with zipfile.ZipFile(path) as archive:
        crc = archive.getinfo("xl/styles.xml").CRC
    return _patch_entry(path, "xl/styles.xml", 14, 16, struct.pack("<I", crc ^ 1))


def deflate64_sheet(path: Path) -> Path:
    """The template claiming its progress sheet is compressed with Deflate64 (method 9)."""
    write_xlsx(path, template_sheets())
    return _patch_entry(path, "xl/worksheets/sheet1.xml", 8, 10, struct.pack("<H", 9))


def renamed_pdf(path: Path) -> Path:
    path.write_bytes(
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    )
    return path


def renamed_docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return path


def encrypted_ole(path: Path) -> Path:
    """How Excel and WPS store a password-protected .xlsx: an OLE file holding EncryptionInfo and
    EncryptedPackage streams. Made from an xlwt .xls by renaming its directory entries."""
    write_xls(path.with_suffix(".tmp.xls"), {"Sheet1": [["x"]]})
    data = bytearray(path.with_suffix(".tmp.xls").read_bytes())
    path.with_suffix(".tmp.xls").unlink()
    entries = data.find("Root Entry".encode("utf-16-le"))
    for index, name in ((1, "EncryptedPackage"), (2, "EncryptionInfo")):
        entry = entries + 128 * index
        encoded = (name + "\0").encode("utf-16-le")
        data[entry : entry + 64] = encoded.ljust(64, b"\0")
        data[entry + 64 : entry + 66] = struct.pack("<H", len(encoded))
        data[entry + 66] = 2  # a stream
    path.write_bytes(bytes(data))
    return path


def repeated_cells_ods(path: Path) -> Path:
    """A 1 KB .ods whose one cell is repeated 5,000 times across 10,000 rows: 50 million cells
    that no pre-check sees; calamine runs out of memory in the worker."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
        archive.writestr("content.xml", _ODS_CONTENT.format(rows=10_000, columns=5_000))
    return path


def oversized(path: Path) -> Path:
    with path.open("wb") as f:
        f.write(b"PK\x03\x04")
        f.truncate(21 << 20)
    return path
