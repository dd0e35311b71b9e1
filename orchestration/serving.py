"""Read-only access to the published warehouse, for analysts, reports and anything that serves.

Connections are read-only and cannot touch the file system (no COPY TO, ATTACH or reading other
files), and that setting cannot be switched back on inside the session.
"""

from pathlib import Path

import duckdb

from orchestration import settings

READ_ONLY_CONFIG = {"enable_external_access": False, "lock_configuration": True}


class NotPublished(Exception):
    """No warehouse has been published yet."""


def connect(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    database = path or settings.published_db()
    if not database.exists():
        raise NotPublished(str(database))
    return duckdb.connect(str(database), read_only=True, config=READ_ONLY_CONFIG)
