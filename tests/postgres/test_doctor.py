"""`tineng doctor` says whether the PostgreSQL copy matches the published DuckDB warehouse, and
`tineng publish-postgres` puts it right."""

import pytest
from psycopg import sql
from typer.testing import CliRunner

from orchestration.cli.app import app


@pytest.fixture
def published_env(warehouses, monkeypatch):
    for name in ("TINENG_RAW_DIR", "TINENG_WAREHOUSE_DIR", "TINENG_BUILD_DB"):
        monkeypatch.setenv(name, warehouses.env[name])


def test_doctor_finds_the_copy_tineng_run_made_identical(warehouses, published_env, monkeypatch):
    for name, value in warehouses.run_target.env().items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "一致" in result.output and "不一致" not in result.output


def test_doctor_names_a_changed_table_and_publish_postgres_repairs_it(warehouses, published_env, target):
    runner = CliRunner()
    first = runner.invoke(app, ["publish-postgres"])
    assert first.exit_code == 0, first.output
    assert "已发布到 PostgreSQL" in first.output
    with target.admin() as admin:
        table, column = admin.execute(
            "select c.table_name, c.column_name from information_schema.columns c"
            " join information_schema.tables t using (table_schema, table_name)"
            " where c.table_schema = 'tineng' and t.table_type = 'BASE TABLE' and c.data_type = 'text'"
            " order by 1, c.ordinal_position limit 1"
        ).fetchone()
        admin.execute(
            sql.SQL("update {} set {} = {} || '（改）' where ctid = (select min(ctid) from {})").format(
                sql.Identifier("tineng", table),
                sql.Identifier(column),
                sql.Identifier(column),
                sql.Identifier("tineng", table),
            )
        )
        (view,) = admin.execute(
            "select table_name from information_schema.views where table_schema = 'tineng' limit 1"
        ).fetchone()
        admin.execute(sql.SQL("drop view {}").format(sql.Identifier("tineng", view)))
    broken = runner.invoke(app, ["doctor"])
    assert broken.exit_code == 1, broken.output
    assert f"2 个表/视图不一致：{', '.join(sorted([table, view]))}" in broken.output.replace("\n", "")
    assert runner.invoke(app, ["publish-postgres"]).exit_code == 0
    assert runner.invoke(app, ["doctor"]).exit_code == 0


def test_doctor_without_a_url_or_a_server_says_so(published_env, monkeypatch):
    runner = CliRunner()
    monkeypatch.delenv("TINENG_POSTGRES_URL", raising=False)
    unset = runner.invoke(app, ["doctor"])
    assert unset.exit_code == 2 and "未配置 PostgreSQL" in unset.output
    monkeypatch.setenv("TINENG_POSTGRES_URL", "postgresql://postgres@127.0.0.1:1/tineng")
    unreachable = runner.invoke(app, ["doctor"])
    assert unreachable.exit_code == 3 and "无法连接 PostgreSQL 127.0.0.1:1/tineng" in unreachable.output
    assert "Traceback" not in unset.output + unreachable.output
