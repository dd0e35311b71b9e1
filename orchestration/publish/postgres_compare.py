"""Does schema tineng in PostgreSQL hold what the published DuckDB file holds? Relations, row
counts and a checksum per relation, computed from each side's rows in one canonical form."""

import hashlib
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import psycopg
from psycopg import sql

from orchestration import settings
from orchestration.publish.duckdb_relations import read_relations
from orchestration.publish.postgres import PUBLISH_LOCK, TARGET

CHUNK_ROWS = 10_000
WAIT_FOR_PUBLISH = "60s"
_MODULUS = 2**128


@dataclass(frozen=True)
class Side:
    rows: int
    checksum: str


@dataclass(frozen=True)
class Comparison:
    name: str
    duckdb: Side | None  # None: not in the published DuckDB file
    postgres: Side | None  # None: not in schema tineng
    reader_can_select: bool | None  # None: not in PostgreSQL, or no such role

    @property
    def matches(self) -> bool:
        return self.duckdb is not None and self.duckdb == self.postgres and self.reader_can_select is True


def compare(duckdb_path: Path, connection: psycopg.Connection) -> list[Comparison]:
    """Both sides, read while no publish runs (the publish lock, shared)."""
    connection.execute(sql.SQL("set lock_timeout = {}").format(sql.Literal(WAIT_FOR_PUBLISH)))
    connection.execute("select pg_advisory_lock_shared(%s)", [PUBLISH_LOCK])
    try:
        with duckdb.connect(str(duckdb_path), read_only=True) as source:
            expected = {
                r.name: _checksum([c.name for c in r.columns], r.read(source).iter_rows(CHUNK_ROWS))
                for r in read_relations(source)
                if r.columns
            }
        present = _postgres_relations(connection)
        return [
            Comparison(
                name=name,
                duckdb=expected.get(name),
                postgres=_checksum(present[name], _postgres_rows(connection, name, present[name]))
                if name in present
                else None,
                reader_can_select=_reader_can_select(connection, name) if name in present else None,
            )
            for name in sorted(expected.keys() | present.keys())
        ]
    finally:
        connection.execute("select pg_advisory_unlock_shared(%s)", [PUBLISH_LOCK])


def undocumented_columns(connection: psycopg.Connection) -> list[str]:
    """relation.column of schema tineng without a comment."""
    return [
        f"{relation}.{column}"
        for relation, column in connection.execute(
            """
            select c.relname, a.attname from pg_attribute a
            join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
            left join pg_description d on d.objoid = c.oid and d.objsubid = a.attnum
            where n.nspname = %s and c.relkind in ('r', 'v') and a.attnum > 0 and not a.attisdropped
              and d.description is null
            order by c.relname, a.attnum
            """,
            [TARGET],
        )
    ]


def canonical(value: object) -> str:
    """One text form per value, the same whichever database it came from."""
    if value is None:
        return "\x00"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else repr(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).isoformat()
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _checksum(columns: list[str], rows: Iterable[tuple]) -> Side:
    """Row count, and the column names with the sum of every row's hash (order-independent)."""
    count, total = 0, 0
    for row in rows:
        digest = hashlib.sha256("\x1f".join(map(canonical, row)).encode()).digest()
        total = (total + int.from_bytes(digest[:16])) % _MODULUS
        count += 1
    header = hashlib.sha256("\x1f".join(columns).encode()).hexdigest()[:8]
    return Side(rows=count, checksum=f"{header}-{total:032x}")


def _postgres_relations(connection: psycopg.Connection) -> dict[str, list[str]]:
    columns: dict[str, list[str]] = {}
    for relation, column in connection.execute(
        """
        select c.relname, a.attname from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = %s and c.relkind in ('r', 'p', 'v', 'm')
        order by c.relname, a.attnum
        """,
        [TARGET],
    ):
        columns.setdefault(relation, []).append(column)
    return columns


def _postgres_rows(connection: psycopg.Connection, relation: str, columns: list[str]) -> Iterator[tuple]:
    query = sql.SQL("select {} from {}").format(
        sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Identifier(TARGET, relation)
    )
    with connection.cursor() as cursor:
        yield from cursor.stream(query, size=CHUNK_ROWS)


def _reader_can_select(connection: psycopg.Connection, relation: str) -> bool | None:
    reader = settings.postgres_reader_name()
    if not connection.execute("select 1 from pg_roles where rolname = %s", [reader]).fetchone():
        return None
    return connection.execute(
        "select has_schema_privilege(%s, %s, 'USAGE') and has_table_privilege(%s, %s, 'SELECT')",
        [reader, TARGET, reader, sql.Identifier(TARGET, relation).as_string(connection)],
    ).fetchone()[0]
