"""The rows of the monthly progress table: one ProgressRow per measure, the 合计 row kept apart."""

from dataclasses import dataclass, field
from functools import lru_cache

from orchestration import reference
from orchestration.ingest import messages
from orchestration.ingest.cell_marks import SheetMarks
from orchestration.ingest.layout import Table
from orchestration.ingest.model import Message, ProgressRow, TotalRow
from orchestration.ingest.values import (
    NAME_LIMIT,
    NOTE_LIMIT,
    Number,
    Unit,
    cell_text,
    error_meaning,
    folded,
    label_forms,
    parse_number,
    parse_unit,
    spreadsheet_error,
    without_invisible,
)
from orchestration.ingest.workbook import Sheet
from orchestration.submissions.contract import PROGRESS_COLUMNS, TOTAL_ROW_LABELS

VALUE_KEYS = ("month_value", "ytd_value")
_FIELDS = {f.key: f for f in PROGRESS_COLUMNS}
_TOTAL_LABELS = {folded(label).lower() for label in TOTAL_ROW_LABELS}
# Message code of each reason a value cell is not read as a number.
_VALUE_PROBLEMS = {
    "not_a_number": "value_not_number",
    "unit_mismatch": "value_unit_mismatch",
    "stated_unit_mismatch": "value_stated_unit_mismatch",
    "spreadsheet_error": "value_spreadsheet_error",
    "not_finite": "value_not_finite",
    "spaced_digits": "value_spaced_digits",
}


@dataclass
class Progress:
    rows: list[ProgressRow] = field(default_factory=list)
    totals: list[TotalRow] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)


@dataclass(frozen=True)
class _Stated:
    """A unit stated for a row's plain numbers, and who states it (for the message)."""

    unit: Unit
    by_zh: str
    by_en: str


# Files made from one template repeat their measure names: each is looked up once.
def measure_by_name(text: str, year: int) -> str | None:
    """The measure a name cell means: "技术合同成交额（亿元）" and "高新技术企业" (an item name) too."""
    return _measure_by_name(text, year, reference.state())


@lru_cache(maxsize=1024)
def _measure_by_name(text: str, year: int, state: str) -> str | None:
    names = reference.measure_names(year)
    return next((names[f] for f in sorted(label_forms(text), key=len, reverse=True) if f in names), None)


def _measure_by_code(text: str, year: int) -> str | None:
    code = folded(text).upper() if text else None
    return code if code in reference.measures(year) else None


def _assigned(year: int, unit_code: str) -> frozenset[str]:
    return frozenset(a.measure_code for a in reference.assignments_for(year, unit_code))


def is_total(cells: list[object]) -> bool:
    return any(isinstance(c, str) and c and label_forms(c) & _TOTAL_LABELS for c in cells)


class _Reader:
    def __init__(self, sheet: Sheet, table: Table, unit_code: str | None, year: int):
        self.sheet, self.columns, self.unit_code, self.year = sheet, table.columns, unit_code, year
        self.first_data_row = table.first_data_row
        self.stated = {
            key: _Stated(unit, f"表头“{header}”", f"the header '{header}'")
            for key, (unit, header) in table.stated_units.items()
        }
        self.scan = sheet.scan or SheetMarks(sheet.name)
        self.assigned = _assigned(year, unit_code) if unit_code else None
        self.seen: dict[str, int] = {}
        self.uncached: list[tuple[int, int]] = []
        self.result = Progress()

    def report(self, code: str, row: int, key: str | None = None, **fields) -> None:
        column = messages.column_letter(self.columns[key]) if key in self.columns else None
        self.result.messages.append(messages.make(code, self.sheet.name, row + 1, column, **fields))

    def measure(self, row: int, texts: dict[str, str]) -> str | None:
        code_text, name_text = texts["measure_code"], texts["measure_name"]
        by_code = _measure_by_code(code_text, self.year)
        by_name = measure_by_name(name_text, self.year) if name_text else None
        if by_code and by_name and by_code != by_name:
            self.report("measure_ambiguous", row, "measure_code", measure_code=code_text, name=name_text)
            return None
        if by_code:
            return by_code
        if by_name:
            if code_text:  # a code that is no measure's: the row is read by its name, and the code blamed
                self.report(
                    "measure_code_unknown", row, "measure_code", written=code_text, name=name_text,
                    measure_code=by_name, clean_reading=_measure_by_code(without_invisible(code_text), self.year),
                )  # fmt: skip
            return by_name
        # A name-only row without values is a section title or a note; a code is meant as one.
        has_values = any(texts[key] for key in VALUE_KEYS)
        if code_text or (name_text and has_values):
            key, written = ("measure_code", code_text) if code_text else ("measure_name", name_text)
            clean = without_invisible(written)
            recognised = (
                _measure_by_code(clean, self.year) if code_text else measure_by_name(clean, self.year)
            )
            self.report("measure_unknown", row, key, written=written, clean_reading=recognised and clean)
        elif has_values:
            self.report("measure_missing", row)
        return None

    def row_unit(self, cells: dict[str, object], measure: reference.Measure) -> _Stated | None:
        """The unit the row's 计量单位 cell states, when it is a unit and not the measure's own."""
        written = cell_text(cells.get("uom", ""))
        unit = parse_unit(written) if written else None
        if unit is None or written == measure.uom:
            return None
        return _Stated(unit, f"“计量单位”列的“{written}”", f"the unit of measure column ('{written}')")

    def value(
        self, row: int, key: str, cell: object, measure: reference.Measure, row_unit: _Stated | None
    ) -> tuple[float | None, str]:
        """The cell's number in the measure's unit, and its text as the clerk sees it."""
        position = (row, self.columns[key])
        f = _FIELDS[key]
        labels = {"label": f.label, "label_en": f.label_en}
        error = self.scan.error_cells.get(position) if cell == "" else None
        if error:
            zh, en = error_meaning(error)
            self.report(
                "value_spreadsheet_error", row, key, written=error, meaning=zh, meaning_en=en, **labels
            )
            return None, error
        is_number = isinstance(cell, int | float) and not isinstance(cell, bool)
        percent_cell = is_number and measure.uom == "%" and position in self.scan.percent_cells
        if percent_cell:
            cell = round(cell * 100, 10)  # a cell formatted as 14% holds 0.14
        shown = f"{cell_text(cell)}%" if percent_cell else cell_text(cell)
        stated = self.stated.get(key) or row_unit
        number = parse_number(cell, measure.uom, stated.unit if stated else None)
        # Counts and amounts that add up over the year cannot fall; a net change or a rate can.
        negative = number.value is not None and number.value < 0 and measure.is_cumulative
        origin = self.sheet.merged_from(*position) if number.value is not None else None
        if number.problem:
            self._value_problem(row, key, number, shown, measure, stated, labels)
        elif origin:  # one number merged over several cells would be counted once for each
            self.report(
                "value_in_merged_cells",
                row,
                key,
                written=shown,
                first_cell=messages.cell_name(*origin),
                **labels,
            )
            return None, shown
        elif negative:
            self.report("value_negative", row, key, written=shown, **labels)
        elif (
            measure.uom == "%"
            and not (percent_cell or number.percent_sign)
            and 0 < abs(number.value or 0) < 1
        ):
            percent = cell_text(round(number.value * 100, 10))
            self.report(
                "rate_read_as_percent", row, key, written=cell_text(number.value), percent=percent, **labels
            )
        return number.value, shown

    def _value_problem(
        self, row: int, key: str, number: Number, shown: str, measure: reference.Measure,
        stated: _Stated | None, labels: dict[str, str],
    ) -> None:  # fmt: skip
        fields = {"written": shown, **labels}
        if number.problem == "spreadsheet_error":
            fields["meaning"], fields["meaning_en"] = error_meaning(spreadsheet_error(shown))
        elif number.problem == "unit_mismatch":
            fields["uom"] = measure.uom
        elif number.problem == "stated_unit_mismatch":
            fields |= {"uom": measure.uom, "stated": stated.unit.text, "stated_by": stated.by_zh}
            fields["stated_by_en"] = stated.by_en
        elif number.problem == "not_a_number":
            clean = without_invisible(shown)
            if clean != shown and parse_number(clean, measure.uom).problem is None:
                fields["clean_reading"] = clean
        self.report(_VALUE_PROBLEMS[number.problem], row, key, **fields)

    def text(self, row: int, key: str, cells: dict[str, object], limit: int) -> str | None:
        """A text cell, cut to `limit` characters with a warning naming the cell."""
        text = cell_text(cells.get(key, ""))
        if len(text) > limit:
            f = _FIELDS[key]
            fields = {"label": f.label, "label_en": f.label_en, "length": len(text), "limit": limit}
            self.report("text_too_long", row, key, **fields)
            text = text[:limit]
        return text or None

    def read_row(self, row: int, cells: dict[str, object]) -> None:
        texts = {key: cell_text(cells.get(key, "")) for key in (*VALUE_KEYS, "measure_code", "measure_name")}
        code = self.measure(row, texts)
        if code is None:
            return
        measure = reference.measures(self.year)[code]
        if self.assigned is not None and code not in self.assigned:
            # landed and marked: the warehouse does not score it, and its checks name it
            unit = reference.units()[self.unit_code].name
            key = "measure_code" if texts["measure_code"] else "measure_name"
            self.report("measure_not_assigned", row, key, name=measure.name, measure_code=code, unit=unit)
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
        row_unit = self.row_unit(cells, measure)
        (month, month_text), (ytd, ytd_text) = (
            self.value(row, key, cells[key], measure, row_unit) if key in cells else (None, "")
            for key in VALUE_KEYS
        )
        if measure.is_cumulative and month is not None and ytd is not None and ytd < month:
            self.report("ytd_below_month", row, "ytd_value", month=cell_text(month), ytd=cell_text(ytd))
        name_key = "measure_name" if texts["measure_name"] else "measure_code"
        self.result.rows.append(
            ProgressRow(
                sheet=self.sheet.name,
                row=row + 1,
                measure_code=code,
                measure_as_written=self.text(row, name_key, cells, NAME_LIMIT),
                month_value=month,
                ytd_value=ytd,
                month_text=month_text[:NAME_LIMIT] or None,
                ytd_text=ytd_text[:NAME_LIMIT] or None,
                note=self.text(row, "note", cells, NOTE_LIMIT),
            )
        )

    def total(self, row: int, cells: dict[str, object]) -> None:
        """The sheet's 合计 row; a value that is not a number is left out, with a warning."""
        found = []
        for key in VALUE_KEYS:
            cell = cells.get(key, "")
            error = (
                self.scan.error_cells.get((row, self.columns[key])) if key in cells and cell == "" else None
            )
            number = Number(None, "spreadsheet_error") if error else parse_number(cell, None)
            if number.problem:
                f = _FIELDS[key]
                written = error or cell_text(cell)
                self.report("total_unreadable", row, key, written=written, label=f.label, label_en=f.label_en)
            found.append(number.value)
        self.result.totals.append(TotalRow(self.sheet.name, row + 1, *found))

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
                self.total(row, cells)
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


def read_progress(sheet: Sheet, table: Table, unit_code: str | None, year: int) -> Progress:
    """The progress rows of `sheet`, read against the plan of `year`."""
    return _Reader(sheet, table, unit_code, year).read()
