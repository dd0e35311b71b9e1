"""`tineng run` with TINENG_POSTGRES_URL set publishes the marts into PostgreSQL as well: the same
relations, the same rows, faithful types, keys on each grain, the dbt descriptions as comments."""

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import duckdb

from orchestration.publish import postgres
from orchestration.transform.project import dbt_project
from tests.postgres.conftest import copy_of
from tests.postgres.relations import (
    duckdb_columns,
    duckdb_counts,
    duckdb_relations,
    duckdb_rows,
    is_personal,
    postgres_columns,
    postgres_counts,
    postgres_rows,
)

_RELATIONS = """
    select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = %s and c.relkind in ('r', 'v')
"""


def test_tineng_run_publishes_to_duckdb_and_postgres(warehouses):
    names = sorted(duckdb_relations(warehouses.published))
    assert warehouses.published.exists() and names
    with warehouses.run_target.admin() as connection:
        in_postgres = sorted(name for name, _ in connection.execute(_RELATIONS, ["tineng"]))
        assert in_postgres == names
        assert postgres_counts(connection, names) == duckdb_counts(warehouses.published, names)
        # nothing half-built is left behind
        assert (
            connection.execute("select nspname from pg_namespace where nspname like 'tineng_%'").fetchall()
            == []
        )


def test_copy_equals_the_duckdb_marts_table_by_table(warehouses):
    with warehouses.run_target.admin() as connection:
        for name, (schema, _) in sorted(duckdb_relations(warehouses.published).items()):
            in_duckdb = duckdb_columns(warehouses.published, schema, name)
            copied = postgres_columns(connection, name)
            assert copied == [c for c in in_duckdb if not is_personal(c)], name
            assert postgres_rows(connection, name, copied) == duckdb_rows(
                warehouses.published, schema, name, copied
            ), name


def test_no_personal_data_and_no_landing_tables_reach_postgres(warehouses):
    with warehouses.run_target.admin() as connection:
        columns = connection.execute(
            "select table_schema, table_name, column_name from information_schema.columns"
            " where table_schema not in ('pg_catalog', 'information_schema')"
        ).fetchall()
    assert {schema for schema, _, _ in columns} == {"tineng"}
    assert [c for c in columns if is_personal(c[2])] == []
    with duckdb.connect(str(warehouses.published), read_only=True) as source:
        landing = {
            t
            for (t,) in source.execute(
                "select table_name from duckdb_tables() where schema_name = 'raw'"
            ).fetchall()
        }
    assert landing and not landing & {table for _, table, _ in columns}


def test_comments_carry_the_dbt_descriptions(warehouses):
    manifest = json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))
    documented = {
        (node["schema"], node.get("alias") or node["name"]): node
        for node in [*manifest["nodes"].values(), *manifest["sources"].values()]
        if node["resource_type"] in ("model", "source")
    }
    checked = 0
    with warehouses.run_target.admin() as connection:
        for name, (schema, _) in duckdb_relations(warehouses.published).items():
            node = documented.get((schema, name))
            comment = connection.execute(
                "select obj_description(%s::regclass, 'pg_class')", [f"tineng.{name}"]
            ).fetchone()[0]
            assert comment, f"{name} has no comment"
            if node and node["description"]:
                assert comment == node["description"], name
            for column, doc in (node or {}).get("columns", {}).items():
                if doc.get("description") and not is_personal(column):
                    found = connection.execute(
                        "select col_description(a.attrelid, a.attnum) from pg_attribute a"
                        " where a.attrelid = %s::regclass and a.attname = %s",
                        [f"tineng.{name}", column],
                    ).fetchone()
                    assert found and found[0] == doc["description"], f"{name}.{column}"
                    checked += 1
    assert checked > 50


def test_primary_keys_follow_the_grain_and_period_and_unit_are_indexed(warehouses):
    manifest = json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))
    models = {n["unique_id"]: n for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    keys: dict[str, list[list[str]]] = {}
    for test in manifest["nodes"].values():
        meta = test.get("test_metadata") or {}
        if test["resource_type"] == "test" and test.get("attached_node") in models:
            kwargs = meta.get("kwargs", {})
            key = [kwargs["column_name"]] if meta.get("name") == "unique" else kwargs.get("columns")
            if meta.get("name") in ("unique", "unique_combination") and key:
                keys.setdefault(models[test["attached_node"]]["name"], []).append(key)
    for model in models.values():
        if grain := (model["config"].get("meta") or {}).get("grain"):
            keys[model["name"]] = [grain]
    with warehouses.run_target.admin() as connection:
        for name, kind in connection.execute(_RELATIONS, ["tineng"]).fetchall():
            primary = connection.execute(
                "select array_agg(a.attname order by k.ord) from pg_index i"
                " cross join unnest(i.indkey) with ordinality as k(attnum, ord)"
                " join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum"
                " where i.indrelid = %s::regclass and i.indisprimary",
                [f"tineng.{name}"],
            ).fetchone()[0]
            if kind == "r" and name in keys:
                assert primary in keys[name], name
            leading = {
                column
                for (column,) in connection.execute(
                    "select a.attname from pg_index i join pg_attribute a"
                    " on a.attrelid = i.indrelid and a.attnum = i.indkey[0] where i.indrelid = %s::regclass",
                    [f"tineng.{name}"],
                )
            }
            for column in ("period", "unit_code"):
                if kind == "r" and column in postgres_columns(connection, name):
                    assert column in leading, f"{name}.{column} has no index"
    assert len(keys) > 10


def test_types_map_faithfully_and_views_become_views(warehouses, target, tmp_path):
    probe = copy_of(warehouses.published, tmp_path / "probe")
    with duckdb.connect(str(probe)) as connection:
        connection.execute(
            """
            create table marts.zz_types (
                id integer primary key, period varchar, unit_code varchar, amount decimal(18, 4), day date,
                stamp timestamp, stamp_tz timestamptz, flag boolean, label varchar, huge hugeint, tiny utinyint,
                ratio double, single float, span interval, items integer[], reporter_phone varchar
            );
            insert into marts.zz_types values
                (1, '2021-03', 'S01', 1.25, date '2021-03-31', timestamp '2021-03-31 23:59:59.123456',
                 timestamptz '2021-03-31 08:00:00+08', true, '中文 text', 12345678901234567890123, 200,
                 1.5, 2.5, interval 3 day, [1, 2], '13800000000'),
                (2, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            create view marts.zz_translatable as select id, amount * 2 as doubled from marts.zz_types where flag;
            create view marts.zz_duckdb_only as select id, hamming(label, label) as h from marts.zz_types;
            """
        )
    staged = postgres.publish(probe)
    with target.admin() as connection:
        types = dict(
            connection.execute(
                "select a.attname, format_type(a.atttypid, a.atttypmod) from pg_attribute a"
                " where a.attrelid = 'tineng.zz_types'::regclass and a.attnum > 0 order by a.attnum"
            ).fetchall()
        )
        assert types == {
            "id": "integer",
            "period": "text",
            "unit_code": "text",
            "amount": "numeric(18,4)",
            "day": "date",
            "stamp": "timestamp without time zone",
            "stamp_tz": "timestamp with time zone",
            "flag": "boolean",
            "label": "text",
            "huge": "numeric(38,0)",
            "tiny": "smallint",
            "ratio": "double precision",
            "single": "real",
            "span": "interval",
            "items": "text",
        }
        rows = connection.execute("select * from tineng.zz_types order by id").fetchall()
        assert rows[0] == (
            1,
            "2021-03",
            "S01",
            Decimal("1.2500"),
            date(2021, 3, 31),
            datetime(2021, 3, 31, 23, 59, 59, 123456),
            datetime(2021, 3, 31, 0, 0, tzinfo=UTC),
            True,
            "中文 text",
            Decimal(12345678901234567890123),
            200,
            1.5,
            2.5,
            timedelta(days=3),
            "[1, 2]",
        )
        assert rows[1] == (2, *[None] * 14)
        assert connection.execute(
            "select conname from pg_constraint where conrelid = 'tineng.zz_types'::regclass and contype = 'p'"
        ).fetchall(), "DuckDB's own primary key carries over when dbt has none"
        kinds = dict(connection.execute(_RELATIONS, ["tineng"]).fetchall())
        assert kinds["zz_translatable"] == "v" and kinds["mart_progress_zh"] == "v"
        assert connection.execute("select * from tineng.zz_translatable").fetchall() == [
            (1, Decimal("2.5000"))
        ]
        # a view PostgreSQL cannot run is published as a table of its rows
        assert kinds["zz_duckdb_only"] == "r"
        assert sorted(connection.execute("select * from tineng.zz_duckdb_only").fetchall()) == [
            (1, 0),
            (2, None),
        ]
    assert any("zz_duckdb_only" in w for w in staged.warnings)
    assert any("reporter_phone" in w for w in staged.warnings)
