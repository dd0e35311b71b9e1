"""What a published DuckDB file offers BI tools: the tables and views of schemas marts and audit,
their columns with the PostgreSQL type each maps to, less any column that holds personal data.

Nothing here names a mart: the lists come from DuckDB's catalog, so models can come and go.
"""

import re
from dataclasses import dataclass

import duckdb

SCHEMAS = ("marts", "audit")

# Defensive: personal data stays in the submission ledger (issue 7); should a column of this kind
# reach a mart, it is still never copied out of the build.
PERSONAL_COLUMNS = frozenset(
    {
        "reporter",
        "reporter_name",
        "reporter_phone",
        "contact",
        "contact_name",
        "contact_person",
        "uploaded_by",
        "email",
        "id_card",
        "mobile",
    }
)
PERSONAL_FRAGMENTS = ("phone", "password")

# DuckDB type -> (PostgreSQL type, the DuckDB type to cast to first so that the Arrow type ADBC
# writes is the PostgreSQL column's binary format; None when no cast is needed).
_TYPES = {
    "BOOLEAN": ("boolean", None),
    "TINYINT": ("smallint", "SMALLINT"),
    "SMALLINT": ("smallint", None),
    "UTINYINT": ("smallint", "SMALLINT"),
    "INTEGER": ("integer", None),
    "USMALLINT": ("integer", "INTEGER"),
    "BIGINT": ("bigint", None),
    "UINTEGER": ("bigint", "BIGINT"),
    "UBIGINT": ("numeric(38,0)", "DECIMAL(38,0)"),
    "HUGEINT": ("numeric(38,0)", "DECIMAL(38,0)"),
    "UHUGEINT": ("numeric(38,0)", "DECIMAL(38,0)"),
    "FLOAT": ("real", None),
    "DOUBLE": ("double precision", None),
    "DATE": ("date", None),
    "TIME": ("time", None),
    "TIMESTAMP": ("timestamp", None),
    "TIMESTAMP_S": ("timestamp", "TIMESTAMP"),
    "TIMESTAMP_MS": ("timestamp", "TIMESTAMP"),
    "TIMESTAMP_NS": ("timestamp", "TIMESTAMP"),
    "TIMESTAMP WITH TIME ZONE": ("timestamp with time zone", None),
    "INTERVAL": ("interval", None),
    "VARCHAR": ("text", None),
    "BLOB": ("bytea", None),
}
# Everything else (UUID, ENUM, JSON, LIST, STRUCT, MAP ...) is published as its text form.
_AS_TEXT = ("text", "VARCHAR")
_DECIMAL = re.compile(r"^DECIMAL\((\d+),\s*(\d+)\)$")


@dataclass(frozen=True)
class Column:
    name: str
    duckdb_type: str
    postgres_type: str
    cast_to: str | None
    comment: str | None

    def expression(self) -> duckdb.Expression:
        """The column as the copy reads it from DuckDB (cast where the mapping needs it)."""
        column = duckdb.ColumnExpression(self.name)
        return column.cast(duckdb.sqltype(self.cast_to)).alias(self.name) if self.cast_to else column


@dataclass(frozen=True)
class Relation:
    schema: str
    name: str
    is_view: bool
    columns: tuple[Column, ...]
    excluded: tuple[str, ...]  # personal-data columns left out
    view_sql: str | None
    comment: str | None
    key: tuple[str, ...]  # DuckDB's own primary key (or first unique constraint), if any
    estimated_rows: int  # DuckDB's estimate; 0 for a view

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}"

    def read(self, connection: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyRelation:
        """The published columns, in order, with the casts the PostgreSQL types need."""
        table = connection.table(f"{quote(self.schema)}.{quote(self.name)}")
        return table.select(*(c.expression() for c in self.columns))


def quote(identifier: str) -> str:
    """A quoted DuckDB identifier."""
    return '"' + identifier.replace('"', '""') + '"'


def is_personal(column: str) -> bool:
    name = column.lower()
    return name in PERSONAL_COLUMNS or any(fragment in name for fragment in PERSONAL_FRAGMENTS)


def postgres_type(duckdb_type: str) -> tuple[str, str | None]:
    """The PostgreSQL type a DuckDB column is published as, and the cast the copy applies."""
    if decimal := _DECIMAL.match(duckdb_type):
        return f"numeric({decimal[1]},{decimal[2]})", None
    return _TYPES.get(duckdb_type, _AS_TEXT)


def read_relations(connection: duckdb.DuckDBPyConnection) -> list[Relation]:
    """Every table and view of SCHEMAS, ordered by schema and name."""
    schemas = list(SCHEMAS)
    listed = connection.execute(
        """
        select schema_name, table_name, false, null, comment, estimated_size from duckdb_tables()
        where schema_name in (select unnest(?))
        union all
        select schema_name, view_name, true, sql, comment, 0 from duckdb_views()
        where schema_name in (select unnest(?)) and not internal
        order by 1, 2
        """,
        [schemas, schemas],
    ).fetchall()
    columns: dict[tuple[str, str], list[tuple]] = {}
    for schema, table, name, data_type, comment in connection.execute(
        """
        select schema_name, table_name, column_name, data_type, comment from duckdb_columns()
        where schema_name in (select unnest(?)) order by schema_name, table_name, column_index
        """,
        [schemas],
    ).fetchall():
        columns.setdefault((schema, table), []).append((name, data_type, comment))
    keys: dict[tuple[str, str], tuple[str, ...]] = {}
    for schema, table, names in connection.execute(
        """
        select schema_name, table_name, constraint_column_names from duckdb_constraints()
        where schema_name in (select unnest(?)) and constraint_type in ('PRIMARY KEY', 'UNIQUE')
        order by constraint_type = 'UNIQUE', constraint_index
        """,
        [schemas],
    ).fetchall():
        keys.setdefault((schema, table), tuple(names))
    relations = []
    for schema, name, is_view, view_sql, comment, estimated_rows in listed:
        kept, excluded = [], []
        for column_name, data_type, column_comment in columns.get((schema, name), []):
            if is_personal(column_name):
                excluded.append(column_name)
                continue
            pg_type, cast_to = postgres_type(data_type)
            kept.append(Column(column_name, data_type, pg_type, cast_to, column_comment))
        relations.append(
            Relation(
                schema=schema,
                name=name,
                is_view=is_view,
                columns=tuple(kept),
                excluded=tuple(excluded),
                view_sql=view_sql,
                comment=comment,
                key=keys.get((schema, name), ()),
                estimated_rows=estimated_rows,
            )
        )
    return relations
