"""The landing tables in the build database: create them, read what is known, append a batch."""

from importlib.resources import files

import duckdb

from orchestration.ingest.registry import LandingBatch

_INSERTS = {
    "files": "insert into raw.files by name select * from landing_batch",
    "messages": "insert into raw.file_messages by name select * from landing_batch",
    "progress_rows": "insert into raw.progress_rows by name select * from landing_batch",
    "sheet_totals": "insert into raw.sheet_totals by name select * from landing_batch",
    "deliverable_rows": "insert into raw.deliverable_rows by name select * from landing_batch",
}


def ensure_schema(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute(files(__package__).joinpath("landing.sql").read_text(encoding="utf-8"))


def known_files(connection: duckdb.DuckDBPyConnection) -> tuple[set[str], dict[str, str]]:
    """Registered file ids, and for each content hash the file first received with it."""
    ids = {row[0] for row in connection.execute("select file_id from raw.files").fetchall()}
    originals = connection.execute(
        "select sha256, arg_min(file_id, received_at) from raw.files where status != 'duplicate' and size_bytes > 0 group by sha256"
    ).fetchall()
    return ids, dict(originals)


def append(connection: duckdb.DuckDBPyConnection, batch: LandingBatch) -> None:
    """One insert per table, all in one transaction: a killed refresh leaves no half batch."""
    connection.begin()
    for name, statement in _INSERTS.items():
        frame = getattr(batch, name)
        if len(frame):
            connection.register("landing_batch", frame)
            connection.execute(statement)
            connection.unregister("landing_batch")
    connection.commit()
