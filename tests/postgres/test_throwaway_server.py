"""On a machine with no PostgreSQL server running, the test helper starts its own cluster; the
publish works there too, with password authentication for the reader."""

import psycopg
import pytest

from orchestration.publish import postgres
from tests.postgres.conftest import new_target
from tests.postgres.relations import duckdb_counts, duckdb_relations, postgres_counts
from tests.postgres_server import FORCE_THROWAWAY, postgres_server


def test_a_throwaway_cluster_serves_a_publish(warehouses, monkeypatch):
    monkeypatch.setenv(FORCE_THROWAWAY, "1")
    with postgres_server() as server, new_target(server) as target:
        assert server.admin_url != warehouses.run_target.server.admin_url
        for name, value in target.env().items():
            monkeypatch.setenv(name, value)
        postgres.publish(warehouses.published)
        names = sorted(duckdb_relations(warehouses.published))
        with target.as_reader() as reader:
            assert postgres_counts(reader, names) == duckdb_counts(warehouses.published, names)
        with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
            psycopg.connect(server.url(target.database, user=target.reader, password="wrong"))
    with pytest.raises(psycopg.OperationalError):  # stopped at the end
        psycopg.connect(server.admin_url, connect_timeout=3)
