"""The read-only role reads every published table and view of schema tineng, and nothing else;
it cannot write or create anything."""

import psycopg
import pytest
from psycopg import errors, sql

from tests.postgres.relations import duckdb_counts, duckdb_relations, postgres_counts

WRITES = (
    "insert into tineng.{table} select * from tineng.{table} limit 1",
    "update tineng.{table} set {column} = {column}",
    "delete from tineng.{table}",
    "truncate tineng.{table}",
    "drop table tineng.{table}",
    "create table tineng.made_by_reader (a int)",
    "create table public.made_by_reader (a int)",
    "create view tineng.made_by_reader as select 1 as a",
    "create schema made_by_reader",
)


def test_reader_reads_every_table_and_view(warehouses):
    names = sorted(duckdb_relations(warehouses.published))
    with warehouses.run_target.as_reader() as reader:
        assert postgres_counts(reader, names) == duckdb_counts(warehouses.published, names)
        # the views with Chinese column names, for drag-and-drop dashboards
        chinese_views = reader.execute(
            "select distinct table_name from information_schema.columns join information_schema.views"
            " using (table_schema, table_name) where table_schema = 'tineng' and column_name ~ '[一-龥]'"
        ).fetchall()
        assert chinese_views
        for (view,) in chinese_views:
            assert reader.execute(
                sql.SQL("select * from {} limit 1").format(sql.Identifier("tineng", view))
            ).fetchall()
        visible = reader.execute(
            "select distinct table_schema from information_schema.tables"
            " where table_schema not in ('pg_catalog', 'information_schema')"
        ).fetchall()
        assert visible == [("tineng",)]


def test_reader_sees_nothing_outside_schema_tineng(warehouses):
    with warehouses.run_target.admin() as admin:
        admin.execute("create table public.outside_tineng as select 1 as a")
        admin.execute("create schema tineng_outside; create table tineng_outside.t as select 1 as a")
    try:
        with warehouses.run_target.as_reader() as reader:
            for relation in ("public.outside_tineng", "tineng_outside.t"):
                with pytest.raises(errors.InsufficientPrivilege):
                    reader.execute(f"select * from {relation}")
    finally:
        with warehouses.run_target.admin() as admin:
            admin.execute("drop table public.outside_tineng; drop schema tineng_outside cascade")


@pytest.mark.parametrize("read_write", [False, True], ids=["default session", "read-write transaction"])
def test_reader_cannot_write_or_create(warehouses, read_write):
    """Sessions are read-only by default; with that switched off, privileges still refuse."""
    with warehouses.run_target.admin() as admin:
        table, column = admin.execute(
            "select table_name, column_name from information_schema.columns"
            " where table_schema = 'tineng' and table_name not like 'mart_progress_zh' order by 1, ordinal_position limit 1"
        ).fetchone()
        before = admin.execute(
            sql.SQL("select count(*) from {}").format(sql.Identifier("tineng", table))
        ).fetchone()
    refused = []
    with psycopg.connect(warehouses.run_target.reader_url) as reader:
        for statement in (*WRITES, "create temporary table made_by_reader (a int)"):
            if read_write and "temporary" in statement:
                continue  # temporary tables are private to the session; only the read-only default stops them
            try:
                if read_write:
                    reader.execute("set transaction read write")
                reader.execute(statement.format(table=table, column=column))
            except (errors.InsufficientPrivilege, errors.ReadOnlySqlTransaction) as refusal:
                refused.append(type(refusal))
            reader.rollback()
    expected = errors.InsufficientPrivilege if read_write else errors.ReadOnlySqlTransaction
    assert refused == [expected] * (len(WRITES) + (0 if read_write else 1))
    with warehouses.run_target.admin() as admin:
        assert (
            admin.execute(
                sql.SQL("select count(*) from {}").format(sql.Identifier("tineng", table))
            ).fetchone()
            == before
        )
