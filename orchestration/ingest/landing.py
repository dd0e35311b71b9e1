"""The landing tables in the build database: written afresh from the submission ledger."""

from datetime import datetime
from importlib.resources import files

import duckdb
import pandas as pd

_TABLES = {
    "files": "raw.files",
    "messages": "raw.file_messages",
    "progress_rows": "raw.progress_rows",
    "sheet_totals": "raw.sheet_totals",
    "deliverable_rows": "raw.deliverable_rows",
    "value_confirmations": "raw.value_confirmations",
    "office_decisions": "raw.office_decisions",
}
_TIMES = ("received_at", "ingested_at", "confirmed_at", "decided_at")


def replace(
    connection: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame], refreshed_at: datetime
) -> None:
    """All landing tables replaced in one transaction: a killed refresh leaves the previous ones.
    `refreshed_at` is Beijing local time: the models take "today" from it, never from the host."""
    connection.begin()
    connection.execute(files(__package__).joinpath("landing.sql").read_text(encoding="utf-8"))
    connection.execute("insert into raw.run_context values (?, ?)", [refreshed_at.date(), refreshed_at])
    for name, table in _TABLES.items():
        frame = frames[name]
        if not len(frame):
            continue
        casts = ", ".join(f"cast({c} as timestamp) as {c}" for c in _TIMES if c in frame.columns)
        connection.register("ledger_rows", frame)
        select = f"select * replace ({casts}) from ledger_rows" if casts else "select * from ledger_rows"  # noqa: S608
        connection.execute(f"insert into {table} by name {select}")
        connection.unregister("ledger_rows")
    connection.commit()
