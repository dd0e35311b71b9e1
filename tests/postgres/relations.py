"""What the tests read on each side, with their own queries (not the code under test)."""

import duckdb
import psycopg
from psycopg import sql

# Column names that must never leave the build (the tests' own list)
PERSONAL = ("reporter", "phone", "password", "uploaded_by", "email", "id_card")


def duckdb_relations(path) -> dict[str, tuple[str, str]]:
    """name -> (schema, 'table' | 'view') of every relation of schemas marts and audit."""
    with duckdb.connect(str(path), read_only=True) as connection:
        rows = connection.execute(
            """
            select table_name, schema_name, 'table' from duckdb_tables() where schema_name in ('marts', 'audit')
            union all
            select view_name, schema_name, 'view' from duckdb_views()
            where schema_name in ('marts', 'audit') and not internal
            """
        ).fetchall()
    return {name: (schema, kind) for name, schema, kind in rows}


def duckdb_columns(path, schema: str, name: str) -> list[str]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return [
            column
            for (column,) in connection.execute(
                "select column_name from duckdb_columns() where schema_name = ? and table_name = ? order by column_index",
                [schema, name],
            ).fetchall()
        ]


def duckdb_rows(path, schema: str, name: str, columns: list[str]) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as connection:
        selected = ", ".join(f'"{c}"' for c in columns)
        return sorted(connection.execute(f'select {selected} from "{schema}"."{name}"').fetchall(), key=repr)


def postgres_columns(connection: psycopg.Connection, name: str) -> list[str]:
    return [
        column
        for (column,) in connection.execute(
            "select column_name from information_schema.columns where table_schema = 'tineng' and table_name = %s"
            " order by ordinal_position",
            [name],
        )
    ]


def postgres_rows(connection: psycopg.Connection, name: str, columns: list[str]) -> list[tuple]:
    query = sql.SQL("select {} from {}").format(
        sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Identifier("tineng", name)
    )
    return sorted(connection.execute(query).fetchall(), key=repr)


def counts_query(names: list[str]) -> str:
    """One statement counting every relation of schema tineng: one snapshot, or a mix of two."""
    return (
        sql.SQL("select {}")
        .format(
            sql.SQL(", ").join(
                sql.SQL("(select count(*) from {})").format(sql.Identifier("tineng", name)) for name in names
            )
        )
        .as_string()
    )


def duckdb_counts(path, names: list[str]) -> tuple[int, ...]:
    relations = duckdb_relations(path)
    with duckdb.connect(str(path), read_only=True) as connection:
        return tuple(
            connection.execute(f'select count(*) from "{relations[name][0]}"."{name}"').fetchone()[0]
            for name in names
        )


def postgres_counts(connection: psycopg.Connection, names: list[str]) -> tuple[int, ...]:
    return tuple(connection.execute(counts_query(names)).fetchone())


def is_personal(column: str) -> bool:
    return any(fragment in column.lower() for fragment in PERSONAL)
