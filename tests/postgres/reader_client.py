"""A BI client querying schema tineng in a loop as the read-only role (run in its own process)."""

import time

import psycopg


def query_in_a_loop(
    url: str, query: str, snapshots: list[tuple], ready, stop, max_queries: int
) -> tuple[int, list[str]]:
    """Count every relation in one statement; the counts must be exactly one complete snapshot's."""
    errors, queries, connection = [], 0, None
    while not stop.is_set() and queries < max_queries:
        try:
            if connection is None:
                connection = psycopg.connect(url, autocommit=True, application_name="tineng-test-reader")
            counts = tuple(connection.execute(query).fetchone())
            if counts not in snapshots:
                errors.append(f"not a complete snapshot: {counts}")
            if queries == 0:
                ready.put(True)
        except psycopg.Error as failed:
            errors.append(f"{type(failed).__name__}: {failed}")
            connection = None
        queries += 1
        time.sleep(0.01)
    if connection is not None:
        connection.close()
    return queries, errors
