"""A batch of submissions laid out under raw/, refreshed for real, and what the warehouse made of it."""

import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from orchestration import settings
from orchestration.cli.refresh import RefreshOutcome
from tests.conftest import Workspace

# When the files of a batch were received (their modification time), unless a kind says otherwise.
RECEIVED = datetime(2021, 4, 2, 9, 30, tzinfo=ZoneInfo(settings.TIMEZONE)).timestamp()


@dataclass(frozen=True)
class Kind:
    """One kind of file: where it goes, how it is made, and what the registry must say about it."""

    name: str
    path: str  # relative to raw/
    make: Callable[[Path], object]
    status: str | None  # registry status; None: never registered (never read)
    codes: tuple[str, ...] = ()  # every message code of the file, in order
    where: tuple[str | None, int | None, str | None] | None = None  # sheet, row, column of message 1
    says: tuple[str, ...] = ()  # words message 1 says (Chinese)
    unit: str | None = None  # an accepted file's unit: its rows must be in fct_progress
    received: float | None = RECEIVED  # modification time; None: as the maker left it

    @property
    def accepted(self) -> bool:
        return self.status in ("accepted", "accepted_with_warnings")


@dataclass(frozen=True)
class Filed:
    """A registered file and its messages, as the published warehouse has them."""

    file_id: str
    status: str
    unit_code: str | None
    duplicate_of: str | None
    is_current: bool
    sha256: str
    messages: list[tuple] = field(default_factory=list)  # (code, severity, sheet, row, column, zh, en)

    @property
    def codes(self) -> list[str]:
        return [m[0] for m in self.messages]


@dataclass(frozen=True)
class Refreshed:
    """A batch after its refresh: raw/ as it was before, and the registry as published."""

    space: Workspace
    outcome: RefreshOutcome
    before: dict[str, tuple]
    filed: dict[str, Filed]


def build(raw: Path, kinds: list[Kind]) -> None:
    """Make every kind's file, in order, then date it as received."""
    for kind in kinds:
        path = raw / kind.path
        kind.make(path)
        if kind.received is not None and path.is_file() and not path.is_symlink():
            os.utime(path, (kind.received, kind.received))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def snapshot(raw: Path) -> dict[str, tuple]:
    """Everything under raw/, links not followed: a file's sha256, size and mtime, a link's target,
    a folder, a pipe. Equal snapshots mean nothing was changed, added or removed."""
    found: dict[str, tuple] = {}
    for folder, folders, files in os.walk(raw):
        for name in folders + files:
            path = Path(folder, name)
            key = path.relative_to(raw).as_posix()
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                found[key] = ("link", str(path.readlink()))
            elif stat.S_ISDIR(info.st_mode):
                found[key] = ("folder",)
            elif stat.S_ISREG(info.st_mode) and info.st_mode & 0o444:
                found[key] = ("file", sha256_of(path), info.st_size, info.st_mtime_ns)
            else:
                found[key] = ("other", stat.S_IFMT(info.st_mode), info.st_mode, info.st_mtime_ns)
    return found


def registry(space: Workspace) -> dict[str, Filed]:
    """Every registered file by its path under raw/, with its messages in order."""
    files = {
        row[0]: Filed(*row[1:])
        for row in space.query(
            "select path, file_id, status, unit_code, duplicate_of, is_current, sha256 from marts.fct_submission"
        )
    }
    by_id = {filed.file_id: filed for filed in files.values()}
    for file_id, *message in space.query(
        """select file_id, code, severity, sheet, row_no, column_ref, message_zh, message_en
           from marts.fct_submission_message order by file_id, seq"""
    ):
        by_id[file_id].messages.append(tuple(message))
    return files


def published_or_fail(outcome: RefreshOutcome) -> None:
    if not outcome.published:
        raise AssertionError(f"the refresh did not publish a warehouse: {outcome.failures}")
