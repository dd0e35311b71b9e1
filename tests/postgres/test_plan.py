"""What each DuckDB relation becomes in PostgreSQL: the primary key follows config.meta.grain,
else the narrowest unique test, else DuckDB's own key; names PostgreSQL cannot hold stop it."""

import duckdb
import pytest

from orchestration.publish.dbt_docs import DbtDocs
from orchestration.publish.duckdb_relations import read_relations
from orchestration.publish.postgres_plan import Unpublishable, plan


def _model(name: str, grain: list[str] | None = None, schema: str = "marts") -> dict:
    return {
        "unique_id": f"model.tineng.{name}",
        "resource_type": "model",
        "schema": schema,
        "name": name,
        "alias": name,
        "description": f"{name} 的说明。",
        "columns": {"unit_code": {"description": "单位编码。Unit code."}},
        "config": {"meta": {"grain": grain} if grain else {}},
    }


def _unique(model: str, columns: list[str]) -> dict:
    test = {"name": "unique", "kwargs": {"column_name": columns[0]}}
    if len(columns) > 1:
        test = {"name": "unique_combination", "kwargs": {"columns": columns}}
    return {
        "unique_id": f"test.tineng.{model}.{'_'.join(columns)}",
        "resource_type": "test",
        "attached_node": f"model.tineng.{model}",
        "test_metadata": test,
    }


def _planned(sql: str, nodes: list[dict]) -> tuple[dict, list[str]]:
    with duckdb.connect() as connection:
        connection.execute("create schema marts; create schema audit;" + sql)
        relations = read_relations(connection)
    docs = DbtDocs({"nodes": {n["unique_id"]: n for n in nodes}, "sources": {}})
    warnings: list[str] = []
    return {p.name: p for p in plan(relations, docs, "staging", warnings)}, warnings


def test_the_primary_key_is_the_grain_else_the_narrowest_unique_test_else_duckdbs_key():
    planned, _ = _planned(
        """
        create table marts.with_grain (period varchar, unit_code varchar, code varchar, n int);
        create table marts.with_tests (display_order int, unit_code varchar, period varchar);
        create table audit.with_constraint (check_name varchar primary key, unit_code varchar);
        create table marts.with_nothing (a int);
        """,
        [
            _model("with_grain", grain=["period", "unit_code", "code"]),
            _unique("with_grain", ["unit_code"]),
            _model("with_tests"),
            _unique("with_tests", ["period", "unit_code"]),
            _unique("with_tests", ["display_order"]),
            _unique("with_tests", ["unit_code"]),
        ],
    )
    assert planned["with_grain"].key == ("period", "unit_code", "code")
    assert planned["with_tests"].key == ("display_order",)  # one column; the earliest of those
    assert planned["with_constraint"].key == ("check_name",)
    assert planned["with_nothing"].key == ()
    assert planned["with_tests"].column_descriptions == {"unit_code": "单位编码。Unit code."}
    # not in the manifest: no description of its own, but unit_code is described elsewhere
    assert planned["with_constraint"].description is None
    assert planned["with_constraint"].column_descriptions == {"unit_code": "单位编码。Unit code."}
    assert planned["with_nothing"].column_descriptions == {}


def test_personal_columns_are_left_out_and_a_grain_on_them_gives_no_key():
    planned, warnings = _planned(
        "create table marts.submissions (file_id varchar, reporter varchar, contact_phone varchar, n int);",
        [_model("submissions", grain=["file_id", "reporter"])],
    )
    assert [c.name for c in planned["submissions"].relation.columns] == ["file_id", "n"]
    assert planned["submissions"].key == ()
    assert any("reporter, contact_phone" in w for w in warnings)
    assert any("grain" in w for w in warnings)


def test_a_view_that_shows_or_reads_personal_data_is_left_out():
    planned, warnings = _planned(
        """
        create table marts.submissions (file_id varchar, reporter varchar);
        create view marts.renamed_zh as select file_id as "文件", reporter as "报送人" from marts.submissions;
        create view marts.shown as select file_id, reporter from marts.submissions;
        create view marts.plain_zh as select file_id as "文件" from marts.submissions;
        """,
        [],
    )
    assert sorted(planned) == ["plain_zh", "submissions"]
    assert planned["plain_zh"].view.lineage == {"文件": ("marts", "submissions", "file_id")}
    assert any("renamed_zh 读取个人信息列（reporter）" in w for w in warnings)
    assert any("shown 含个人信息列（reporter）" in w for w in warnings)


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        (f'create table marts."{"长" * 22}" (a int);', "超过 PostgreSQL 的 63 字节上限"),
        ("create table marts.same (a int); create table audit.same (a int);", "同名"),
    ],
)
def test_names_postgresql_cannot_hold_stop_the_publish(sql, message):
    with pytest.raises(Unpublishable, match=message):
        _planned(sql, [])
