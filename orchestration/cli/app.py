"""`tineng`: build, check and serve the innovation-plan indicator warehouse."""

import os

import typer

from orchestration.cli import (
    backup_command,
    checks_command,
    confirm_command,
    docs_command,
    plan_command,
    portal_command,
    postgres_command,
    report_command,
    run_command,
    sql_command,
    submissions_command,
)
from orchestration.cli.output import errors

app = typer.Typer(
    help="创新提能工作月度指标仓库。Monthly indicator warehouse for the district innovation plan.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.command("run")(run_command.run)
app.command("checks")(checks_command.checks)
app.command("sql")(sql_command.sql)
app.command("docs")(docs_command.docs)
app.command("templates")(submissions_command.templates)
app.command("demo")(submissions_command.demo)
app.command("report")(report_command.report)
app.command("publish-postgres")(postgres_command.publish_postgres)
app.command("doctor")(postgres_command.doctor)
app.command("confirm-value")(confirm_command.confirm_value)
app.command("backup")(backup_command.backup)
app.command("restore")(backup_command.restore)
app.command("serve")(portal_command.serve)
app.add_typer(portal_command.users, name="users")
app.add_typer(plan_command.plan, name="plan")


def main() -> None:
    try:
        app()
    except Exception as error:  # a bug or a broken environment: say what happened, not where
        if os.environ.get("TINENG_DEBUG"):
            raise
        errors.print(
            f"[red]出错了 Error: {type(error).__name__}: {error}[/]\n"
            "设置环境变量 TINENG_DEBUG=1 后重试可看到出错位置。Set TINENG_DEBUG=1 to see the traceback."
        )
        raise SystemExit(1) from error
