"""A read-only client that queries the published warehouse in a loop (run in its own process)."""

import time
from pathlib import Path

import duckdb

from orchestration import serving
from tests.serving.snapshot_checks import is_complete


def query_in_a_loop(database: str, stop, max_queries: int) -> tuple[int, list[str]]:
    """Open, query, check completeness, close; until told to stop or the query budget runs out."""
    errors, queries = [], 0
    while not stop.is_set() and queries < max_queries:
        try:
            connection = serving.connect(Path(database))
            try:
                connection.execute(
                    "select unit_name, count(*) filter (where status = '低于序时进度') from marts.mart_unit_scorecard"
                    " where period = (select max(period) from marts.mart_unit_scorecard) group by 1"
                ).fetchall()
                if not is_complete(connection):
                    errors.append("incomplete snapshot")
            finally:
                connection.close()
        except (duckdb.Error, serving.NotPublished) as failed:
            errors.append(f"{type(failed).__name__}: {failed}")
        queries += 1
        time.sleep(0.05)
    return queries, errors
