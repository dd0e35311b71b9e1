"""`tineng checks`: the latest result of every check, with the rows that failed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from orchestration import settings
from orchestration.checks import counts
from orchestration.cli.output import console, errors

if TYPE_CHECKING:
    import duckdb

_RESULTS = """
    select check_name, suite, asset, severity, passed, failing_rows, why_zh, checked_at
    from audit.check_results
    order by passed, severity, suite, check_name
"""
_FINDINGS = """
    select message_zh, message_en from audit.check_findings
    where check_name = ? order by seq limit ?
"""


def checks(
    show: Annotated[
        int, typer.Option(min=0, help="每项检查最多列出的问题行数。Findings listed per check.")
    ] = 10,
    failed_only: Annotated[
        bool, typer.Option("--failed", help="只看未通过的检查。Only failed checks.")
    ] = False,
) -> None:
    """显示最近一次刷新的检查结果。Show the latest check results."""
    connection, source = _open_latest()
    try:
        rows = connection.execute(_RESULTS).fetchall()
        console.print(f"检查结果来自 Results from: {source}")
        console.print(f"检查 Checks：{counts.sentence(counts.read(connection))}。")
        for name, suite, asset, severity, passed, failing, why, checked_at in rows:
            if failed_only and passed:
                continue
            verdict = (
                "[green]✓ 通过[/]"
                if passed
                else ("[red]✗ 错误[/]" if severity == "error" else "[yellow]! 警告[/]")
            )
            console.print(
                f"{verdict} [bold]{name}[/] [dim]{suite} · {asset} · {checked_at:%Y-%m-%d %H:%M}[/]"
            )
            if passed:
                continue
            console.print(f"    {why}（{failing} 行 rows）")
            for zh, en in connection.execute(_FINDINGS, [name, show]).fetchall():
                console.print(f"    • {zh}", highlight=False)
                console.print(f"      [dim]{en}[/]", highlight=False)
    finally:
        connection.close()


def _open_latest() -> tuple[duckdb.DuckDBPyConnection, str]:
    """The build holds the latest results, published or not; while a refresh runs, read the published copy."""
    import duckdb

    for path, label in (
        (settings.build_db(), "最近一次刷新 latest refresh"),
        (settings.published_db(), "已发布仓库 published"),
    ):
        if not path.exists():
            continue
        try:
            connection = duckdb.connect(str(path), read_only=True)
        except duckdb.IOException:
            continue
        if connection.execute(
            "select count(*) from information_schema.tables where table_schema = 'audit' and table_name = 'check_results'"
        ).fetchone()[0]:
            return connection, f"{label} ({path})"
        connection.close()
    errors.print(
        "[red]还没有检查结果，请先运行 tineng run。[/] No check results yet: run `tineng run` first."
    )
    raise typer.Exit(1)
