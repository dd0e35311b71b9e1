"""The plan workbook (方案.xlsx): one year's plan as sheets the office reads, edits and loads.

    说明                 the year (B2, the cell to change for next year's plan), title, number, how to edit
    <one sheet a table>  named by the table's title_zh; row 1 Chinese labels, row 2 the column codes
                         (what the reader goes by, so columns may be moved), data from row 3
    附件2 任务清单        plan_allocations as 附件2 prints it: a unit a row, a (column, measure) a column
    附件2分解（明细）     plan_allocations as a long table, with what the matrix does not show

On reading, the matrix wins for the cells: a cell that differs from the long table's cell_text
replaces it and its allocated_value / is_allocated are worked out again from the text.
"""

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from orchestration.plans.tables import TABLES, Plan, Rows, Table, empty_plan

INSTRUCTIONS_SHEET = "说明"
MATRIX_SHEET = "附件2 任务清单"
ALLOCATION_DETAIL_SHEET = "附件2分解（明细）"
ALLOCATIONS = "plan_allocations"
HEADER_ROWS = 2  # row 1 Chinese labels, row 2 column codes
MATRIX_HEADER_ROWS = 3  # row 1 第N列 + header text, row 2 measure code, row 3 measure name
NOT_ALLOCATED = "/"

COLUMN_LABELS: dict[str, dict[str, str]] = {
    "plan_units": {
        "unit_code": "单位编码",
        "unit_name": "单位名称",
        "unit_type": "单位类型",
        "annex2_row": "附件2行号",
        "source": "来源",
    },
    "plan_unit_aliases": {"alias": "别名", "unit_code": "单位编码", "source": "来源"},
    "plan_unit_groups": {
        "group_code": "单位组编码",
        "group_name": "单位组名称",
        "member_unit_type": "成员单位类型",
        "source": "来源",
    },
    "plan_items": {
        "item_code": "任务编码",
        "item_group": "类别",
        "annex1_seq": "附件1序号",
        "item_name": "任务名称",
        "annex1_text": "附件1原文",
        "annex2_column": "附件2列号",
        "source": "来源",
    },
    "plan_measures": {
        "measure_code": "指标编码",
        "item_code": "任务编码",
        "measure_name": "指标名称",
        "measure_name_en": "英文名称",
        "uom": "计量单位",
        "kind": "指标类型",
        "target_type": "目标类型",
        "is_additive": "是否可加总",
        "source": "来源",
    },
    "plan_district_targets": {
        "item_code": "任务编码",
        "measure_code": "指标编码",
        "source_doc": "出处",
        "target_value": "目标值",
        "is_challenge": "是否挑战值",
        "target_text": "原文",
        "source": "来源",
    },
    "plan_annex2_columns": {
        "column_no": "列号",
        "item_code": "任务编码",
        "header_text": "表头原文",
        "total_text": "合计原文",
        "source": "来源",
    },
    "plan_annex2_targets": {
        "column_no": "列号",
        "measure_code": "指标编码",
        "value_kind": "取值位置",
        "target_value": "目标值",
        "value_text": "原文",
        "source": "来源",
    },
    "plan_allocations": {
        "unit_code": "单位编码",
        "column_no": "列号",
        "measure_code": "指标编码",
        "cell_text": "原文",
        "allocated_value": "分解值",
        "is_allocated": "是否分解",
        "source": "来源",
    },
    "plan_owners": {
        "item_code": "任务编码",
        "role": "角色",
        "unit_ref": "单位或单位组编码",
        "source_doc": "出处",
        "source": "来源",
        "source_text": "原文",
    },
    "plan_deliverables": {
        "deliverable_code": "项目编码",
        "measure_code": "指标编码",
        "unit_code": "单位编码",
        "deliverable_name": "项目名称",
        "source": "来源",
    },
    "plan_milestones": {
        "measure_code": "指标编码",
        "unit_code": "单位编码",
        "planned_month": "计划完成月份",
        "set_by": "设定人",
        "source": "来源",
    },
    "plan_confirmations": {
        "code": "编码",
        "rule": "规则",
        "chosen_source": "采用口径",
        "chosen_value": "采用值",
        "confirmed_by": "确认人",
        "confirmed_on": "确认日期",
        "note": "备注",
    },
}

NUMBER_COLUMNS = frozenset(
    {
        "target_value",
        "allocated_value",
        "chosen_value",
        "annex2_row",
        "annex1_seq",
        "column_no",
        "annex2_column",
    }
)
KEYS = {
    "plan_units": "unit_code",
    "plan_unit_aliases": "alias",
    "plan_items": "item_code",
    "plan_measures": "measure_code",
    "plan_deliverables": "deliverable_code",
}
BOOLEAN = ("true", "false")
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "kind": ("rate", "count", "amount"),
    "target_type": ("growth_rate", "net_increase", "cumulative", "stock"),
    "role": ("lead", "responsible", "sole_owner"),
    "item_group": ("重点指标", "重点任务", "正文目标", "正文任务"),
    "is_additive": BOOLEAN,
    "is_challenge": BOOLEAN,
    "is_allocated": BOOLEAN,
    "planned_month": tuple(str(m) for m in range(1, 13)),
}

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_FIRST_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_COLUMN_NO = re.compile(r"第\s*(\d+)\s*列")
_HEADER_FONT = Font(bold=True)
_CODE_FONT = Font(size=8, color="808080")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")

INSTRUCTIONS = (
    "每张工作表对应方案的一张表；第1行为中文列名，第2行为列编码（灰色小字，请勿修改），数据从第3行起。列的顺序可以调整。",
    "“附件2 任务清单”按附件2原样排列：每行一个单位，每列一个（附件2列号、指标）；单元格填写附件2的原文，“/”表示未分解到该单位。",
    "导入时以“附件2 任务清单”的单元格为准：与“附件2分解（明细）”不一致的，按任务清单改写原文并重新计算分解值。",
    "各年沿用相同的单位编码、任务编码和指标编码，同比才能对应；新增的单位、任务、指标使用新编码。",
    "单位更名时保留原单位编码，只改单位名称，并把旧名称加到“单位别名”表，以便识别旧名称报送的数据。",
    "编制下一年方案：把B2改为新年度，按新方案修改各表，然后运行 tineng plan check 检查、tineng plan add 导入。",
)


@dataclass(frozen=True)
class PlanMessage:
    severity: str  # "error" | "warning"
    sheet: str | None
    row: int | None  # 1-based, as Excel shows it
    column: str | None  # column letter
    text_zh: str
    text_en: str = ""

    def located_zh(self) -> str:
        where = ""
        if self.sheet is not None:
            where += f"工作表“{self.sheet}”"
        if self.row is not None:
            where += f"第{self.row}行"
        if self.column is not None:
            where += f"{self.column}列"
        return f"{where}：{self.text_zh}" if where else self.text_zh


@dataclass
class WorkbookReading:
    year: int | None
    plan: Plan
    messages: list[PlanMessage] = field(default_factory=list)

    @property
    def errors(self) -> list[PlanMessage]:
        return [m for m in self.messages if m.severity == "error"]


def sheet_name(table: Table) -> str:
    return ALLOCATION_DETAIL_SHEET if table.name == ALLOCATIONS else table.title_zh


def expected_sheets() -> list[str]:
    names = [INSTRUCTIONS_SHEET]
    for table in TABLES:
        if table.name == ALLOCATIONS:
            names.append(MATRIX_SHEET)
        names.append(sheet_name(table))
    return names


# ---------------------------------------------------------------- writing


def write_workbook(plan: Plan, year: int, path: Path, *, title: str = "", document_number: str = "") -> None:
    """Write `plan` as the plan workbook of `year` at `path`."""
    wb = Workbook()
    _write_instructions(wb.active, year, title, document_number)
    for table in TABLES:
        if table.name == ALLOCATIONS:
            _write_matrix(wb.create_sheet(MATRIX_SHEET), plan)
        _write_table(wb.create_sheet(sheet_name(table)), table, plan.get(table.name, []))
    wb.save(path)


def _write_instructions(ws, year: int, title: str, document_number: str) -> None:
    ws.title = INSTRUCTIONS_SHEET
    ws["A1"] = "年度方案工作簿"
    ws["A1"].font = Font(bold=True, size=14)
    for row, (label, value) in enumerate(
        (("方案年度", year), ("方案名称", title), ("文号", document_number)), 2
    ):
        ws.cell(row, 1, label).font = _HEADER_FONT
        _put(ws.cell(row, 2), value if isinstance(value, int) else str(value))
    ws["B2"].fill = PatternFill("solid", fgColor="FFF2CC")
    ws["C2"] = "← 编制下一年方案时改这里"
    ws["C2"].font = _CODE_FONT
    ws["A6"] = "填写说明"
    ws["A6"].font = _HEADER_FONT
    for i, text in enumerate(INSTRUCTIONS, 7):
        ws.cell(i, 1, f"{i - 6}. {text}")
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 40


def _write_table(ws, table: Table, rows: Rows) -> None:
    labels = COLUMN_LABELS[table.name]
    for col, column in enumerate(table.columns, 1):
        head = ws.cell(1, col, labels.get(column, column))
        head.font, head.fill = _HEADER_FONT, _HEADER_FILL
        ws.cell(2, col, column).font = _CODE_FONT
    for r, row in enumerate(rows, HEADER_ROWS + 1):
        for col, column in enumerate(table.columns, 1):
            _put(ws.cell(r, col), _typed(column, row.get(column, "")))
    ws.freeze_panes = "A3"
    for col, column in enumerate(table.columns, 1):
        texts = [labels.get(column, column), column] + [row.get(column, "") for row in rows]
        ws.column_dimensions[get_column_letter(col)].width = _width(texts)


def _matrix_layout(plan: Plan) -> tuple[list[str], list[tuple[str, str]]]:
    units: dict[str, None] = {}
    pairs: dict[tuple[str, str], None] = {}
    for row in plan.get(ALLOCATIONS, []):
        units[row["unit_code"]] = None
        pairs[(row["column_no"], row["measure_code"])] = None
    return list(units), list(pairs)


def _write_matrix(ws, plan: Plan) -> None:
    units, pairs = _matrix_layout(plan)
    names = {r["unit_code"]: r["unit_name"] for r in plan.get("plan_units", [])}
    headers = {r["column_no"]: r["header_text"] for r in plan.get("plan_annex2_columns", [])}
    measures = {r["measure_code"]: r["measure_name"] for r in plan.get("plan_measures", [])}
    cells = {
        (r["unit_code"], r["column_no"], r["measure_code"]): r["cell_text"] for r in plan.get(ALLOCATIONS, [])
    }
    for col, (label, code) in enumerate((("单位编码", "unit_code"), ("单位名称", "unit_name")), 1):
        ws.cell(1, col, label).font = _HEADER_FONT
        ws.cell(1, col).fill = _HEADER_FILL
        ws.cell(2, col, code).font = _CODE_FONT
    ws.cell(3, 2, "（指标名称）").font = _CODE_FONT
    for j, (column_no, measure_code) in enumerate(pairs, 3):
        head = ws.cell(1, j, f"第{column_no}列 {headers.get(column_no, '')}".strip())
        head.font, head.fill, head.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
        ws.cell(2, j, measure_code).font = _CODE_FONT
        ws.cell(3, j, measures.get(measure_code, "")).alignment = _WRAP
    for i, unit in enumerate(units, MATRIX_HEADER_ROWS + 1):
        _put(ws.cell(i, 1), unit)
        _put(ws.cell(i, 2), names.get(unit, ""))
        for j, (column_no, measure_code) in enumerate(pairs, 3):
            text = cells.get((unit, column_no, measure_code))
            if text is not None:
                cell = ws.cell(i, j)
                _put(cell, text)
                cell.alignment = _WRAP
    ws.freeze_panes = "C4"
    ws.column_dimensions["A"].width = 10
    ws.column_dimensions["B"].width = 14
    for j in range(3, len(pairs) + 3):
        ws.column_dimensions[get_column_letter(j)].width = 18
    ws.row_dimensions[1].height = 45


def _put(cell, value) -> None:
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, even if the text starts with "="


def _typed(column: str, text: str):
    """Numbers as numbers (so Excel does not flag them) when they come back as the same text."""
    if column in NUMBER_COLUMNS and _NUMBER.match(text):
        value = float(text) if "." in text else int(text)
        if _text(value) == text:
            return value
    return text


def _width(texts: list[str]) -> float:
    longest = max(
        (sum(2 if ord(ch) > 0x2E7F else 1 for ch in line) for t in texts for line in t.split("\n")), default=8
    )
    return float(min(max(longest + 2, 8), 60))


# ---------------------------------------------------------------- reading


def _text(value, number_format: str = "General") -> str:
    """A cell's value as the plan's text: what was written, whatever Excel or LibreOffice did to it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)
        if "%" in (number_format or ""):
            return _number_text(value * 100) + "%"
        return _number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _number_text(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return repr(round(float(value), 10))


def allocated_value(cell_text: str) -> tuple[str, str]:
    """(allocated_value, is_allocated) of an 附件2 cell: "14%" -> 14, "1个亮点" -> 1, "/" -> none."""
    text = cell_text.strip()
    if text in ("", NOT_ALLOCATED):
        return "", "false"
    found = _FIRST_NUMBER.search(text)
    return (found.group(0) if found else ""), "true"


def read_workbook(path: Path) -> WorkbookReading:
    """The plan in the workbook at `path`, and what is wrong with its structure."""
    reading = WorkbookReading(None, empty_plan())
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as error:  # any unreadable file is reported, not raised
        reading.messages.append(
            PlanMessage(
                "error", None, None, None, f"无法打开工作簿：{error}", f"Cannot open the workbook: {error}"
            )
        )
        return reading
    _Reader(wb, reading).read()
    return reading


class _Reader:
    def __init__(self, wb, reading: WorkbookReading):
        self.wb = wb
        self.reading = reading
        self.rows_at: dict[str, list[int]] = {}  # table -> the sheet row of each plan row
        self.letters: dict[str, dict[str, str]] = {}  # table -> column -> letter

    def error(self, sheet, row, column, zh, en) -> None:
        self.reading.messages.append(PlanMessage("error", sheet, row, column, zh, en))

    def warning(self, sheet, row, column, zh, en) -> None:
        self.reading.messages.append(PlanMessage("warning", sheet, row, column, zh, en))

    def read(self) -> None:
        for name in self.wb.sheetnames:
            if name not in expected_sheets():
                self.warning(
                    name, None, None, "不认识的工作表，已忽略。", f"Unknown sheet {name!r}; ignored."
                )
        self.read_year()
        for table in TABLES:
            self.read_table(table)
        self.read_matrix()
        self.check()

    def sheet(self, name: str):
        if name in self.wb.sheetnames:
            return self.wb[name]
        self.error(name, None, None, f"缺少工作表“{name}”。", f"The sheet {name!r} is missing.")
        return None

    def read_year(self) -> None:
        ws = self.sheet(INSTRUCTIONS_SHEET)
        if ws is None:
            return
        value = ws["B2"].value
        text = _text(value, ws["B2"].number_format).strip()
        if re.fullmatch(r"\d{4}", text) and 2000 <= int(text) <= 2100:
            self.reading.year = int(text)
        else:
            self.error(
                INSTRUCTIONS_SHEET,
                2,
                "B",
                f"方案年度“{text}”无法识别，应填写四位数字年份，如2022。",
                f"The plan year {text!r} is not a four-digit year such as 2022.",
            )

    def read_table(self, table: Table) -> None:
        name = sheet_name(table)
        ws = self.sheet(name)
        if ws is None:
            return
        codes = {}
        for cell in ws[HEADER_ROWS]:
            code = _text(cell.value).strip()
            if code:
                codes.setdefault(code, cell.column)
        labels = COLUMN_LABELS[table.name]
        missing = [c for c in table.columns if c not in codes]
        for column in missing:
            self.error(
                name,
                None,
                None,
                f"缺少列“{labels.get(column, column)}”（列编码 {column}，应在第2行）。",
                f"The column {column} is missing (its code belongs in row 2).",
            )
        for code, col in codes.items():
            if code not in table.columns:
                self.warning(
                    name,
                    2,
                    get_column_letter(col),
                    f"不认识的列编码“{code}”，已忽略。",
                    f"Unknown column {code!r}.",
                )
        self.letters[table.name] = {c: get_column_letter(col) for c, col in codes.items()}
        rows, at = [], []
        for r, values in enumerate(ws.iter_rows(min_row=HEADER_ROWS + 1), HEADER_ROWS + 1):
            by_col = {cell.column: cell for cell in values}
            row = {}
            for column in table.columns:
                cell = by_col.get(codes[column]) if column in codes else None
                row[column] = _text(cell.value, cell.number_format).strip() if cell is not None else ""
            if any(row.values()):
                rows.append(row)
                at.append(r)
        self.reading.plan[table.name] = rows
        self.rows_at[table.name] = at

    def read_matrix(self) -> None:
        ws = self.sheet(MATRIX_SHEET)
        if ws is None:
            return
        if _text(ws["A2"].value).strip() != "unit_code":
            self.error(MATRIX_SHEET, 2, "A", "第2行A列应为列编码 unit_code。", "Cell A2 must hold unit_code.")
            return
        pairs: dict[int, tuple[str, str]] = {}
        seen: dict[tuple[str, str], int] = {}
        for col in range(3, ws.max_column + 1):
            measure = _text(ws.cell(2, col).value).strip()
            if not measure:
                continue
            letter = get_column_letter(col)
            found = _COLUMN_NO.search(_text(ws.cell(1, col).value))
            if not found:
                self.error(
                    MATRIX_SHEET,
                    1,
                    letter,
                    "表头应以“第N列”开头（附件2列号）。",
                    "The header must start with 第N列.",
                )
                continue
            pair = (found.group(1), measure)
            if pair in seen:
                self.error(
                    MATRIX_SHEET,
                    2,
                    letter,
                    f"第{pair[0]}列指标“{measure}”与{get_column_letter(seen[pair])}列重复。",
                    f"Column {pair[0]} measure {measure} repeats column {get_column_letter(seen[pair])}.",
                )
                continue
            seen[pair] = col
            pairs[col] = pair
        units = {r["unit_code"] for r in self.reading.plan["plan_units"]}
        measures = {r["measure_code"] for r in self.reading.plan["plan_measures"]}
        for pair, col in seen.items():
            if "plan_measures" in self.letters and pair[1] not in measures:
                self.error(
                    MATRIX_SHEET,
                    2,
                    get_column_letter(col),
                    f"指标编码“{pair[1]}”不在工作表“指标”中。",
                    f"Measure {pair[1]} is not on the sheet 指标.",
                )
        allocations = self.reading.plan[ALLOCATIONS]
        index = {(r["unit_code"], r["column_no"], r["measure_code"]): r for r in allocations}
        for r in range(MATRIX_HEADER_ROWS + 1, ws.max_row + 1):
            unit = _text(ws.cell(r, 1).value).strip()
            if not unit:
                continue
            if "plan_units" in self.letters and unit not in units:
                self.error(
                    MATRIX_SHEET,
                    r,
                    "A",
                    f"单位编码“{unit}”不在工作表“单位”中。",
                    f"Unit {unit} is not on the sheet 单位.",
                )
                continue
            for col, (column_no, measure) in pairs.items():
                cell = ws.cell(r, col)
                text = _text(cell.value, cell.number_format).strip()
                row = index.get((unit, column_no, measure))
                if row is None:
                    if text:
                        value, allocated = allocated_value(text)
                        row = {
                            "unit_code": unit,
                            "column_no": column_no,
                            "measure_code": measure,
                            "cell_text": text,
                            "allocated_value": value,
                            "is_allocated": allocated,
                            "source": f"{MATRIX_SHEET} 第{column_no}列",
                        }
                        allocations.append(row)
                        index[(unit, column_no, measure)] = row
                        self.rows_at.setdefault(ALLOCATIONS, []).append(None)
                elif text != row["cell_text"]:
                    row["cell_text"] = text
                    row["allocated_value"], row["is_allocated"] = allocated_value(text)
                else:
                    continue
                if row["is_allocated"] == "true" and row["allocated_value"] == "":
                    self.warning(
                        MATRIX_SHEET,
                        r,
                        get_column_letter(col),
                        f"“{text}”中没有数字，分解值为空。",
                        f"{text!r} holds no number; the allocated value is empty.",
                    )

    # ------------------------------------------------------------ checks

    def each(self, table: str, column: str):
        """(sheet row, column letter, value) of every non-empty value of a column read."""
        if column not in self.letters.get(table, {}):
            return
        for row, at in zip(self.reading.plan[table], self.rows_at[table], strict=True):
            if row[column] != "":
                yield at, self.letters[table][column], row[column]

    def located(self, table: str, at: int | None) -> str:
        return MATRIX_SHEET if table == ALLOCATIONS and at is None else sheet_name(_TABLE[table])

    def check(self) -> None:
        plan = self.reading.plan
        for table, key in KEYS.items():
            first: dict[str, int] = {}
            for at, letter, value in self.each(table, key):
                if value in first:
                    self.error(
                        sheet_name(_TABLE[table]),
                        at,
                        letter,
                        f"“{value}”与第{first[value]}行重复（{COLUMN_LABELS[table][key]}不得重复）。",
                        f"{value!r} repeats row {first[value]}.",
                    )
                else:
                    first[value] = at
        items = {r["item_code"] for r in plan["plan_items"]}
        units = {r["unit_code"] for r in plan["plan_units"]}
        groups = {r["group_code"] for r in plan["plan_unit_groups"]}
        references = [
            ("plan_measures", "item_code", items, "plan_items"),
            ("plan_allocations", "unit_code", units, "plan_units"),
            ("plan_unit_aliases", "unit_code", units, "plan_units"),
            ("plan_deliverables", "unit_code", units, "plan_units"),
            ("plan_milestones", "unit_code", units, "plan_units"),
            ("plan_owners", "unit_ref", units | groups, None),
        ]
        for table, column, known, target in references:
            if target is not None and target not in self.letters:
                continue
            if target is None and not {"plan_units", "plan_unit_groups"} <= set(self.letters):
                continue
            where = f"工作表“{_TABLE[target].title_zh}”" if target else "工作表“单位”或“单位组”"
            for at, letter, value in self.each(table, column):
                if value not in known:
                    self.error(
                        self.located(table, at),
                        at,
                        letter if at is not None else None,
                        f"编码“{value}”不在{where}中。",
                        f"{value!r} is not on the sheet {target or 'plan_units/plan_unit_groups'}.",
                    )
        for table in TABLES:
            for column in table.columns:
                allowed = VOCABULARIES.get(column)
                if allowed is None and column not in NUMBER_COLUMNS:
                    continue
                for at, letter, value in self.each(table.name, column):
                    if allowed is not None and value not in allowed:
                        self.error(
                            self.located(table.name, at),
                            at,
                            letter if at is not None else None,
                            f"“{value}”不是{COLUMN_LABELS[table.name][column]}的可选值（{'、'.join(allowed)}）。",
                            f"{value!r} is not one of {', '.join(allowed)} ({column}).",
                        )
                    elif allowed is None and not _NUMBER.match(value):
                        self.error(
                            self.located(table.name, at),
                            at,
                            letter if at is not None else None,
                            f"{COLUMN_LABELS[table.name][column]}“{value}”不是数字。",
                            f"{column} {value!r} is not a number.",
                        )


_TABLE = {t.name: t for t in TABLES}
