"""`tineng`: build, check and serve the innovation-plan indicator warehouse."""

import warnings

import dagster as dg
import typer

from orchestration.cli import (
    checks_command,
    docs_command,
    report_command,
    run_command,
    sql_command,
    submissions_command,
)

app = typer.Typer(
    help="创新提能工作月度指标仓库。Monthly indicator warehouse for the district innovation plan.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
app.command("run")(run_command.run)
app.command("checks")(checks_command.checks)
app.command("sql")(sql_command.sql)
app.command("docs")(docs_command.docs)
app.command("templates")(submissions_command.templates)
app.command("demo")(submissions_command.demo)
app.command("report")(report_command.report)


def main() -> None:
    # Beta notices about Dagster APIs are for developers, not for people running the warehouse.
    warnings.filterwarnings("ignore", category=dg.BetaWarning)
    app()
