"""The monthly workbook a unit fills in (DESIGN.md section 5), laid out from the contract.

Sheet protection has no password: it keeps people from editing the pre-filled cells by accident,
and anyone who must change the layout can lift it under 审阅 → 撤销工作表保护.
"""

import io
import math
import re
import unicodedata
import zipfile
from datetime import UTC, date, datetime
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

# Progress sheet: title in row 1, the header block in rows 2-5, the instructions, a blank row, then
# the table. The version is stamped in the hidden _meta sheet only: the clerk sees no version.
HEADER_BLOCK = (("unit", "unit_code"), ("period",), ("reporter", "phone"), ("reviewer", "filled_on"))
HEADER_LABEL_COLUMNS = (1, 4)  # A and D; each value sits in the next column (B and E)
HEADER_INPUTS = {
    "reporter": "请填写填报人姓名。",
    "phone": "请填写填报人的手机或办公电话，以便核对数据时联系。",
    "reviewer": "请填写审核本表的负责人姓名。",
    "filled_on": "请按“年-月-日”填写填报日期。",
}
INSTRUCTIONS_ROW = 2 + len(HEADER_BLOCK)
PROGRESS_HEADER_ROW = INSTRUCTIONS_ROW + 2
FIRST_MEASURE_ROW = PROGRESS_HEADER_ROW + 1
# Projects sheet: title in row 1, unit and month in row 2 laid out as above, a blank row, the table.
DELIVERABLES_HEADER_PAIR = ("unit", "period")
DELIVERABLES_PERIOD_CELL = (2, HEADER_LABEL_COLUMNS[1] + 1)
DELIVERABLES_HEADER_ROW = 4
FIRST_DELIVERABLE_ROW = DELIVERABLES_HEADER_ROW + 1

# The narrowest each column may be; labels and headers widen a column to fit (see _fit).
_PROGRESS_WIDTHS = {"seq": 6, "measure_code": 11, "measure_name": 34, "uom": 10, "annual_target": 12}
_DELIVERABLE_WIDTHS = {"seq": 6, "deliverable_code": 12, "deliverable_name": 46, "measure": 26, "status": 14}
_INPUT_WIDTH = 14
_NOTE_WIDTH = 40
# Column widths count in the width of a digit: a Chinese (full-width) character takes two.
_PADDING = 2
_LINE_HEIGHT = 15  # points per line of 11-point text
_FONT_SIZE = 11

_FIELDS = {f.key: f for f in contract.HEADER_FIELDS}
_COLUMN_LABELS = {f.key: f.label for f in contract.PROGRESS_COLUMNS}
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TITLE_FONT = Font(name="宋体", size=16, bold=True)
_BOLD = Font(name="宋体", size=_FONT_SIZE, bold=True)
_PLAIN = Font(name="宋体", size=_FONT_SIZE)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_TOP_LEFT = Alignment(wrap_text=True, vertical="top")
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


def text_width(text: str, size: float = _FONT_SIZE) -> float:
    """How wide a line of text is in column-width units: two for a Chinese (wide, full-width or
    ambiguous-width, such as “ ”) character, one for others, scaled by the font size."""
    units = sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)
    return units * size / _FONT_SIZE


def due_date(period: str) -> date:
    """Files for month M are due on the due day of month M+1."""
    year, month = (int(part) for part in period.split("-"))
    return date(year + month // 12, month % 12 + 1, settings.submission_due_day())


def instructions(period: str) -> str:
    """What the clerk needs to know to send the report: when, how, and whom to ask."""
    due = due_date(period)
    how = f"填好后保存本表（文件名保持不变），放入“{settings.submission_folder()}”中的“{period}”子文件夹"
    portal = settings.portal_url()
    how += f"，或登录报送平台 {portal} 上传。" if portal else "。"
    phone = settings.contact_phone()
    contact = f"联系人：{settings.contact()}" + (f"；联系电话：{phone}" if phone else "")
    return "\n".join(
        (
            f"{contract.INSTRUCTIONS_HEADING}：",
            f"1. 报送截止日：{due.year}年{due.month}月{due.day}日。",
            f"2. 报送方式：{how}",
            f"3. {contact}。",
            "4. 黄色单元格由本单位填写，其余内容已锁定；“填报人”和“联系电话”请务必填写。",
        )
    )


def plan_year(period: str) -> int:
    """The plan a template for `period` (YYYY-MM) carries: that year's."""
    return int(period[:4])


def cell_number(value: float | None) -> float | int | None:
    """Whole numbers as int, so a cell shows 12 rather than 12.0."""
    return int(value) if value is not None and float(value).is_integer() else value


def _header_row(pair: tuple[str, ...], unit_code: str, period: str, width: int) -> list[object]:
    """Label and value cells of one header-block row; the HEADER_INPUTS are left to the unit."""
    identity = {"unit": reference.units()[unit_code].name, "unit_code": unit_code, "period": period}
    row: list[object] = [None] * width
    for key, column in zip(pair, HEADER_LABEL_COLUMNS, strict=False):
        row[column - 1] = _FIELDS[key].label
        row[column] = identity.get(key)
    return row


def progress_sheet_rows(unit_code: str, period: str) -> list[list[object]]:
    """Cell values of the blank progress sheet, row by row, as the template lays them out."""
    width = len(contract.PROGRESS_COLUMNS)
    rows: list[list[object]] = [[contract.TITLE] + [None] * (width - 1)]
    rows += [_header_row(pair, unit_code, period, width) for pair in HEADER_BLOCK]
    rows.append([instructions(period)] + [None] * (width - 1))
    rows.append([None] * width)
    rows.append([f.label for f in contract.PROGRESS_COLUMNS])
    measures = reference.measures(plan_year(period))
    for seq, assignment in enumerate(reference.assignments_for(plan_year(period), unit_code), start=1):
        measure = measures[assignment.measure_code]
        rows.append(
            [seq, measure.code, measure.name, measure.uom, cell_number(assignment.target), None, None, None]
        )
    return rows


def deliverable_sheet_rows(unit_code: str, period: str) -> list[list[object]]:
    """Cell values of the blank projects sheet, row by row."""
    measures = reference.measures(plan_year(period))
    width = len(contract.DELIVERABLE_COLUMNS)
    rows: list[list[object]] = [
        [f"{contract.TITLE}（重点项目）"] + [None] * (width - 1),
        _header_row(DELIVERABLES_HEADER_PAIR, unit_code, period, width),
        [None] * width,
        [f.label for f in contract.DELIVERABLE_COLUMNS],
    ]
    for seq, item in enumerate(reference.deliverables_for(plan_year(period), unit_code), start=1):
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
    ws.row_dimensions[header_row].height = 24


def _style_header_row(ws: Worksheet, row: int) -> None:
    """Labels in bold; each value in two merged cells, kept as text (2021-01 stays 2021-01)."""
    for column in HEADER_LABEL_COLUMNS:
        if ws.cell(row, column).value is None:
            continue
        ws.cell(row, column).font = _BOLD
        ws.cell(row, column + 1).number_format = "@"
        ws.merge_cells(start_row=row, start_column=column + 1, end_row=row, end_column=column + 2)


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


def _text_cells(ws: Worksheet, rows: range):
    """(cell, the columns it spans) of the text cells in `rows`, a merged range as its first cell."""
    spans = {(r.min_row, r.min_col): range(r.min_col, r.max_col + 1) for r in ws.merged_cells.ranges}
    for row in rows:
        for cell in ws[row]:  # the other cells of a merged range hold no value
            if isinstance(cell.value, str):
                yield cell, spans.get((cell.row, cell.column), range(cell.column, cell.column + 1))


def _fit(
    ws: Worksheet, label_rows: range, columns: tuple[contract.Field, ...], widths: dict[str, int]
) -> None:
    """Columns wide enough for every label and header in `label_rows` at 100% zoom (each column
    at least its width in `widths`), and rows tall enough for what wraps in a merged range."""
    fitted = {
        number: widths.get(f.key, _NOTE_WIDTH if f.key == "note" else _INPUT_WIDTH)
        for number, f in enumerate(columns, start=1)
    }
    cells = list(_text_cells(ws, label_rows))
    for cell, span in cells:
        if len(span) == 1:
            size = cell.font.sz or _FONT_SIZE
            needed = max(text_width(line, size) for line in cell.value.splitlines()) + _PADDING
            fitted[cell.column] = max(fitted[cell.column], math.ceil(needed))
    for number, width in fitted.items():
        ws.column_dimensions[get_column_letter(number)].width = width
    for cell, span in cells:
        available = sum(fitted[number] for number in span) - _PADDING
        size = cell.font.sz or _FONT_SIZE
        lines = sum(max(1, math.ceil(text_width(line, size) / available)) for line in cell.value.splitlines())
        if lines > 1:
            height = lines * _LINE_HEIGHT * size / _FONT_SIZE
            ws.row_dimensions[cell.row].height = max(ws.row_dimensions[cell.row].height or 0, height)


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
    for row in range(2, INSTRUCTIONS_ROW):
        _style_header_row(ws, row)
    for key, prompt in HEADER_INPUTS.items():
        row, column = header_value_cell(key)
        _unlock(ws, row, column)
        validation = _prompt_only(_FIELDS[key].label, prompt)
        validation.add(ws.cell(row, column))
        ws.add_data_validation(validation)
    ws.merge_cells(start_row=INSTRUCTIONS_ROW, start_column=1, end_row=INSTRUCTIONS_ROW, end_column=width)
    ws.cell(INSTRUCTIONS_ROW, 1).alignment = _TOP_LEFT

    _style_table(ws, PROGRESS_HEADER_ROW, last_row, width)
    measures = reference.measures(plan_year(period))
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
    _fit(ws, range(1, PROGRESS_HEADER_ROW + 1), contract.PROGRESS_COLUMNS, _PROGRESS_WIDTHS)
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
    _fit(ws, range(1, DELIVERABLES_HEADER_ROW + 1), contract.DELIVERABLE_COLUMNS, _DELIVERABLE_WIDTHS)
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
    """Copy the input cells (填报人, 联系电话, 审核人, 填报日期, values, notes, statuses) from rows laid out like
    progress_sheet_rows and deliverable_sheet_rows into a built template, as a unit would type them."""
    progress = wb[contract.PROGRESS_SHEET]
    for key in HEADER_INPUTS:
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
        for unit in reference.submitting_units(plan_year(period))
    ]
