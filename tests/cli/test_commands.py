"""The `tineng` commands, as a user runs them: help everywhere, clear refusals, real outputs."""

import re
import sys

import pytest
from typer.testing import CliRunner

from orchestration import settings
from orchestration.cli.app import app

COMMANDS = [
    "run",
    "checks",
    "sql",
    "docs",
    "templates",
    "demo",
    "report",
    "backup",
    "restore",
    "publish-postgres",
    "doctor",
]
runner = CliRunner()


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_every_command_has_help(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert re.search(r"[\u4e00-\u9fff]", result.output), "help text should be in Chinese first"


def test_a_malformed_month_is_refused_plainly(workspace):
    result = runner.invoke(app, ["run", "--period", "2021-13"])
    assert result.exit_code == 2
    assert "YYYY-MM" in result.output
    assert "Traceback" not in result.output


def test_sql_reads_and_refuses_writes(reference_warehouse):
    ok = runner.invoke(app, ["sql", "--csv", "select count(*) as n from marts.dim_unit where is_in_annex2"])
    assert ok.exit_code == 0
    assert ok.output.splitlines() == ["\ufeffn", "17"]
    for statement in (
        "delete from marts.dim_unit",
        "create table marts.x as select 1",
        "copy (select 1) to '/tmp/tineng-leak.csv'",
        "attach '/tmp/tineng-other.duckdb' as other",
    ):
        refused = runner.invoke(app, ["sql", statement])
        assert refused.exit_code == 1, statement
        assert "只读" in refused.output


def test_sql_csv_opens_in_excel_as_text_never_as_formulas(reference_warehouse):
    result = runner.invoke(
        app,
        [
            "sql",
            "--csv",
            "select '=HYPERLINK(\"http://x\")' as a, '@SUM(1)' as b, -5 as c, '-2' as d, '正常' as e",
        ],
    )
    assert result.exit_code == 0
    assert result.output.startswith("\ufeff")
    assert result.output.splitlines()[1] == """"'=HYPERLINK(""http://x"")",'@SUM(1),-5,'-2,正常"""


def test_empty_sql_and_negative_counts_are_refused_plainly(reference_warehouse):
    empty = runner.invoke(app, ["sql", "  "])
    assert empty.exit_code == 2
    assert "SQL 语句是空的" in empty.output
    negative = runner.invoke(app, ["checks", "--show", "-1"])
    assert negative.exit_code == 2
    assert "Traceback" not in negative.output


def test_published_files_are_read_only(reference_warehouse):
    published = [settings.published_db(), *settings.parquet_dir().glob("*.parquet")]
    assert len(published) > 10
    assert [p.name for p in published if p.stat().st_mode & 0o222] == []


def test_sql_session_answers_until_quit(reference_warehouse):
    result = runner.invoke(app, ["sql"], input="select count(*) as n\n  from marts.dim_period;\n.quit\n")
    assert result.exit_code == 0
    assert "12" in result.output


def test_checks_lists_failures_with_findings(reference_warehouse):
    result = runner.invoke(app, ["checks", "--failed"])
    assert result.exit_code == 0
    assert "expect_unit_cells_sum_to_annex2_total" in result.output
    assert "分解之和为 7" in result.output


def test_docs_page_works_offline(reference_warehouse):
    result = runner.invoke(app, ["docs"])
    assert result.exit_code == 0, result.output
    page = (settings.docs_dir() / "index.html").read_text(encoding="utf-8")
    assert "fct_target" in page and "Unit dimension, one row per unit" in page
    assert '"send_anonymous_usage_stats": false' in page  # the page's tracker stays off


def test_templates_one_per_submitting_unit(tmp_path):
    result = runner.invoke(app, ["templates", "--period", "2021-06", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.glob("2021-06_*.xlsx"))) == 21


def test_demo_if_empty_leaves_existing_submissions_alone(workspace):
    month = workspace.raw / "2021-01"
    month.mkdir()
    (month / "金银湖街1月.xlsx").write_bytes(b"not really a workbook")
    result = runner.invoke(app, ["demo", "--if-empty"])
    assert result.exit_code == 0
    assert [p.name for p in month.iterdir()] == ["金银湖街1月.xlsx"]


@pytest.mark.parametrize("missing", ["tineng_demo", "xlwt"])
def test_demo_without_the_demo_package_says_how_to_install_it(workspace, monkeypatch, missing):
    for name in [m for m in sys.modules if m == "tineng_demo" or m.startswith("tineng_demo.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, missing, None)  # as if not installed
    result = runner.invoke(app, ["demo", "--through", "2021-01"])
    assert result.exit_code == 2
    assert result.output.startswith("演示数据包未安装")
    assert f"缺少 {missing}" in result.output and "pip install -e '.[demo]'" in result.output
    assert "Traceback" not in result.output
    assert not any(workspace.raw.iterdir())
