"""The refresh's private DuckDB database, as a Dagster resource.

The path comes from settings when a connection is opened, not when definitions load, so a test
or a CLI option can point a run at another warehouse directory.
"""

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from orchestration import refresh_lock, settings


class BuildDatabase(dg.ConfigurableResource):
    """Read-write connections to warehouse/build/tineng.duckdb; only the refresh opens it.

    The run that uses it holds the refresh lock from start to end (resources live for the whole
    run with the in-process executor): a Dagster run started while the CLI refreshes waits."""

    _held: ExitStack = PrivateAttr(default_factory=ExitStack)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        log = context.log.info if context.log else None
        self._held.enter_context(refresh_lock.held(None, on_wait=log))

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        self._held.close()

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        path = settings.build_db()
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = duckdb.connect(str(path))
        try:
            yield connection
        finally:
            connection.close()

    def set_aside_if_damaged(self) -> Path | None:
        """A build file DuckDB cannot open (truncated, overwritten) is renamed aside, never deleted:
        the refresh then builds afresh from the ledger. Returns the new name, or None."""
        path = settings.build_db()
        if not path.exists():
            return None
        try:
            duckdb.connect(str(path)).close()
            return None
        except duckdb.IOException as damaged:
            if "not a valid DuckDB database" not in str(damaged) and "Could not read" not in str(damaged):
                raise
        aside = path.with_name(f"{path.name}.damaged-{datetime.now():%Y%m%dT%H%M%S}")
        path.rename(aside)
        wal = path.with_name(f"{path.name}.wal")
        if wal.exists():
            wal.rename(aside.with_name(f"{aside.name}.wal"))
        return aside
