"""Text copied from submissions, made safe for the places it goes.

HTML: every value is escaped by jinja2's autoescape (see html.py); nothing here is needed for it.
Spreadsheets and CSV: a cell whose text starts with = + - @ (or a tab or carriage return) is taken
as a formula by Excel, WPS and LibreOffice, so a note such as `=HYPERLINK("…","点此")` would become
a live link or worse (formula injection, CWE-1236). Such text gets a leading apostrophe, as OWASP
recommends: it then shows as typed and is never evaluated.
"""

from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Spaces people (or attackers) put in front; spreadsheet programs skip them when they parse.
_LEADING_BLANKS = " \u3000\u00a0"


def is_formula_like(text: str) -> bool:
    stripped = text.lstrip(_LEADING_BLANKS)
    return text.startswith(FORMULA_TRIGGERS) or stripped.startswith(FORMULA_TRIGGERS)


def neutralise(text: str) -> str:
    """The text, prefixed with an apostrophe if a spreadsheet would read it as a formula."""
    return "'" + text if is_formula_like(text) else text


def cell_value(value: Any) -> Any:
    """A value ready for a spreadsheet cell: strings neutralised, numbers and dates as they are."""
    if not isinstance(value, str):
        return value
    # Control characters (ESC, BEL ...) cannot be stored in a workbook: shown as U+FFFD.
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
