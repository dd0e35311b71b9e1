"""Read-only access to the published warehouse, for analysts, reports and anything that serves.

Connections are read-only and cannot touch the file system (no COPY TO, ATTACH or reading other
files), and that setting cannot be switched back on inside the session.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from orchestration import settings

if TYPE_CHECKING:
    import duckdb

READ_ONLY_CONFIG = {"enable_external_access": False, "lock_configuration": True}


class NotPublished(Exception):
    """No warehouse has been published yet."""


def connect(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    import duckdb

    database = path or settings.published_db()
    if not database.exists():
        raise NotPublished(str(database))
    return duckdb.connect(str(database), read_only=True, config=READ_ONLY_CONFIG)
