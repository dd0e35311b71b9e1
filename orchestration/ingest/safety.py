"""Checks made before any parser touches a file: what it really is, and whether it is safe to open.

A file's kind comes from its first bytes, not its name (WPS saves .xlsx content as .xls, people
rename files). Limits are generous for a monthly report and far below what would hurt a worker.
"""

import io
import zipfile
import zlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from orchestration.ingest import messages
from orchestration.ingest.cell_marks import SheetMarks
from orchestration.ingest.model import Message
from orchestration.ingest.xlsx_scan import SheetScan
from orchestration.submissions.contract import ACCEPTED_SUFFIXES

MAX_FILE_MB = 20
MAX_EXPANDED_MB = 200  # total uncompressed size of the parts of an .xlsx/.ods
MAX_PARTS = 2000
MAX_PART_RATIO = 100  # uncompressed / compressed, for parts over RATIO_CHECKED_FROM
RATIO_CHECKED_FROM = 1 << 20
MAX_CELLS = 2_000_000  # area of a sheet's used range
MAX_WORKBOOK_CELLS = 4_000_000  # of all sheets of an .ods or .xls, which calamine reads all at once
MAX_CSV_ROWS = 100_000
MAX_SHARED_TEXT_MB = 100

_MB = 1 << 20
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class Kind(StrEnum):
    XLSX = "xlsx"  # also .xlsm
    ODS = "ods"
    XLS = "xls"
    CSV = "csv"


@dataclass
class Checked:
    """A file that passed the checks: its kind, its bytes, and its opened archive (.xlsx, .ods)."""

    kind: Kind
    data: bytes
    archive: zipfile.ZipFile | None = None


def _ole_names(*names: str) -> tuple[bytes, ...]:
    return tuple(name.encode("utf-16-le") for name in names)


def check_file(path: Path) -> Checked | Message:
    """The file read and its real kind found, or the message that says why it will not be opened."""
    suffix = path.suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        return messages.make("unsupported_type", suffix=suffix or path.name)
    size = path.stat().st_size
    if size == 0:
        return messages.make("file_empty")
    if size > MAX_FILE_MB * _MB:
        return messages.make("file_too_large", size_mb=size / _MB, limit_mb=MAX_FILE_MB)
    data = path.read_bytes()
    if data.startswith(_ZIP_MAGIC):
        return _check_zip(data, suffix)
    if data.startswith(_OLE_MAGIC):
        return _check_ole(data, suffix)
    if suffix == ".csv" and (b"\0" not in data[:4096] or data.startswith(_UTF16_BOMS)):
        return Checked(Kind.CSV, data)
    head = data[:4096]
    if suffix == ".csv" and max(head[0::2].count(0), head[1::2].count(0)) > len(head) // 4:
        return messages.make("csv_encoding_unknown")  # text in UTF-16 without a byte-order mark
    return messages.make("not_a_spreadsheet", suffix=suffix)


def _check_zip(data: bytes, suffix: str) -> Checked | Message:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = {info.filename: info for info in archive.infolist()}
        mimetype = archive.read("mimetype")[:100] if "mimetype" in parts else b""
        manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in parts else b""
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, KeyError, NotImplementedError):
        return messages.make("file_damaged")
    if "xl/workbook.xml" in parts:
        kind = Kind.XLSX
    elif b"opendocument.spreadsheet" in mimetype and b"encryption-data" in manifest:
        return messages.make("encrypted")
    elif b"opendocument.spreadsheet" in mimetype:
        kind = Kind.ODS
    else:
        return messages.make("not_a_spreadsheet", suffix=suffix)
    expanded = sum(info.file_size for info in parts.values())
    if len(parts) > MAX_PARTS:
        return messages.make("archive_too_many_parts", parts=len(parts), limit=MAX_PARTS)
    if expanded > MAX_EXPANDED_MB * _MB:
        return messages.make("archive_too_large", expanded_mb=expanded / _MB, limit_mb=MAX_EXPANDED_MB)
    for info in parts.values():
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_CHECKED_FROM and ratio > MAX_PART_RATIO:
            return messages.make("archive_suspicious", part=info.filename, ratio=ratio)
    return Checked(kind, data, archive)


def _check_ole(data: bytes, suffix: str) -> Checked | Message:
    # A password-protected .xlsx is an OLE container holding these two streams.
    if any(name in data for name in _ole_names("EncryptedPackage", "EncryptionInfo")):
        return messages.make("encrypted")
    if any(name in data for name in _ole_names("Workbook", "Book")):
        return Checked(Kind.XLS, data)
    return messages.make("not_a_spreadsheet", suffix=suffix)


def check_scans(scans: list[SheetMarks]) -> Message | None:
    """Refuse an .ods or .xls whose sheets would blow up together when calamine opens it."""
    for scan in scans:
        refusal = check_scan(scan)
        if refusal:
            return refusal
    cells = sum(scan.area for scan in scans)
    if cells > MAX_WORKBOOK_CELLS:
        return messages.make("workbook_too_large", cells=cells, sheets=len(scans), limit=MAX_WORKBOOK_CELLS)
    return None


def check_scan(scan: SheetScan | SheetMarks) -> Message | None:
    """Refuse a sheet whose used range or shared text would blow up when calamine reads it."""
    if scan.area > MAX_CELLS:
        last = messages.cell_name(*scan.last)
        return messages.make("sheet_too_large", scan.name, last_cell=last, cells=scan.area)
    if scan.shared_text_bytes > MAX_SHARED_TEXT_MB * _MB:
        return messages.make("sheet_text_too_large", scan.name, expanded_mb=scan.shared_text_bytes / _MB)
    return None
