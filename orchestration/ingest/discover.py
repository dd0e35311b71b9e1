"""Find the files under raw/<YYYY-MM>/ and fingerprint them; reading never changes them."""

import hashlib
import logging
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from orchestration import settings

logger = logging.getLogger(__name__)
MONTH_FOLDER = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# Lock and temporary files office programs leave next to an open workbook, and hidden folders
# (the portal's raw/<YYYY-MM>/.uploading/, where a file is read before it is put into the month).
_IGNORED_PREFIXES = ("~$", ".~lock", ".")


@dataclass(frozen=True)
class FoundFile:
    path: Path
    relative_path: str
    folder_period: str
    size_bytes: int
    received_at: datetime  # modification time, Asia/Shanghai local time
    sha256: str


def readable_name(text: str) -> str:
    """A file name or path as text: names that are not UTF-8 (GBK bytes from a Windows zip tool)
    are decoded as GB18030, or with replacement characters."""
    raw = os.fsencode(text)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def month_folders(raw_dir: Path) -> list[str]:
    if not raw_dir.is_dir():
        return []
    return sorted(p.name for p in raw_dir.iterdir() if p.is_dir() and MONTH_FOLDER.match(p.name))


def folders_not_months(raw_dir: Path) -> list[str]:
    """Folders under raw/ whose name is not a month (raw/2021-3): no refresh reads them."""
    if not raw_dir.is_dir():
        return []
    return sorted(
        p.name
        for p in raw_dir.iterdir()
        if p.is_dir() and not MONTH_FOLDER.match(p.name) and not p.name.startswith(_IGNORED_PREFIXES)
    )


def find_files(raw_dir: Path, periods: list[str], notices: list[str] | None = None) -> list[FoundFile]:
    """The files of the months' folders. What cannot be read, and links that lead out of raw/,
    are skipped with a line for the office in `notices`."""
    notices = [] if notices is None else notices
    root = raw_dir.resolve()
    found = []
    for period in periods:
        folder = raw_dir / period
        if folder.is_symlink():
            notices.append(
                f"raw/{period} 是指向其他位置的链接，未读取；请把文件放进真实的月份文件夹。 (a link, not read)"
            )
            continue
        if not folder.is_dir():
            continue
        try:
            paths = sorted(folder.rglob("*"))
        except OSError as error:
            notices.append(
                f"raw/{period} 无法列出（{error.strerror}），其中的文件未读取。 (folder not listable)"
            )
            continue
        for path in paths:
            name = readable_name(path.relative_to(raw_dir).as_posix())
            hidden = any(part.startswith(_IGNORED_PREFIXES) for part in path.relative_to(folder).parts)
            if hidden or (path.is_dir() and not path.is_symlink()):
                continue
            if path.is_symlink() or not path.resolve().is_relative_to(root):
                notices.append(f"raw/{name} 是指向其他位置的链接，未读取。 (a link, not read)")
                continue
            if not path.is_file():  # a pipe, socket or device: opening it could wait for ever
                notices.append(f"raw/{name} 不是普通文件，未读取。 (not a regular file)")
                continue
            try:
                found.append(_fingerprint(raw_dir, path, period))
            except OSError as error:  # not readable by this account, or gone since it was listed
                notices.append(f"raw/{name} 无法读取（{error.strerror}），下次刷新时再读。 (not readable)")
                logger.warning("cannot read %s: %s", path, error)
    return found


def _fingerprint(raw_dir: Path, path: Path, period: str) -> FoundFile:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    stat = path.stat()
    try:
        received = datetime.fromtimestamp(stat.st_mtime, ZoneInfo(settings.TIMEZONE)).replace(tzinfo=None)
    except (OverflowError, ValueError, OSError):  # a modification time no calendar holds
        received = datetime.max.replace(microsecond=0)
    return FoundFile(
        path=path,
        relative_path=readable_name(path.relative_to(raw_dir).as_posix()),
        folder_period=period,
        size_bytes=stat.st_size,
        received_at=received,
        sha256=digest.hexdigest(),
    )
