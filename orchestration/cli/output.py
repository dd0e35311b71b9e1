"""Shared terminal output: one console, Chinese first."""

from rich.console import Console

console = Console()
errors = Console(stderr=True)
