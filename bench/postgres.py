"""`python -m bench.postgres`: publishing the warehouse into PostgreSQL against a bare
`adbc_ingest` of the same tables, at 1x and 100x units.

The publish is what a refresh does after its checks pass: the copy into a staging schema (ADBC
bulk ingest from DuckDB's Arrow), primary keys, indexes, views, comments and statistics, then
the swap into schema tineng. The bare ingest reads the same tables from the same DuckDB file and
hands them to `adbc_ingest` into an empty schema, and nothing else; both open their own
connections. Each scale gets a demo year built by `tineng run --all --no-report` (the 100x
units from bench/synthetic_units.py); the server is the tests' (tests/postgres_server.py: the
local server, or a throwaway cluster), in a scratch database.
"""

import argparse
import os
import secrets
from pathlib import Path

import adbc_driver_postgresql.dbapi as adbc
import duckdb
import psycopg
from psycopg import sql

from bench.common import format_ratio, measure, scratch_dir
from bench.synthetic_units import scaled_plans
from bench.workspace import BenchSpace
from orchestration.publish import postgres
from orchestration.publish.duckdb_relations import read_relations
from orchestration.transform import project  # noqa: F401  (loaded once, outside the timings)
from tests.postgres_server import Server, postgres_server

LAST = "2021-12"
BARE = "bare_ingest"


def build_warehouse(factor: int, root: Path) -> Path:
    scaled_plans(factor, root)
    space = BenchSpace(root=root, raw=root / "raw")
    space.tineng("demo", "--through", LAST)
    space.tineng("run", "--all", "--no-report")
    return space.warehouse / "tineng.duckdb"


def bare_ingest(database: Path, url: str) -> None:
    with (
        duckdb.connect(str(database), read_only=True) as source,
        adbc.connect(url) as connection,
        connection.cursor() as cursor,
    ):
        for relation in read_relations(source):
            if not relation.is_view:
                reader = relation.read(source).to_arrow_reader(postgres.BATCH_ROWS)
                cursor.adbc_ingest(relation.name, reader, mode="create", db_schema_name=BARE)
        connection.commit()


def fresh_bare_schema(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(BARE)))
        connection.execute(sql.SQL("create schema {}").format(sql.Identifier(BARE)))


def size_of(url: str) -> tuple[int, int]:
    """Tables and rows in schema tineng."""
    with psycopg.connect(url) as connection:
        return connection.execute(
            "select count(*), coalesce(sum(n_live_tup), 0)::bigint from pg_stat_user_tables"
            " where schemaname = %s",
            [postgres.TARGET],
        ).fetchone()


def compare_at(factor: int, server: Server, repeats: int) -> list[str]:
    with scratch_dir(f"bench-postgres-{factor}x-") as root, server.database() as database:
        warehouse = build_warehouse(factor, root)
        url = server.url(database)
        postgres.publish(warehouse, url)  # warm-up: role, first schema
        published = measure(lambda: postgres.publish(warehouse, url), repeats)
        bare = measure(lambda: bare_ingest(warehouse, url), repeats, setup=lambda: fresh_bare_schema(url))
        tables, rows = size_of(url)
        return [
            f"{factor:>4}x units, {tables} tables, {rows:,} rows: publish to PostgreSQL (stage + swap) "
            f"{published.format('s', 2)}; bare adbc_ingest {bare.format('s', 2)}",
            "      " + format_ratio("publish / bare adbc_ingest", published, bare, at_most=1.5),
        ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--factors", default="1,100", help="unit multiples, comma-separated")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    os.environ.pop("TINENG_POSTGRES_URL", None)  # the builds publish to DuckDB only
    reader = f"tineng_bench_reader_{secrets.token_hex(4)}"
    os.environ["TINENG_POSTGRES_READER"] = reader
    with postgres_server() as server:
        try:
            for factor in args.factors.split(","):
                for line in compare_at(int(factor), server, args.repeats):
                    print(line, flush=True)
        finally:
            server.drop_role(reader)


if __name__ == "__main__":
    main()
