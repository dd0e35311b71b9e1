"""`tineng publish-postgres` and `tineng doctor`: the PostgreSQL copy BI tools read."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from orchestration import settings
from orchestration.cli.output import console, errors

if TYPE_CHECKING:
    from orchestration.publish import postgres_compare

EXIT_MISMATCH = 1
EXIT_NOT_CONFIGURED = 2
EXIT_UNREACHABLE = 3


class _ConsoleLog:
    def info(self, msg: str) -> None:
        console.print(f"[green]{escape(msg)}[/]")

    def warning(self, msg: str) -> None:
        errors.print(f"[yellow]{escape(msg)}[/]")


def publish_postgres() -> None:
    """将当前已发布的仓库重新复制到 PostgreSQL（schema tineng）。Re-publish the current warehouse to PostgreSQL."""
    from orchestration.publish import postgres

    url = _configured_url()
    _published_or_exit()
    try:
        postgres.publish(settings.published_db(), url, log=_ConsoleLog())
    except postgres.PublishFailed as failed:
        errors.print(f"[red]{escape(str(failed))}[/]")
        raise typer.Exit(1) from failed


def doctor() -> None:
    """检查 PostgreSQL 副本是否与已发布的 DuckDB 仓库一致（表、行数、校验和、只读账号权限）；
    不一致时退出码为 1，未配置为 2，连不上为 3。
    Check that the PostgreSQL copy matches the published DuckDB warehouse (exit 1 if not)."""
    import psycopg

    from orchestration.publish import postgres, postgres_compare

    url = _configured_url()
    _published_or_exit()
    target = postgres.describe(url)
    try:
        with postgres.connect(url, application="tineng-doctor") as connection:
            comparisons = postgres_compare.compare(settings.published_db(), connection)
            undocumented = postgres_compare.undocumented_columns(connection)
    except psycopg.errors.LockNotAvailable as busy:
        errors.print("[red]PostgreSQL 正在发布，请稍后再试。[/] A publish is running; try again shortly.")
        raise typer.Exit(EXIT_UNREACHABLE) from busy
    except psycopg.OperationalError as error:
        errors.print(
            f"[red]无法连接 PostgreSQL {target}：{escape(str(error).strip())}[/] Cannot reach the server."
        )
        raise typer.Exit(EXIT_UNREACHABLE) from error
    table = Table(title=f"DuckDB {settings.published_db()} ↔ PostgreSQL {target} schema {postgres.TARGET}")
    for header in (
        "表/视图 relation",
        "DuckDB 行数 rows",
        "PostgreSQL 行数 rows",
        "校验和 checksum",
        "结果 result",
    ):
        table.add_column(header)
    for c in comparisons:
        table.add_row(
            c.name,
            _rows(c.duckdb),
            _rows(c.postgres),
            (c.postgres or c.duckdb).checksum[-12:],
            _verdict(c),
        )
    console.print(table)
    if undocumented:
        console.print(
            f"[dim]无说明的列 columns without a comment: {len(undocumented)}（{escape(', '.join(undocumented[:8]))} …）[/]"
        )
    mismatched = [c.name for c in comparisons if not c.matches]
    if mismatched:
        errors.print(
            f"[red]{len(mismatched)} 个表/视图不一致：{escape(', '.join(mismatched))}。[/]"
            " Mismatch; `tineng publish-postgres` re-publishes."
        )
        raise typer.Exit(EXIT_MISMATCH)
    console.print(f"[green]一致 All {len(comparisons)} relations match.[/]")


def _configured_url() -> str:
    url = settings.postgres_url()
    if not url:
        errors.print(
            "[red]未配置 PostgreSQL：请设置 TINENG_POSTGRES_URL（postgresql://用户:密码@主机:端口/数据库）。[/]"
            " TINENG_POSTGRES_URL is not set."
        )
        raise typer.Exit(EXIT_NOT_CONFIGURED)
    return url


def _published_or_exit() -> None:
    if not settings.published_db().exists():
        errors.print(
            f"[red]还没有已发布的仓库（{settings.published_db()}），请先运行 tineng run。[/] Nothing published yet."
        )
        raise typer.Exit(1)


def _rows(side: postgres_compare.Side | None) -> str:
    return "—" if side is None else str(side.rows)


def _verdict(c: postgres_compare.Comparison) -> str:
    if c.duckdb is None:
        return "[red]DuckDB 中没有 not in DuckDB[/]"
    if c.postgres is None:
        return "[red]PostgreSQL 中缺失 missing[/]"
    if c.duckdb != c.postgres:
        return "[red]内容不同 differs[/]"
    if c.reader_can_select is not True:
        return f"[red]{escape(settings.postgres_reader_name())} 无读权限 not readable[/]"
    return "[green]一致 match[/]"
