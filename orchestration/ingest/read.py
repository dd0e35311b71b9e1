"""Read one submitted file into a ParsedFile: safe checks first, then layout, identity and rows.

`read_submission` is pure and never raises because of the file's content; it runs inside a worker
process (see pool.py), which also guards against what no check can catch (a parser crash).
Only visible sheets are read (the hidden _meta stamp aside); a file that cannot be read at all
is still its unit's when its name names one unit, so the unit hears about it.
"""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from orchestration import reference, settings
from orchestration.ingest import layout, messages, safety
from orchestration.ingest.deliverables import read_deliverables
from orchestration.ingest.discover import readable_name
from orchestration.ingest.identify import identify, unit_of, units_named_in
from orchestration.ingest.layout import HEADER_SEARCH_ROWS, Table, Vocabulary, find_table, read_header_block
from orchestration.ingest.model import Message, ParsedFile
from orchestration.ingest.progress import read_progress
from orchestration.ingest.values import cell_text
from orchestration.ingest.workbook import Book, Sheet, UnreadableFile, open_book
from orchestration.submissions.contract import (
    DELIVERABLES_SHEET,
    META_KEYS,
    META_SHEET,
    PROGRESS_COLUMNS,
    PROGRESS_SHEET,
)


def read_submission(path: Path, folder_period: str | None) -> ParsedFile:
    file_name = readable_name(path.name)
    checked = safety.check_file(path)
    if isinstance(checked, Message):
        return _attributed(ParsedFile(messages=[checked]), file_name)
    try:
        return _read(file_name, checked, folder_period)
    except UnreadableFile as unreadable:
        return _attributed(ParsedFile(messages=[unreadable.message]), file_name)


def _attributed(parsed: ParsedFile, file_name: str) -> ParsedFile:
    """The file is the unit's its name names, when it names exactly one and the sheet names none."""
    units = units_named_in(file_name)
    if parsed.unit_code is None and len(units) == 1:
        parsed.unit_code = units.pop()
    return parsed


def _find(
    book: Book, preferred: str, vocabulary: Vocabulary, skip: set[str]
) -> tuple[Sheet, Table] | tuple[None, None]:
    """The first visible sheet holding the table, the one named `preferred` first."""
    names = [preferred] if preferred in book.sheet_names else []
    for name in names + [n for n in book.sheet_names if n not in skip | {preferred}]:
        sheet = book.sheet(name)
        table = find_table(sheet, vocabulary)
        if table:
            return sheet, table
    return None, None


def _meta(book: Book) -> dict[str, str]:
    if META_SHEET not in book.hidden_names + book.sheet_names:
        return {}
    rows = book.sheet(META_SHEET).rows
    pairs = {cell_text(row[0]): cell_text(row[1]) for row in rows if len(row) >= 2}
    return {key: pairs[key] for key in META_KEYS if pairs.get(key)}


def _other_progress_sheets(book: Book, read: str) -> list[tuple[str, str | None]]:
    """(sheet, unit code or None) of the visible sheets other than `read` holding a progress table."""
    found = []
    for name in book.sheet_names:
        if name in {read, DELIVERABLES_SHEET, META_SHEET}:
            continue
        try:
            sheet = book.sheet(name)
        except UnreadableFile:  # too large or damaged to read: it holds no report that could be read
            continue
        table = find_table(sheet, layout.PROGRESS)
        if table:
            found.append((name, unit_of(read_header_block(sheet, table.header_row))))
    return found


def _check_other_sheets(book: Book, sheet: Sheet, parsed: ParsedFile) -> None:
    """A second unit's progress sheet refuses the file; another sheet of the same unit is named."""
    for other, unit_code in _other_progress_sheets(book, sheet.name):
        if unit_code and parsed.unit_code and unit_code != parsed.unit_code:
            units = reference.units()
            parsed.messages.append(
                messages.make(
                    "two_units_in_workbook",
                    first_sheet=sheet.name,
                    first_unit=units[parsed.unit_code].name,
                    second_sheet=other,
                    second_unit=units[unit_code].name,
                )
            )
        else:
            parsed.messages.append(
                messages.make("progress_sheet_not_read", read_sheet=sheet.name, other=other)
            )


def _plan_year(period: str | None, folder_period: str | None) -> int | None:
    """The plan a file's rows are read against: its month's; with no readable month, its folder's,
    else the latest plan (so its rows are still checked). None when the month's year has no plan."""
    for stated in (period, folder_period):
        if stated:
            year = int(stated[:4])
            return year if reference.has_plan(year) else None
    return reference.plan_years()[-1]


def _read(file_name: str, checked: safety.Checked, folder_period: str | None) -> ParsedFile:
    book = open_book(checked, file_name)
    sheet, table = _find(book, PROGRESS_SHEET, layout.PROGRESS, {DELIVERABLES_SHEET})
    # Without a table, the unit and month are still looked for, so the unit can be told.
    fallback = [n for n in (PROGRESS_SHEET, *book.sheet_names) if n in book.sheet_names]
    header_sheet = sheet or (book.sheet(fallback[0]) if fallback else Sheet("", []))
    header = read_header_block(header_sheet, table.header_row if table else HEADER_SEARCH_ROWS)
    today = dt.datetime.now(ZoneInfo(settings.TIMEZONE)).date()
    identity = identify(header_sheet.name, header, _meta(book), file_name, folder_period, today)
    parsed = ParsedFile(
        unit_code=identity.unit_code,
        unit_as_written=identity.unit_as_written,
        period=identity.period,
        period_as_written=identity.period_as_written,
        template_version=identity.template_version,
        reporter=identity.reporter,
        phone=identity.phone,
        messages=identity.messages,
    )
    if "unit_missing" in {m.code for m in parsed.messages}:
        _attributed(parsed, file_name)
    if table is None:
        expected = "、".join(f.label for f in PROGRESS_COLUMNS)
        expected_en = ", ".join(f.label_en for f in PROGRESS_COLUMNS)
        parsed.messages.append(messages.make("no_progress_table", expected=expected, expected_en=expected_en))
        return parsed
    year = _plan_year(identity.period, folder_period)
    if year is None:  # a month no loaded plan covers: identify said so, and there is nothing to read against
        return parsed
    progress = read_progress(sheet, table, identity.unit_code, year)
    parsed.rows, parsed.totals = progress.rows, progress.totals
    parsed.messages += progress.messages
    _check_other_sheets(book, sheet, parsed)
    skip = {sheet.name, META_SHEET}
    projects, project_table = _find(book, DELIVERABLES_SHEET, layout.DELIVERABLES, skip)
    if projects:
        parsed.deliverables, found = read_deliverables(projects, project_table, year)
        parsed.messages += found
    parsed.messages = messages.capped(parsed.messages)
    return parsed
