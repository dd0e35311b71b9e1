"""Shared terminal output, Chinese first, and the argument check every month-taking command makes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from orchestration import serving

if TYPE_CHECKING:
    import duckdb

console = Console()
errors = Console(stderr=True)

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def check_period_format(period: str | None) -> None:
    """Exit with a usage error unless `period` is absent or YYYY-MM."""
    if period and not PERIOD.match(period):
        errors.print("[red]月份格式应为 YYYY-MM，例如 2021-06。[/] Period must be YYYY-MM.")
        raise typer.Exit(2)


def published_connection() -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published warehouse, or exit 1 saying there is none yet."""
    try:
        return serving.connect()
    except serving.NotPublished as missing:
        errors.print(
            f"[red]还没有发布的仓库（{missing}），请先运行 tineng run。[/] No published warehouse yet."
        )
        raise typer.Exit(1) from missing
