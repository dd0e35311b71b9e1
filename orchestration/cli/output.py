"""Shared terminal output, Chinese first, and the argument check every month-taking command makes."""

import re

import typer
from rich.console import Console

from orchestration import settings

console = Console()
errors = Console(stderr=True)

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def check_period_format(period: str | None) -> None:
    """Exit with a usage error unless `period` is absent or YYYY-MM."""
    if period and not PERIOD.match(period):
        errors.print(
            f"[red]月份格式应为 YYYY-MM，例如 {settings.plan_year()}-06。[/] Period must be YYYY-MM."
        )
        raise typer.Exit(2)
