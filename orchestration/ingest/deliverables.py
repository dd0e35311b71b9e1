"""The rows of the named-project table (重点项目): project, its measure and its status."""

from functools import cache

from orchestration import reference
from orchestration.ingest import messages
from orchestration.ingest.layout import Table
from orchestration.ingest.model import DeliverableRow, Message
from orchestration.ingest.progress import is_total, measure_by_name
from orchestration.ingest.values import NAME_LIMIT, NOTE_LIMIT, cell_text, folded, without_invisible
from orchestration.ingest.workbook import Sheet
from orchestration.submissions.contract import DELIVERABLE_COLUMNS

_FIELDS = {f.key: f for f in DELIVERABLE_COLUMNS}


@cache
def _deliverables_by_spelling(year: int, state: str) -> dict[str, str]:
    """Folded code (upper case) and folded name -> deliverable code."""
    return {folded(d.code).upper(): d.code for d in reference.deliverables(year)} | {
        folded(d.name): d.code for d in reference.deliverables(year)
    }


@cache
def _statuses_by_spelling(state: str) -> dict[str, str]:
    statuses = reference.deliverable_statuses()
    return {folded(name): code for name, code in statuses.items()} | {
        code: code for code in statuses.values()
    }


def _deliverable_code(code_text: str, name_text: str, year: int) -> str | None:
    spellings = _deliverables_by_spelling(year, reference.state())
    return spellings.get(folded(code_text).upper()) or spellings.get(folded(name_text))


def _measure_code(text: str, year: int) -> str | None:
    code = folded(text).upper()
    return code if code in reference.measures(year) else measure_by_name(text, year)


def read_deliverables(sheet: Sheet, table: Table, year: int) -> tuple[list[DeliverableRow], list[Message]]:
    """The named-project rows of `sheet`, read against the plan of `year`."""
    rows, found = [], []
    statuses = _statuses_by_spelling(reference.state())
    allowed = "、".join(reference.deliverable_statuses())

    def cell(row: int, key: str) -> str:
        return cell_text(sheet.cell(row, table.columns[key])) if key in table.columns else ""

    def text(row: int, key: str, limit: int) -> str:
        """A text cell, cut to `limit` characters with a warning naming the cell."""
        written = cell(row, key)
        if len(written) > limit:
            f, column = _FIELDS[key], messages.column_letter(table.columns[key])
            fields = {"label": f.label, "label_en": f.label_en, "length": len(written), "limit": limit}
            found.append(messages.make("text_too_long", sheet.name, row + 1, column, **fields))
        return written[:limit]

    for row in range(table.first_data_row, len(sheet.rows)):
        code_text, name_text = cell(row, "deliverable_code"), cell(row, "deliverable_name")
        if not (code_text or name_text) or is_total([sheet.cell(row, 0), code_text, name_text]):
            continue
        name_text = text(row, "deliverable_name", NAME_LIMIT)
        code = _deliverable_code(code_text, name_text, year)
        planned = next((d for d in reference.deliverables(year) if d.code == code), None)
        measure_text, status_text = cell(row, "measure"), cell(row, "status")
        status = statuses.get(folded(status_text).lower()) if status_text else None
        if status_text and status is None:
            column = messages.column_letter(table.columns["status"])
            clean = without_invisible(status_text)
            clean_reading = clean if clean != status_text and statuses.get(folded(clean).lower()) else None
            found.append(
                messages.make(
                    "status_unknown", sheet.name, row + 1, column, clean_reading=clean_reading,
                    written=status_text, allowed=allowed,
                )
            )  # fmt: skip
        rows.append(
            DeliverableRow(
                sheet=sheet.name,
                row=row + 1,
                deliverable_code=code,
                deliverable_name=name_text or (planned.name if planned else code_text),
                measure_code=_measure_code(measure_text, year)
                if measure_text
                else (planned and planned.measure_code),
                status_code=status,
                status_as_written=status_text[:NAME_LIMIT] or None,
                note=text(row, "note", NOTE_LIMIT) or None,
            )
        )
    return rows, found
