"""The refresh's private DuckDB database, as a Dagster resource.

The path comes from settings when a connection is opened, not when definitions load, so a test
or a CLI option can point a run at another warehouse directory.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb

from orchestration import settings


class BuildDatabase(dg.ConfigurableResource):
    """Read-write connections to warehouse/build/tineng.duckdb; only the refresh opens it."""

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        path = settings.build_db()
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = duckdb.connect(str(path))
        try:
            yield connection
        finally:
            connection.close()
