"""Editing a plan workbook the way the office does in a spreadsheet program."""

from collections.abc import Callable
from pathlib import Path

import openpyxl
from openpyxl import Workbook


def edit(path: Path, change: Callable[[Workbook], None]) -> Path:
    """Open the workbook at `path`, apply `change`, save it in place."""
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
    return path
