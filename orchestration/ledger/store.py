"""The submission ledger in SQLite: append a batch of verdicts, read what is settled, and give the
build its landing tables (the latest verdict of every file, without personal data).

SQLite lets the refresh and other processes (the portal, a backup) use the ledger at the same time;
every write is one transaction, so a killed refresh leaves no half batch.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

import pandas as pd

from orchestration.ledger.batch import LandingBatch

# A read that failed inside the system is not a verdict on the file: it is read again next time.
FAILED_READ_CODES = frozenset({"reader_failed", "file_still_arriving"})
# Rejections that depend on where and when the bytes arrived, not on the bytes: the same bytes
# under a corrected name or folder, or later, are judged again.
CONTEXT_CODES = frozenset(
    {"folder_period_mismatch", "filename_period_mismatch", "filename_unit_mismatch", "period_in_future"}
)
_CHILD_TABLES = {
    "messages": "file_messages",
    "progress_rows": "progress_rows",
    "sheet_totals": "sheet_totals",
    "deliverable_rows": "deliverable_rows",
}
# Columns of the ledger that never leave it (and value_confirmations.confirmed_by).
PERSONAL_COLUMNS = ("reporter", "phone")


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=60, isolation_level=None)
    try:
        connection.executescript(files(__package__).joinpath("schema.sql").read_text(encoding="utf-8"))
        yield connection
    finally:
        connection.close()


def entry_count(connection: sqlite3.Connection) -> int:
    return connection.execute("select count(*) from file_entries").fetchone()[0]


_LATEST = """
    select entries.*
    from file_entries as entries
    where entries.entry_id = (select max(entry_id) from file_entries as later where later.file_id = entries.file_id)
"""


def _codes_in(codes: frozenset[str]) -> str:
    """SQL: the latest entry has a message with one of `codes` (bound as parameters, in sorted order)."""
    marks = ", ".join("?" for _ in codes)
    return f"exists (select 1 from file_messages as m where m.entry_id = latest.entry_id and m.code in ({marks}))"  # noqa: S608


def known_files(connection: sqlite3.Connection) -> tuple[set[str], dict[str, str]]:
    """File ids with a verdict (read again: none), and for each content hash the file whose verdict
    those bytes carry wherever they turn up again."""
    failed = _codes_in(FAILED_READ_CODES)
    settled = connection.execute(
        f"select latest.file_id from ({_LATEST}) as latest where not {failed}",  # noqa: S608
        sorted(FAILED_READ_CODES),
    ).fetchall()
    contextual = _codes_in(FAILED_READ_CODES | CONTEXT_CODES)
    originals = connection.execute(
        f"""
        select latest.sha256, latest.file_id
        from ({_LATEST}) as latest
        where latest.status != 'duplicate' and latest.size_bytes > 0
          and not (latest.status = 'rejected' and {contextual})
        order by latest.entry_id desc
        """,  # noqa: S608
        sorted(FAILED_READ_CODES | CONTEXT_CODES),
    ).fetchall()
    return {row[0] for row in settled}, dict(originals)  # the earliest entry wins the dict


def append(connection: sqlite3.Connection, batch: LandingBatch) -> None:
    """Every file of the batch as a new entry, with its messages and rows, in one transaction; its
    channel is portal when the portal put it into raw/, folder otherwise."""
    connection.execute("begin immediate")
    try:
        uploaded = {
            path for (path,) in connection.execute("select path from portal_uploads where path is not null")
        }
        entry_ids = {}
        for row in batch.files.to_dict("records"):
            channel = "portal" if row["path"] in uploaded else "folder"
            row = {k: _plain(v) for k, v in row.items()} | {"channel": channel}
            columns = ", ".join(row)
            marks = ", ".join(f":{c}" for c in row)
            cursor = connection.execute(f"insert into file_entries ({columns}) values ({marks})", row)  # noqa: S608
            entry_ids[row["file_id"]] = cursor.lastrowid
        for name, table in _CHILD_TABLES.items():
            frame = getattr(batch, name)
            if not len(frame):
                continue
            rows = [
                {"entry_id": entry_ids[r.pop("file_id")], **{k: _plain(v) for k, v in r.items()}}
                for r in frame.to_dict("records")
            ]
            columns = ", ".join(rows[0])
            marks = ", ".join(f":{c}" for c in rows[0])
            connection.executemany(f"insert into {table} ({columns}) values ({marks})", rows)  # noqa: S608
        connection.execute("commit")
    except BaseException:
        connection.execute("rollback")
        raise


def _plain(value):
    """What SQLite stores: text for times (ISO 8601), None for missing values."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ")
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def landing_frames(connection: sqlite3.Connection, demo_reporter: str) -> dict[str, pd.DataFrame]:
    """The landing tables the build reads: each file's latest verdict, first seen at its first
    entry; no personal data (is_demo says whether the demo generator wrote the file)."""
    files_sql = f"""
        select latest.*, first_seen.ingested_at as first_seen_at, latest.reporter is ? as is_demo
        from ({_LATEST}) as latest
        inner join (select file_id, min(ingested_at) as ingested_at from file_entries group by file_id) as first_seen
            on latest.file_id = first_seen.file_id
        order by latest.entry_id
    """  # noqa: S608
    frames = {"files": pd.read_sql_query(files_sql, connection, params=[demo_reporter])}
    frames["files"] = (
        frames["files"]
        .drop(columns=[*PERSONAL_COLUMNS, "entry_id", "ingested_at"])
        .rename(columns={"first_seen_at": "ingested_at"})
        .astype({"is_demo": bool})
    )
    for name, table in _CHILD_TABLES.items():
        frames[name] = pd.read_sql_query(
            f"""
            select latest.file_id, rows.*
            from {table} as rows
            inner join ({_LATEST}) as latest on rows.entry_id = latest.entry_id
            order by rows.rowid
            """,  # noqa: S608
            connection,
        ).drop(columns=["entry_id"])
    frames["value_confirmations"] = pd.read_sql_query(
        "select unit_code, period, measure_code, ytd_value, reason, confirmed_at"
        " from value_confirmations order by confirmation_id",
        connection,
    )
    # the office's accountable decisions, with the reviewer's account name (not a reporter's data)
    frames["office_decisions"] = pd.read_sql_query(
        "select decision_id, kind, period, unit_code, file_id, reason, decided_by, decided_at"
        " from office_decisions order by decision_id",
        connection,
    )
    return frames


def record_confirmation(
    connection: sqlite3.Connection,
    *,
    unit_code: str,
    period: str,
    measure_code: str,
    ytd_value: float,
    confirmed_by: str,
    reason: str,
    confirmed_at: str,
) -> None:
    """The office confirms a held-back value as it stands; appended, never changed."""
    connection.execute(
        "insert into value_confirmations"
        " (unit_code, period, measure_code, ytd_value, confirmed_by, reason, confirmed_at)"
        " values (?, ?, ?, ?, ?, ?, ?)",
        [unit_code, period, measure_code, ytd_value, confirmed_by, reason, confirmed_at],
    )


DECISION_KINDS = ("accept", "return", "excuse", "lock", "reopen")


def record_decision(
    connection: sqlite3.Connection,
    *,
    kind: str,
    period: str,
    decided_by: str,
    decided_at: str,
    unit_code: str | None = None,
    file_id: str | None = None,
    reason: str | None = None,
) -> int:
    """The office decides on a file (accept, return), a unit's month (excuse) or a month (lock,
    reopen); appended, never changed. Returns the decision's id."""
    if kind not in DECISION_KINDS:
        raise ValueError(f"unknown decision {kind!r}")
    cursor = connection.execute(
        "insert into office_decisions (kind, period, unit_code, file_id, reason, decided_by, decided_at)"
        " values (?, ?, ?, ?, ?, ?, ?)",
        [kind, period, unit_code, file_id, reason, decided_by, decided_at],
    )
    return cursor.lastrowid


def locked_periods(connection: sqlite3.Connection) -> set[str]:
    """Months whose latest lock or reopen decision is a lock."""
    rows = connection.execute(
        """
        select period, kind from office_decisions as decisions
        where kind in ('lock', 'reopen') and decision_id = (
            select max(decision_id) from office_decisions as later
            where later.period = decisions.period and later.kind in ('lock', 'reopen')
        )
        """
    ).fetchall()
    return {period for period, kind in rows if kind == "lock"}
