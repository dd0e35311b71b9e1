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
def _deliverables_by_spelling() -> dict[str, str]:
    """Folded code (upper case) and folded name -> deliverable code."""
    return {folded(d.code).upper(): d.code for d in reference.deliverables()} | {
        folded(d.name): d.code for d in reference.deliverables()
    }


@cache
def _statuses_by_spelling() -> dict[str, str]:
    statuses = reference.deliverable_statuses()
    return {folded(name): code for name, code in statuses.items()} | {
        code: code for code in statuses.values()
    }


def _deliverable_code(code_text: str, name_text: str) -> str | None:
    spellings = _deliverables_by_spelling()
    return spellings.get(folded(code_text).upper()) or spellings.get(folded(name_text))


def _measure_code(text: str) -> str | None:
    code = folded(text).upper()
    return code if code in reference.measures() else measure_by_name(text)


def read_deliverables(sheet: Sheet, table: Table) -> tuple[list[DeliverableRow], list[Message]]:
    rows, found = [], []
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
        code = _deliverable_code(code_text, name_text)
        planned = next((d for d in reference.deliverables() if d.code == code), None)
        measure_text, status_text = cell(row, "measure"), cell(row, "status")
        status = _statuses_by_spelling().get(folded(status_text).lower()) if status_text else None
        if status_text and status is None:
            column = messages.column_letter(table.columns["status"])
            clean = without_invisible(status_text)
            clean_reading = (
                clean if clean != status_text and _statuses_by_spelling().get(folded(clean).lower()) else None
            )
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
                measure_code=_measure_code(measure_text)
                if measure_text
                else (planned and planned.measure_code),
                status_code=status,
                status_as_written=status_text[:NAME_LIMIT] or None,
                note=text(row, "note", NOTE_LIMIT) or None,
            )
        )
    return rows, found
