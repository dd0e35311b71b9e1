"""The monthly workbook a unit fills in (DESIGN.md section 5), laid out from the contract.

Sheet protection has no password: it keeps people from editing the pre-filled cells by accident,
and anyone who must change the layout can lift it under 审阅 → 撤销工作表保护.
"""

import io
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from orchestration import reference, settings
from orchestration.submissions import contract

# Progress sheet: title in row 1, header block in rows 2-4, a blank row, then the table.
HEADER_BLOCK = (("unit", "unit_code"), ("period", "template_version"), ("reporter", "phone"))
HEADER_LABEL_COLUMNS = (1, 4)  # A and D; each value sits in the next column (B and E)
PROGRESS_HEADER_ROW = 2 + len(HEADER_BLOCK) + 1
FIRST_MEASURE_ROW = PROGRESS_HEADER_ROW + 1
# Projects sheet: title in row 1, unit and month in row 2 laid out as above, a blank row, the table.
DELIVERABLES_HEADER_PAIR = ("unit", "period")
DELIVERABLES_PERIOD_CELL = (2, HEADER_LABEL_COLUMNS[1] + 1)
DELIVERABLES_HEADER_ROW = 4
FIRST_DELIVERABLE_ROW = DELIVERABLES_HEADER_ROW + 1

_PROGRESS_WIDTHS = {"seq": 6, "measure_code": 11, "measure_name": 34, "uom": 10, "annual_target": 12}
_DELIVERABLE_WIDTHS = {"seq": 6, "deliverable_code": 12, "deliverable_name": 46, "measure": 26, "status": 14}
_INPUT_WIDTH = 14
_NOTE_WIDTH = 40

_FIELDS = {f.key: f for f in contract.HEADER_FIELDS}
_COLUMN_LABELS = {f.key: f.label for f in contract.PROGRESS_COLUMNS}
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TITLE_FONT = Font(name="宋体", size=16, bold=True)
_BOLD = Font(name="宋体", size=11, bold=True)
_PLAIN = Font(name="宋体", size=11)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_UNLOCKED = Protection(locked=False)


def column_number(key: str, columns: tuple[contract.Field, ...] = contract.PROGRESS_COLUMNS) -> int:
    """1-based column of a contract column in the template."""
    return [f.key for f in columns].index(key) + 1


def header_value_cell(key: str) -> tuple[int, int]:
    """(row, column) of a header-block value, e.g. where 填报人 is filled in."""
    for offset, pair in enumerate(HEADER_BLOCK):
        if key in pair:
            return 2 + offset, HEADER_LABEL_COLUMNS[pair.index(key)] + 1
    raise KeyError(key)


def column_label(field: contract.Field) -> str:
    return f"{field.label}\n{field.label_en}"


def cell_number(value: float | None) -> float | int | None:
    """Whole numbers as int, so a cell shows 12 rather than 12.0."""
    return int(value) if value is not None and float(value).is_integer() else value


def _header_row(pair: tuple[str, str], unit_code: str, period: str, width: int) -> list[object]:
    """Label and value cells of one header-block row; 填报人 and 联系电话 are left to the unit."""
    identity = {
        "unit": reference.units()[unit_code].name,
        "unit_code": unit_code,
        "period": period,
        "template_version": contract.TEMPLATE_VERSION,
    }
    row: list[object] = [None] * width
    for key, column in zip(pair, HEADER_LABEL_COLUMNS, strict=True):
        row[column - 1] = _FIELDS[key].label
        row[column] = identity.get(key)
    return row


def progress_sheet_rows(unit_code: str, period: str) -> list[list[object]]:
    """Cell values of the blank progress sheet, row by row, as the template lays them out."""
    width = len(contract.PROGRESS_COLUMNS)
    rows: list[list[object]] = [[contract.TITLE] + [None] * (width - 1)]
    rows += [_header_row(pair, unit_code, period, width) for pair in HEADER_BLOCK]
    rows.append([None] * width)
    rows.append([column_label(f) for f in contract.PROGRESS_COLUMNS])
    measures = reference.measures()
    for seq, assignment in enumerate(reference.assignments_for(unit_code), start=1):
        measure = measures[assignment.measure_code]
        rows.append(
            [seq, measure.code, measure.name, measure.uom, cell_number(assignment.target), None, None, None]
        )
    return rows


def deliverable_sheet_rows(unit_code: str, period: str) -> list[list[object]]:
    """Cell values of the blank projects sheet, row by row."""
    measures = reference.measures()
    width = len(contract.DELIVERABLE_COLUMNS)
    rows: list[list[object]] = [
        [f"{contract.TITLE}（重点项目）"] + [None] * (width - 1),
        _header_row(DELIVERABLES_HEADER_PAIR, unit_code, period, width),
        [None] * width,
        [column_label(f) for f in contract.DELIVERABLE_COLUMNS],
    ]
    for seq, item in enumerate(reference.deliverables_for(unit_code), start=1):
        rows.append([seq, item.code, item.name, measures[item.measure_code].name, None, None])
    return rows


def _input_prompt(measure: reference.Measure, key: str) -> tuple[str, str]:
    """(rule, prompt) for a value cell: rates and net changes may be negative, counts may not."""
    if measure.kind == "rate":
        when = "当月" if key == "month_value" else "1月至本月累计"
        return "any", f"填{when}增速（%），如 14.5 表示增长 14.5%；只填数字。"
    if not measure.is_cumulative:
        what = "本月净增数" if key == "month_value" else "截至本月末的累计数（净增数或总数）"
        return "any", f"填{what}，净减少时填负数；只填数字，不带单位。"
    what = "本月新增数" if key == "month_value" else "1月至本月的累计数"
    return "non_negative", f"填{what}（≥0），单位见“计量单位”列；只填数字，不带单位。"


def _value_validation(rule: str, title: str, prompt: str) -> DataValidation:
    common = {
        "allow_blank": True,
        "showInputMessage": True,
        "showErrorMessage": True,
        "promptTitle": title,
        "prompt": prompt,
        "errorTitle": "输入有误",
    }
    if rule == "non_negative":
        return DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            error="请填写大于或等于 0 的数字。",
            **common,
        )
    return DataValidation(
        type="decimal",
        operator="between",
        formula1="-1000000000",
        formula2="1000000000",
        error="请填写数字。",
        **common,
    )


def _prompt_only(title: str, prompt: str) -> DataValidation:
    return DataValidation(allow_blank=True, showInputMessage=True, promptTitle=title, prompt=prompt)


def _style_table(ws: Worksheet, header_row: int, last_row: int, width: int) -> None:
    for column in range(1, width + 1):
        ws.cell(header_row, column).font = _BOLD
        ws.cell(header_row, column).fill = _HEADER_FILL
        ws.cell(header_row, column).alignment = _CENTRE
        for row in range(header_row, last_row + 1):
            ws.cell(row, column).border = _BOX
    for row in range(header_row + 1, last_row + 1):
        for column in range(1, width + 1):
            ws.cell(row, column).alignment = _WRAP
    ws.row_dimensions[header_row].height = 32


def _style_header_row(ws: Worksheet, row: int) -> None:
    for column in HEADER_LABEL_COLUMNS:
        ws.cell(row, column).font = _BOLD
        ws.cell(row, column + 1).number_format = "@"  # keeps 2021-01 as text, not a date
    first_value = HEADER_LABEL_COLUMNS[0] + 1
    ws.merge_cells(start_row=row, start_column=first_value, end_row=row, end_column=first_value + 1)


def _unlock(ws: Worksheet, row: int, column: int) -> None:
    cell = ws.cell(row, column)
    cell.protection = _UNLOCKED
    cell.fill = _INPUT_FILL


def _write_rows(ws: Worksheet, rows: list[list[object]]) -> None:
    for values in rows:
        ws.append(values)
    for row in ws.iter_rows():
        for cell in row:
            cell.font = _PLAIN
    width = len(rows[0])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(1, 1).font = _TITLE_FONT
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30


def _set_widths(ws: Worksheet, columns: tuple[contract.Field, ...], widths: dict[str, int]) -> None:
    for number, field in enumerate(columns, start=1):
        default = _NOTE_WIDTH if field.key == "note" else _INPUT_WIDTH
        ws.column_dimensions[get_column_letter(number)].width = widths.get(field.key, default)


def _protect_and_print(ws: Worksheet, header_row: int) -> None:
    ws.protection.sheet = True
    # Let people resize rows and columns; everything else stays locked.
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    ws.print_title_rows = f"1:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4


def _build_progress_sheet(ws: Worksheet, unit_code: str, period: str) -> None:
    rows = progress_sheet_rows(unit_code, period)
    _write_rows(ws, rows)
    width = len(contract.PROGRESS_COLUMNS)
    last_row = len(rows)
    for row in range(2, PROGRESS_HEADER_ROW - 1):
        _style_header_row(ws, row)
    for key, prompt in (("reporter", "请填写填报人姓名。"), ("phone", "请填写填报人联系电话。")):
        row, column = header_value_cell(key)
        _unlock(ws, row, column)
        validation = _prompt_only(_FIELDS[key].label, prompt)
        validation.add(ws.cell(row, column))
        ws.add_data_validation(validation)

    _style_table(ws, PROGRESS_HEADER_ROW, last_row, width)
    measures = reference.measures()
    validations: dict[tuple[str, str], DataValidation] = {}
    note = _prompt_only("进展情况说明", "简要说明本月进展、存在的问题和下一步打算。")
    ws.add_data_validation(note)
    for row in range(FIRST_MEASURE_ROW, last_row + 1):
        measure = measures[ws.cell(row, column_number("measure_code")).value]
        number_format = "0.00" if measure.kind == "amount" else "0.0" if measure.kind == "rate" else "General"
        ws.cell(row, column_number("annual_target")).number_format = number_format
        for key in ("month_value", "ytd_value"):
            column = column_number(key)
            rule, prompt = _input_prompt(measure, key)
            if (key, prompt) not in validations:
                validations[key, prompt] = _value_validation(rule, _COLUMN_LABELS[key], prompt)
                ws.add_data_validation(validations[key, prompt])
            validations[key, prompt].add(ws.cell(row, column))
            ws.cell(row, column).number_format = number_format
            _unlock(ws, row, column)
        _unlock(ws, row, column_number("note"))
        note.add(ws.cell(row, column_number("note")))
    for column in ("seq", "measure_code", "uom"):
        for row in range(FIRST_MEASURE_ROW, last_row + 1):
            ws.cell(row, column_number(column)).alignment = _CENTRE
    _set_widths(ws, contract.PROGRESS_COLUMNS, _PROGRESS_WIDTHS)
    _protect_and_print(ws, PROGRESS_HEADER_ROW)


def _build_deliverable_sheet(ws: Worksheet, unit_code: str, period: str) -> None:
    rows = deliverable_sheet_rows(unit_code, period)
    _write_rows(ws, rows)
    _style_header_row(ws, 2)
    width = len(contract.DELIVERABLE_COLUMNS)
    last_row = len(rows)
    _style_table(ws, DELIVERABLES_HEADER_ROW, last_row, width)
    statuses = DataValidation(
        type="list",
        formula1='"' + ",".join(reference.deliverable_statuses()) + '"',
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        promptTitle="进展状态",
        prompt="请从下拉列表中选择项目本月末的进展状态。",
        errorTitle="输入有误",
        error="请从下拉列表中选择。",
    )
    note = _prompt_only("说明", "简要说明项目本月进展。")
    ws.add_data_validation(statuses)
    ws.add_data_validation(note)
    status_column = column_number("status", contract.DELIVERABLE_COLUMNS)
    note_column = column_number("note", contract.DELIVERABLE_COLUMNS)
    for row in range(FIRST_DELIVERABLE_ROW, last_row + 1):
        _unlock(ws, row, status_column)
        _unlock(ws, row, note_column)
        statuses.add(ws.cell(row, status_column))
        note.add(ws.cell(row, note_column))
    _set_widths(ws, contract.DELIVERABLE_COLUMNS, _DELIVERABLE_WIDTHS)
    _protect_and_print(ws, DELIVERABLES_HEADER_ROW)


def _build_meta_sheet(ws: Worksheet, unit_code: str, period: str, generated_at: datetime) -> None:
    values = {
        "template_version": contract.TEMPLATE_VERSION,
        "unit_code": unit_code,
        "unit_name": reference.units()[unit_code].name,
        "period": period,
        "generated_at": generated_at.isoformat(timespec="seconds"),
    }
    for key in contract.META_KEYS:
        ws.append([key, values[key]])
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def build_template(unit_code: str, period: str, generated_at: datetime) -> Workbook:
    """The unit's blank template for the month, not yet saved."""
    wb = Workbook()
    progress = wb.active
    progress.title = contract.PROGRESS_SHEET
    _build_progress_sheet(progress, unit_code, period)
    _build_deliverable_sheet(wb.create_sheet(contract.DELIVERABLES_SHEET), unit_code, period)
    _build_meta_sheet(wb.create_sheet(contract.META_SHEET), unit_code, period, generated_at)
    # Locked structure keeps the meta sheet hidden and the sheet names as the reader expects them.
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.title = contract.TITLE
    wb.properties.creator = settings.issuing_organ()
    wb.properties.created = wb.properties.modified = utc_naive(generated_at)
    return wb


def utc_naive(moment: datetime) -> datetime:
    """How workbook properties hold a time (openpyxl assumes naive times are UTC)."""
    return moment.astimezone(UTC).replace(tzinfo=None)


def set_period(wb: Workbook, period: str, generated_at: datetime) -> None:
    """Point a built template at another month, so a unit's workbook can be reused month by month."""
    wb[contract.PROGRESS_SHEET].cell(*header_value_cell("period")).value = period
    wb[contract.DELIVERABLES_SHEET].cell(*DELIVERABLES_PERIOD_CELL).value = period
    meta = wb[contract.META_SHEET]
    meta.cell(contract.META_KEYS.index("period") + 1, 2).value = period
    meta.cell(contract.META_KEYS.index("generated_at") + 1, 2).value = generated_at.isoformat(
        timespec="seconds"
    )
    wb.properties.created = wb.properties.modified = utc_naive(generated_at)


def type_values(
    wb: Workbook, progress_rows: list[list[object]], deliverable_rows: list[list[object]]
) -> None:
    """Copy the input cells (填报人, 联系电话, values, notes, statuses) from rows laid out like
    progress_sheet_rows and deliverable_sheet_rows into a built template, as a unit would type them."""
    progress = wb[contract.PROGRESS_SHEET]
    for key in ("reporter", "phone"):
        row, column = header_value_cell(key)
        progress.cell(row, column).value = progress_rows[row - 1][column - 1]
    for row in range(FIRST_MEASURE_ROW, len(progress_rows) + 1):
        for key in ("month_value", "ytd_value", "note"):
            column = column_number(key)
            progress.cell(row, column).value = progress_rows[row - 1][column - 1]
    projects = wb[contract.DELIVERABLES_SHEET]
    for row in range(FIRST_DELIVERABLE_ROW, len(deliverable_rows) + 1):
        for key in ("status", "note"):
            column = column_number(key, contract.DELIVERABLE_COLUMNS)
            projects.cell(row, column).value = deliverable_rows[row - 1][column - 1]


def _restamped(data: bytes, when: datetime) -> bytes:
    """The same archive with every entry dated `when`, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = info.compress_type
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info))
    return out.getvalue()


def save_workbook(wb: Workbook, path: Path) -> Path:
    """Save keeping the workbook's own last-modified time (Workbook.save would set it to now) and
    dating the zip entries at it, so the same content gives the same bytes."""
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    path.write_bytes(_restamped(buffer.getvalue(), wb.properties.modified))
    return path


def write_template(unit_code: str, period: str, path: Path) -> Path:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", period):
        raise ValueError(
            f"报送月份应写成 YYYY-MM，收到“{period}”。 / The period must be YYYY-MM; got {period!r}."
        )
    generated_at = datetime.now(ZoneInfo(settings.TIMEZONE)).replace(microsecond=0)
    return save_workbook(build_template(unit_code, period, generated_at), path)


def write_templates(period: str, out_dir: Path) -> list[Path]:
    """One template per submitting unit, named as the reader expects."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return [
        write_template(unit.code, period, out_dir / contract.template_file_name(period, unit.code, unit.name))
        for unit in reference.submitting_units()
    ]
