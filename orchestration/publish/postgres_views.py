"""A DuckDB view of the marts as a PostgreSQL view over the copied tables (sqlglot translates)."""

from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from orchestration.publish.duckdb_relations import SCHEMAS


class Untranslatable(Exception):
    """The view's SQL has no PostgreSQL form sqlglot can write."""


@dataclass(frozen=True)
class TranslatedView:
    select_sql: str  # PostgreSQL, reading from the target schema
    depends_on: frozenset[tuple[str, str]]  # (DuckDB schema, name) of the relations it reads
    lineage: dict[str, tuple[str, str, str]]  # view column -> (schema, relation, column) it renames
    reads: frozenset[str]  # every column name the SQL mentions


def translate(view_sql: str, target_schema: str) -> TranslatedView:
    """Rewrite `create view marts.v as select ... from marts.t` as a select reading target_schema."""
    try:
        statement = sqlglot.parse_one(view_sql, read="duckdb")
    except SqlglotError as error:
        raise Untranslatable(str(error)) from error
    query = statement.expression if isinstance(statement, exp.Create) else None
    if not isinstance(query, exp.Query):
        raise Untranslatable("not a CREATE VIEW ... AS SELECT statement")
    lineage = _lineage(query)
    reads = frozenset(column.name for column in query.find_all(exp.Column))
    depends_on = set()
    for table in query.find_all(exp.Table):
        if table.db in SCHEMAS:
            depends_on.add((table.db, table.name))
            table.set("db", exp.to_identifier(target_schema, quoted=True))
            table.set("catalog", None)
    try:
        return TranslatedView(query.sql(dialect="postgres"), frozenset(depends_on), lineage, reads)
    except SqlglotError as error:
        raise Untranslatable(str(error)) from error


def _lineage(query: exp.Query) -> dict[str, tuple[str, str, str]]:
    """Columns that only rename a column of the one relation a plain select reads."""
    if not isinstance(query, exp.Select) or query.args.get("joins") or query.args.get("group"):
        return {}
    source = query.args.get("from_") or query.args.get("from")
    table = source.this if source else None
    if not isinstance(table, exp.Table) or table.db not in SCHEMAS:
        return {}
    return {
        projection.alias_or_name: (table.db, table.name, projection.unalias().name)
        for projection in query.selects
        if isinstance(projection.unalias(), exp.Column)
    }
