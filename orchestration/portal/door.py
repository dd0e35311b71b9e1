"""Uploads go through the same door as the folder: the same reader, then into raw/<YYYY-MM>/.

A clerk's file is written under raw/<YYYY-MM>/.uploading/ (a folder no refresh reads), read there
by a reader worker under the refresh's limits, and then linked into raw/<YYYY-MM>/ under a name
that cannot collide: the refresh sees the whole file or nothing. Its modification time is the
upload time, so the refresh records the true received time. A file that names another unit, or
arrives for a locked month, is refused and never reaches raw/. Every upload is in the ledger.
"""

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from orchestration import reference, settings
from orchestration.ingest import messages
from orchestration.ingest.model import FileStatus, Message, ParsedFile
from orchestration.ingest.pool import ParseJob, ReaderPool
from orchestration.ingest.safety import MAX_FILE_MB
from orchestration.ledger import store
from orchestration.portal import ledger_log
from orchestration.portal.accounts import Account
from orchestration.portal.refusals import refusal
from orchestration.submissions import contract

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
STAGING = ".uploading"
MAX_BYTES = MAX_FILE_MB << 20
REFUSED = "refused"
VERDICTS = {
    FileStatus.ACCEPTED: "已接收",
    FileStatus.ACCEPTED_WITH_WARNINGS: "已接收（有警告）",
    FileStatus.REJECTED: "未通过（已存档，请修改后重新上传）",
    REFUSED: "未接收",
}


@dataclass(frozen=True)
class Receipt:
    upload_id: int
    verdict: str  # accepted / accepted_with_warnings / rejected / refused
    messages: list[Message]
    file_name: str  # as uploaded
    stored_as: str | None  # relative to raw/, None when refused
    sha256: str
    size_bytes: int
    received_at: str
    version: int  # the how-manyth file the unit sent for the month through the portal

    @property
    def verdict_zh(self) -> str:
        return VERDICTS[self.verdict]


def _suffix(name: str) -> str:
    return Path(name).suffix.lower()


def stored_name(period: str, unit_code: str, when: str, sha256: str, suffix: str) -> str:
    """raw/<period>/ name: the unit and month the reader checks, the time, the content's hash."""
    unit_name = reference.units()[unit_code].name
    return f"{period}_{unit_code}_{unit_name}{contract.PORTAL_NAME_MARK}{when}_{sha256[:8]}{suffix}"


def receive(content: bytes, file_name: str, account: Account, period: str, reader: ReaderPool) -> Receipt:
    """Judge and keep one upload; never raises for what is in the file."""
    received = ledger_log.now()
    sha256 = hashlib.sha256(content).hexdigest()
    file_name = Path(file_name.replace("\\", "/")).name or "未命名"
    unit_code = account.unit_code
    refused: Message | None = None
    with store.connect(settings.ledger_db()) as ledger:
        if not PERIOD.match(period):
            refused = refusal("bad_period", period=period)
        elif period in store.locked_periods(ledger):
            refused = refusal("locked_month", period=period)
        elif _suffix(file_name) not in contract.ACCEPTED_SUFFIXES:
            refused = messages.make("unsupported_type", suffix=_suffix(file_name) or "无扩展名")
        elif len(content) > MAX_BYTES:
            refused = messages.make("file_too_large", size_mb=len(content) / (1 << 20), limit_mb=MAX_FILE_MB)
    parsed, stored = ParsedFile(messages=[refused] if refused else []), None
    if refused is None:
        parsed, stored = _read_and_keep(
            content, period, unit_code, received, sha256, _suffix(file_name), reader
        )
    verdict = parsed.status.value if stored else REFUSED
    with store.connect(settings.ledger_db()) as ledger:
        cursor = ledger.execute(
            "insert into portal_uploads (uploaded_at, uploaded_by, unit_code, period, file_name, sha256,"
            " size_bytes, verdict, refused_because, path) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                received.isoformat(sep=" "),
                account.name,
                unit_code,
                period,
                file_name,
                sha256,
                len(content),
                verdict,
                None if stored else parsed.messages[0].code if parsed.messages else None,
                stored,
            ],
        )
        upload_id = cursor.lastrowid
        version = ledger.execute(
            "select count(*) from portal_uploads where unit_code = ? and period = ? and verdict != ?",
            [unit_code, period, REFUSED],
        ).fetchone()[0]
    return Receipt(
        upload_id=upload_id,
        verdict=verdict,
        messages=parsed.messages,
        file_name=file_name,
        stored_as=stored,
        sha256=sha256,
        size_bytes=len(content),
        received_at=received.isoformat(sep=" "),
        version=version,
    )


def _read_and_keep(
    content: bytes, period: str, unit_code: str, received, sha256: str, suffix: str, reader: ReaderPool
) -> tuple[ParsedFile, str | None]:
    """Read the file where no refresh looks; link it into raw/<period>/ unless it is another unit's."""
    folder = settings.raw_dir() / period
    staging = folder / STAGING
    staging.mkdir(parents=True, exist_ok=True)
    name = stored_name(period, unit_code, f"{received:%Y%m%dT%H%M%S}", sha256, suffix)
    for attempt in range(2, 100):
        if not (folder / name).exists() and not (staging / name).exists():
            break
        name = f"{Path(name).stem}-{attempt}{suffix}"
    pending = staging / name
    with pending.open("xb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    moment = received.replace(tzinfo=ZoneInfo(settings.TIMEZONE)).timestamp()
    os.utime(pending, (moment, moment))
    try:
        parsed = reader.read(ParseJob(pending, period))
        if parsed.unit_code is not None and parsed.unit_code != unit_code:
            named = reference.units()[parsed.unit_code].name
            refused = refusal("other_unit", named=named, unit=reference.units()[unit_code].name)
            return ParsedFile(messages=[refused, *parsed.messages]), None
        os.link(pending, folder / name)  # fails rather than replace a file that is already there
        return parsed, f"{period}/{name}"
    finally:
        pending.unlink()  # this run's own file: the copy in raw/ (if any) is a second link to it
