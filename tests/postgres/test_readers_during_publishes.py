"""Eight read-only BI clients querying while ten publishes swap snapshots see no error and only
complete snapshots, never a mix of two or an empty table."""

from orchestration.publish import postgres
from tests.client_pool import client_pool
from tests.postgres.reader_client import query_in_a_loop
from tests.postgres.relations import counts_query, duckdb_counts, duckdb_relations

CLIENTS = 8
PUBLISHES = 10


def test_eight_readers_during_ten_publishes(warehouses, target):
    names = sorted(duckdb_relations(warehouses.published))
    snapshots = [duckdb_counts(warehouses.published, names), duckdb_counts(warehouses.halved, names)]
    assert snapshots[0] != snapshots[1]
    postgres.publish(warehouses.published)
    with client_pool(CLIENTS) as (manager, pool, stop):
        ready = manager.Queue()
        pending = [
            pool.apply_async(
                query_in_a_loop, (target.reader_url, counts_query(names), snapshots, ready, stop, 20_000)
            )
            for _ in range(CLIENTS)
        ]
        for _ in range(CLIENTS):
            ready.get(timeout=60)
        for n in range(PUBLISHES):
            postgres.publish(warehouses.halved if n % 2 == 0 else warehouses.published)
        stop.set()
        outcomes = [p.get(timeout=120) for p in pending]
    assert [errors for _, errors in outcomes] == [[]] * CLIENTS
    assert all(queries > PUBLISHES for queries, _ in outcomes)
