"""The portal's entries in the ledger: uploads, decisions' audit trail, logins."""

import sqlite3
from datetime import datetime
from zoneinfo import ZoneInfo

from orchestration import settings
from orchestration.ledger import store


def now() -> datetime:
    """Beijing time, to the second, without a zone (as the ledger writes times)."""
    return datetime.now(ZoneInfo(settings.TIMEZONE)).replace(tzinfo=None, microsecond=0)


def audit(action: str, user_name: str | None, detail: str = "", client: str | None = None) -> None:
    with store.connect(settings.ledger_db()) as connection:
        connection.execute(
            "insert into audit_events (at, user_name, action, detail, client) values (?, ?, ?, ?, ?)",
            [now().isoformat(sep=" "), user_name, action, detail, client],
        )


def _dicts(cursor: sqlite3.Cursor) -> list[dict]:
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def uploads_of(connection: sqlite3.Connection, unit_code: str) -> list[dict]:
    """The unit's uploads, newest first."""
    return _dicts(
        connection.execute(
            "select * from portal_uploads where unit_code = ? order by upload_id desc", [unit_code]
        )
    )


def recent_uploads(connection: sqlite3.Connection, limit: int = 30) -> list[dict]:
    return _dicts(connection.execute("select * from portal_uploads order by upload_id desc limit ?", [limit]))


def decisions(connection: sqlite3.Connection, period: str | None = None) -> list[dict]:
    cursor = connection.execute(
        "select * from office_decisions where ? is null or period = ? order by decision_id desc",
        [period, period],
    )
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
