"""The rows of the monthly progress table: one ProgressRow per measure, the 合计 row kept apart."""

from dataclasses import dataclass, field
from functools import cache, lru_cache

from orchestration import reference
from orchestration.ingest import messages
from orchestration.ingest.layout import Table
from orchestration.ingest.model import Message, ProgressRow, TotalRow
from orchestration.ingest.values import cell_text, folded, label_forms, parse_number
from orchestration.ingest.workbook import Sheet
from orchestration.ingest.xlsx_scan import SheetScan
from orchestration.submissions.contract import PROGRESS_COLUMNS, TOTAL_ROW_LABELS

VALUE_KEYS = ("month_value", "ytd_value")
_FIELDS = {f.key: f for f in PROGRESS_COLUMNS}
_TOTAL_LABELS = {folded(label).lower() for label in TOTAL_ROW_LABELS}


@dataclass
class Progress:
    rows: list[ProgressRow] = field(default_factory=list)
    totals: list[TotalRow] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)


# Files made from one template repeat their measure names: each is looked up once.
@lru_cache(maxsize=1024)
def measure_by_name(text: str) -> str | None:
    """The measure a name cell means: "技术合同成交额（亿元）" and "高新技术企业" (an item name) too."""
    names = reference.measure_names()
    return next((names[f] for f in sorted(label_forms(text), key=len, reverse=True) if f in names), None)


@cache
def _assigned(unit_code: str) -> frozenset[str]:
    return frozenset(a.measure_code for a in reference.assignments_for(unit_code))


def is_total(cells: list[object]) -> bool:
    return any(isinstance(c, str) and c and label_forms(c) & _TOTAL_LABELS for c in cells)


class _Reader:
    def __init__(self, sheet: Sheet, table: Table, unit_code: str | None):
        self.sheet, self.columns, self.unit_code = sheet, table.columns, unit_code
        self.first_data_row = table.first_data_row
        self.scan = sheet.scan or SheetScan(sheet.name)
        self.assigned = _assigned(unit_code) if unit_code else None
        self.seen: dict[str, int] = {}
        self.uncached: list[tuple[int, int]] = []
        self.result = Progress()

    def report(self, code: str, row: int, key: str | None = None, **fields) -> None:
        column = messages.column_letter(self.columns[key]) if key else None
        self.result.messages.append(messages.make(code, self.sheet.name, row + 1, column, **fields))

    def measure(self, row: int, texts: dict[str, str]) -> str | None:
        code_text, name_text = texts["measure_code"], texts["measure_name"]
        by_code = folded(code_text).upper() if code_text else None
        by_code = by_code if by_code in reference.measures() else None
        by_name = measure_by_name(name_text) if name_text else None
        if by_code and by_name and by_code != by_name:
            self.report("measure_ambiguous", row, measure_code=code_text, name=name_text)
            return None
        if by_code or by_name:
            return by_code or by_name
        # A name-only row without values is a section title or a note; a code is meant as one.
        has_values = any(texts[key] for key in VALUE_KEYS)
        if code_text or (name_text and has_values):
            key = "measure_code" if code_text else "measure_name"
            self.report("measure_unknown", row, key, written=code_text or name_text)
        elif has_values:
            self.report("measure_missing", row)
        return None

    def value(self, row: int, key: str, cell: object, measure: reference.Measure) -> float | None:
        if (
            measure.uom == "%"
            and isinstance(cell, float)
            and (row, self.columns[key]) in self.scan.percent_cells
        ):
            cell = round(cell * 100, 10)  # a cell formatted as 14% holds 0.14
        number = parse_number(cell, measure.uom)
        # Counts and amounts that add up over the year cannot fall; a net change or a rate can.
        if number.problem is None and (
            number.value is None or number.value >= 0 or not measure.is_cumulative
        ):
            return number.value
        f = _FIELDS[key]
        labels = {"written": cell_text(cell), "label": f.label, "label_en": f.label_en}
        if number.problem == "not_a_number":
            self.report("value_not_number", row, key, **labels)
        elif number.problem == "unit_mismatch":
            self.report("value_unit_mismatch", row, key, **labels, uom=measure.uom)
        elif number.value is not None and number.value < 0 and measure.is_cumulative:
            self.report("value_negative", row, key, **labels)
        return number.value

    def read_row(self, row: int, cells: dict[str, object]) -> None:
        texts = {key: cell_text(cells.get(key, "")) for key in (*VALUE_KEYS, "measure_code", "measure_name")}
        code = self.measure(row, texts)
        if code is None:
            return
        measure = reference.measures()[code]
        if self.assigned is not None and code not in self.assigned:
            unit = reference.units()[self.unit_code].name
            self.report("measure_not_assigned", row, name=measure.name, measure_code=code, unit=unit)
            return
        if code in self.seen:
            self.report(
                "measure_duplicate",
                row,
                name=measure.name,
                measure_code=code,
                first_row=self.seen[code] + 1,
                second_row=row + 1,
            )
            return
        self.seen[code] = row
        month, ytd = (
            self.value(row, key, cells[key], measure) if key in cells else None for key in VALUE_KEYS
        )
        if measure.is_cumulative and month is not None and ytd is not None and ytd < month:
            self.report("ytd_below_month", row, month=cell_text(month), ytd=cell_text(ytd))
        self.result.rows.append(
            ProgressRow(
                sheet=self.sheet.name,
                row=row + 1,
                measure_code=code,
                measure_as_written=texts["measure_name"] or texts["measure_code"],
                month_value=month,
                ytd_value=ytd,
                month_text=texts["month_value"] or None,
                ytd_text=texts["ytd_value"] or None,
                note=cell_text(cells.get("note", "")) or None,
            )
        )

    def read(self) -> Progress:
        for row in range(self.first_data_row, len(self.sheet.rows)):
            line = self.sheet.rows[row]
            if all(cell == "" for cell in line):
                continue
            cells = {key: line[c] if c < len(line) else "" for key, c in self.columns.items()}
            self.uncached += [
                (row, self.columns[key])
                for key in VALUE_KEYS
                if cells.get(key) == "" and (row, self.columns[key]) in self.scan.uncached_formulas
            ]
            if is_total([line[0], *(cells.get(k, "") for k in ("seq", "measure_code", "measure_name"))]):
                month, ytd = (parse_number(cells.get(key, ""), None).value for key in VALUE_KEYS)
                self.result.totals.append(TotalRow(self.sheet.name, row + 1, month, ytd))
            else:
                self.read_row(row, cells)
        if self.uncached:
            first = messages.cell_name(*min(self.uncached))
            self.result.messages.append(
                messages.make(
                    "formula_without_value", self.sheet.name, count=len(self.uncached), first_cell=first
                )
            )
        elif not any(r.month_text or r.ytd_text for r in self.result.rows):
            self.result.messages.append(messages.make("no_measure_rows", self.sheet.name))
        return self.result


def read_progress(sheet: Sheet, table: Table, unit_code: str | None) -> Progress:
    return _Reader(sheet, table, unit_code).read()
