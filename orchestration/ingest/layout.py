"""Where things are on a sheet: the table's header row and columns, and the header block above it.

Columns are found by name, never by position: a hand-edited sheet may have extra rows on top,
columns added, removed or moved, headers in Chinese or English, or a header spread over two rows.
"""

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from orchestration.ingest.values import Unit, cell_text, folded, label_forms, stated_unit
from orchestration.ingest.workbook import Sheet
from orchestration.submissions.contract import (
    DELIVERABLE_COLUMNS,
    DELIVERABLES_REQUIRED_ANY,
    HEADER_FIELDS,
    INSTRUCTIONS_HEADING,
    PROGRESS_COLUMNS,
    PROGRESS_REQUIRED_ANY,
    Field,
)

HEADER_SEARCH_ROWS = 50


@dataclass(frozen=True)
class Table:
    header_row: int  # 0-based; the last row of a two-row header
    columns: dict[str, int]  # field key -> 0-based column
    first_data_row: int
    # field key -> the unit its header states and the header as written ("本月完成（万元）")
    stated_units: dict[str, tuple[Unit, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Located:
    value: object
    row: int  # 0-based
    column: int


class Vocabulary:
    """The spellings of a set of contract fields, and which field (if any) a cell's text names."""

    def __init__(self, fields: tuple[Field, ...], required_any: tuple[tuple[str, ...], ...] = ()):
        self.required_any = required_any  # a table needs one field of each group
        self._by_form = {
            form: f.key for f in fields for spelling in f.spellings() for form in label_forms(spelling)
        }
        self.key_of = lru_cache(maxsize=8192)(self._key_of)

    def _key_of(self, text: str) -> str | None:
        return next((self._by_form[form] for form in label_forms(text) if form in self._by_form), None)

    def keys_in(self, cells: list[object]) -> dict[str, int]:
        """Field key -> first column naming it."""
        found = {}
        for column, cell in enumerate(cells):
            key = self.key_of(cell) if isinstance(cell, str) and cell else None
            if key:
                found.setdefault(key, column)
        return found

    def complete(self, columns: dict[str, int]) -> bool:
        return all(any(key in columns for key in group) for group in self.required_any)


PROGRESS = Vocabulary(PROGRESS_COLUMNS, PROGRESS_REQUIRED_ANY)
DELIVERABLES = Vocabulary(DELIVERABLE_COLUMNS, DELIVERABLES_REQUIRED_ANY)
HEADER = Vocabulary(HEADER_FIELDS)


def find_table(sheet: Sheet, vocabulary: Vocabulary) -> Table | None:
    """The first row (or pair of rows) naming a way to identify rows and at least one value column."""
    above = {}
    for row in range(min(len(sheet.rows), HEADER_SEARCH_ROWS)):
        found = vocabulary.keys_in(sheet.rows[row])
        # A header spread over two rows: "完成情况" above "本月 | 累计", the rest on either row.
        pair = {**above, **found} if above and found else {}
        for columns in (found, pair):
            if columns and vocabulary.complete(columns):
                first = _first_data_row(sheet, row + 1, vocabulary)
                header_rows = range(row - 1 if columns is pair else row, first)
                return Table(row, columns, first, _stated_units(sheet, header_rows, columns))
        above = found
    return None


def _stated_units(sheet: Sheet, rows: range, columns: dict[str, int]) -> dict[str, tuple[Unit, str]]:
    """The units the header cells of the table's columns state: "本月完成（万元）" states 万元."""
    stated = {}
    for key, column in columns.items():
        for row in rows:
            header = cell_text(sheet.cell(row, column))
            unit = stated_unit(header) if header else None
            if unit:
                stated.setdefault(key, (unit, header))
    return stated


def _first_data_row(sheet: Sheet, row: int, vocabulary: Vocabulary) -> int:
    # An English header row under the Chinese one (a bilingual template) is not data.
    while row < len(sheet.rows) and len(vocabulary.keys_in(sheet.rows[row])) >= 2:
        row += 1
    return row


@cache
def _label_pattern() -> re.Pattern:
    labels = sorted({folded(s) for f in HEADER_FIELDS for s in f.spellings()}, key=len, reverse=True)
    alternatives = "|".join(re.escape(label) for label in labels)
    return re.compile(rf"({alternatives})(?:\([^)]*\))?[:：]", re.IGNORECASE)


# Header cells repeat from file to file (labels, unit names, months): each is parsed once.
@lru_cache(maxsize=1024)
def _header_cell(cell: str) -> tuple[tuple[tuple[str, str], ...], str | None]:
    """The (field, value) pairs written in a cell, and the field whose value is to its right.
    The template's instructions name the office's 联系人 and 联系电话: they are no field's value."""
    text = folded(cell)
    if text.startswith(INSTRUCTIONS_HEADING):
        return (), None
    inline = list(_label_pattern().finditer(text)) if ":" in text else []
    # "填报人：张三 联系电话：13800000000" holds two fields; a label with nothing after
    # its colon has its value in a cell to the right.
    ends = [m.start() for m in inline[1:]] + [len(text)]
    pairs = ((HEADER.key_of(m.group(1)), text[m.end() : end]) for m, end in zip(inline, ends, strict=False))
    if inline:
        waiting = HEADER.key_of(inline[-1].group(1)) if not text[inline[-1].end() :] else None
    else:
        waiting = HEADER.key_of(cell)
    return tuple((key, value) for key, value in pairs if value), waiting


def read_header_block(sheet: Sheet, rows: int) -> dict[str, Located]:
    """Header fields found in the first `rows` rows: "填报单位 | 金银湖街" or "填报单位：金银湖街".
    A label with nothing beside it gives its field the value "" at the cell right of the label,
    unless the field has a value elsewhere."""
    found, blank = {}, {}
    for row in range(min(rows, len(sheet.rows))):
        cells = sheet.rows[row]
        for column, cell in enumerate(cells):
            if not isinstance(cell, str) or not cell:
                continue
            pairs, waiting = _header_cell(cell)
            for key, value in pairs:
                found.setdefault(key, Located(value, row, column))
            if not waiting:
                continue
            value_column = _value_to_the_right(cells, column)
            if value_column is None:
                blank.setdefault(waiting, Located("", row, _beside(cells, column)))
            else:
                found.setdefault(waiting, Located(cells[value_column], row, value_column))
    return blank | found


def _beside(cells: list[object], column: int) -> int:
    """The first column right of a label and its merged area."""
    right = column + 1
    while right < len(cells) and cells[right] == cells[column]:
        right += 1
    return right


def _value_to_the_right(cells: list[object], column: int) -> int | None:
    for right in range(column + 1, len(cells)):
        cell = cells[right]
        if cell == "" or cell == cells[column]:  # empty, or the label's own merged area
            continue
        is_label = isinstance(cell, str) and HEADER.key_of(cell)
        return None if is_label else right
    return None
