"""Decide what a batch of found files means for the ledger, and build its rows.

A file with a verdict (same path, same bytes) is skipped. New bytes under a new or old path are a
new file. Bytes already judged under another path are recorded as a duplicate of the earlier file
and not parsed again: the same bytes twice are one submission, unless the earlier verdict
depended on the name, folder or date (the ledger says which originals count).
"""

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import pandas as pd

from orchestration.ingest import messages as catalogue
from orchestration.ingest.discover import FoundFile
from orchestration.ingest.model import FileStatus, ParsedFile
from orchestration.ledger.batch import LandingBatch

# A damaged file modified this recently is taken to be still arriving (copied, saved, synced).
STILL_ARRIVING = timedelta(minutes=2)


@dataclass
class IngestPlan:
    to_parse: list[FoundFile] = field(default_factory=list)
    duplicates: list[tuple[FoundFile, str]] = field(default_factory=list)  # (file, file_id of original)
    already_known: int = 0


def file_id(found: FoundFile) -> str:
    return hashlib.sha256(f"{found.relative_path}\0{found.sha256}".encode()).hexdigest()[:20]


def plan(found: list[FoundFile], known_ids: set[str], original_by_sha: dict[str, str]) -> IngestPlan:
    """`original_by_sha`: sha256 -> file_id of the registered file first received with those bytes."""
    result = IngestPlan()
    originals = dict(original_by_sha)
    for f in sorted(found, key=lambda f: (f.received_at, f.relative_path)):
        fid = file_id(f)
        if fid in known_ids:
            result.already_known += 1
        elif f.size_bytes and f.sha256 in originals:
            result.duplicates.append((f, originals[f.sha256]))
        else:
            if f.size_bytes:  # every empty file is told it is empty
                originals[f.sha256] = fid
            result.to_parse.append(f)
    return result


def in_chunks(plan: IngestPlan, size: int) -> list[IngestPlan]:
    """The plan as parts of at most `size` files to read, each read and registered in turn, so a
    refresh holds one part's results at a time however many files arrived (the duplicates, which
    are not read, go with the last part, after the originals they point to)."""
    starts = range(0, max(len(plan.to_parse), 1), size)
    return [
        IngestPlan(
            plan.to_parse[start : start + size],
            plan.duplicates if start == starts[-1] else [],
            plan.already_known if start == starts[-1] else 0,
        )
        for start in starts
    ]


def still_present(plan: IngestPlan, parsed: list[ParsedFile]) -> tuple[IngestPlan, list[ParsedFile]]:
    """Drop the files that vanished while they were read: a failed read is not a verdict, and the
    file is read when it is back."""
    kept = [(f, p) for f, p in zip(plan.to_parse, parsed, strict=True) if f.path.is_file()]
    remaining = IngestPlan([f for f, _ in kept], plan.duplicates, plan.already_known)
    return remaining, [p for _, p in kept]


def landing_batch(
    plan: IngestPlan, parsed: list[ParsedFile], run_id: str, ingested_at: datetime
) -> LandingBatch:
    files, messages, rows, totals, deliverables = [], [], [], [], []
    for found, result in zip(plan.to_parse, parsed, strict=True):
        result = _arriving(found, result, ingested_at)
        fid = file_id(found)
        files.append(_file_row(found, fid, result.status, None, result, run_id, ingested_at))
        messages += [
            {
                "file_id": fid,
                "seq": seq,
                "severity": str(m.severity),
                "code": m.code,
                "sheet": m.sheet,
                "row_no": m.row,
                "column_ref": m.column,
                "message_zh": m.text_zh,
                "message_en": m.text_en,
            }
            for seq, m in enumerate(result.messages, start=1)
        ]
        rows += [{"file_id": fid, **_progress(r)} for r in result.rows]
        totals += [
            {
                "file_id": fid,
                "sheet": t.sheet,
                "row_no": t.row,
                "month_value": t.month_value,
                "ytd_value": t.ytd_value,
            }
            for t in result.totals
        ]
        deliverables += [{"file_id": fid, **_deliverable(d)} for d in result.deliverables]
    for found, original in plan.duplicates:
        files.append(
            _file_row(
                found, file_id(found), FileStatus.DUPLICATE, original, ParsedFile(), run_id, ingested_at
            )
        )
    return LandingBatch(
        files=pd.DataFrame(files, columns=FILE_COLUMNS),
        messages=pd.DataFrame(messages, columns=MESSAGE_COLUMNS),
        progress_rows=pd.DataFrame(rows, columns=PROGRESS_COLUMNS),
        sheet_totals=pd.DataFrame(totals, columns=TOTAL_COLUMNS),
        deliverable_rows=pd.DataFrame(deliverables, columns=DELIVERABLE_COLUMNS),
    )


FILE_COLUMNS = [
    "file_id", "path", "file_name", "folder_period", "sha256", "size_bytes", "received_at", "ingested_at",
    "status", "duplicate_of", "unit_code", "unit_as_written", "period", "period_as_written",
    "template_version", "reporter", "phone", "ingest_run_id",
]  # fmt: skip
MESSAGE_COLUMNS = [
    "file_id",
    "seq",
    "severity",
    "code",
    "sheet",
    "row_no",
    "column_ref",
    "message_zh",
    "message_en",
]
PROGRESS_COLUMNS = [
    "file_id", "sheet", "row_no", "measure_code", "measure_as_written",
    "month_value", "ytd_value", "month_text", "ytd_text", "note",
]  # fmt: skip
TOTAL_COLUMNS = ["file_id", "sheet", "row_no", "month_value", "ytd_value"]
DELIVERABLE_COLUMNS = [
    "file_id", "sheet", "row_no", "deliverable_code", "deliverable_name",
    "measure_code", "status_code", "status_as_written", "note",
]  # fmt: skip


def _arriving(found: FoundFile, result: ParsedFile, now: datetime) -> ParsedFile:
    """A file that cannot be opened and was modified moments ago is half-copied, not damaged:
    it gets a "will read again" message (not a verdict: the ledger reads it again)."""
    damaged = any(m.code == "file_damaged" for m in result.messages)
    if damaged and now - found.received_at < STILL_ARRIVING:
        return replace(result, messages=[catalogue.make("file_still_arriving")])
    return result


def _file_row(found, fid, status, duplicate_of, result: ParsedFile, run_id, ingested_at) -> dict:
    return {
        "file_id": fid,
        "path": found.relative_path,
        "file_name": found.relative_path.rpartition("/")[2],
        "folder_period": found.folder_period,
        "sha256": found.sha256,
        "size_bytes": found.size_bytes,
        "received_at": found.received_at,
        "ingested_at": ingested_at,
        "status": str(status),
        "duplicate_of": duplicate_of,
        "unit_code": result.unit_code,
        "unit_as_written": result.unit_as_written,
        "period": result.period,
        "period_as_written": result.period_as_written,
        "template_version": result.template_version,
        "reporter": result.reporter,
        "phone": result.phone,
        "ingest_run_id": run_id,
    }


def _progress(r) -> dict:
    return {
        "sheet": r.sheet,
        "row_no": r.row,
        "measure_code": r.measure_code,
        "measure_as_written": r.measure_as_written,
        "month_value": r.month_value,
        "ytd_value": r.ytd_value,
        "month_text": r.month_text,
        "ytd_text": r.ytd_text,
        "note": r.note,
    }


def _deliverable(d) -> dict:
    return {
        "sheet": d.sheet,
        "row_no": d.row,
        "deliverable_code": d.deliverable_code,
        "deliverable_name": d.deliverable_name,
        "measure_code": d.measure_code,
        "status_code": d.status_code,
        "status_as_written": d.status_as_written,
        "note": d.note,
    }
