"""Per-unit feedback (报送反馈单): what each submitting unit is told about its month.

One workbook and one page per unit: its submission status and files, every message about its
files (sheet, row, column, what to fix), the check findings about its data, and its own progress
against target and 序时进度. Files are named <unit code>_<unit name>.xlsx / .html.
"""

import math
import re
import unicodedata
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from orchestration import settings
from orchestration.report import tables as xlsx
from orchestration.report import workbook
from orchestration.report.data import Bulletin, UnitFeedback
from orchestration.report.tables import (
    DATE,
    DATETIME,
    INTEGER,
    Column,
    field,
)

_UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\s]+')
_MESSAGES_SHEET = "需要修改的问题"
_LINE_HEIGHT = 13.5  # points per line of the tables' 10-point text, with the spacing WPS adds


def file_stem(feedback: UnitFeedback) -> str:
    unit = feedback.unit
    return _UNSAFE_IN_FILE_NAMES.sub("_", f"{unit['unit_code']}_{unit['unit_name']}")


def _file_columns() -> list[Column]:
    return [
        Column("文件", field("file_name"), 34, wrap=True),
        Column("收到时间", field("received_at"), 16, DATETIME),
        Column(
            "处理结果",
            field("status_zh"),
            14,
            rag=lambda r: {"accepted": "green", "rejected": "red"}.get(r["status"], "yellow"),
        ),
        Column("版本", field("version"), 6, INTEGER),
        Column("当前有效", lambda r: "是" if r["is_current"] else "", 8),
        Column("科经局审核", _review, 20, wrap=True),
        Column("逾期天数", field("days_late"), 8, INTEGER),
        Column("错误", field("error_count"), 6, INTEGER),
        Column("提示", field("warning_count"), 6, INTEGER),
    ]


def _review(file: dict) -> str:
    """接收 / 退回 and the reason, as the office decided."""
    return "：".join(text for text in (file["review_state_zh"], file["review_reason"]) if text)


def _finding_columns() -> list[Column]:
    return [
        Column("检查的意义", field("why_zh"), 40, wrap=True),
        Column(
            "级别",
            lambda r: "错误" if r["severity"] == "error" else "警告",
            7,
            rag=lambda r: "red" if r["severity"] == "error" else "yellow",
        ),
        Column("月份", field("period"), 9),
        Column("指标编码", field("measure_code"), 9),
        Column("发现", field("message_zh"), 60, wrap=True),
    ]


def _status_rows(bulletin: Bulletin, feedback: UnitFeedback) -> list[dict]:
    c, u = feedback.compliance, feedback.unit
    return [
        {"item": "报送月份", "value": bulletin.period_label},
        {"item": "截止日", "value": c["due_date"], "format": DATE},
        {"item": "报送情况", "value": c["status_zh"], "rag": c["rag"]},
        {"item": "逾期天数", "value": c["days_late"]},
        {"item": "收到文件", "value": c["files_received"]},
        {"item": "其中拒收", "value": c["files_rejected"]},
        {"item": "需要重新报送", "value": "是" if c["needs_chasing"] else "否"},
        {"item": "逾期说明", "value": c["excuse_reason"]},
        {"item": "退回理由", "value": c["return_reason"]},
        {"item": "有目标的指标", "value": u["measures_total"]},
        {"item": "完成或达到目标", "value": u["measures_done"]},
        {"item": "达到序时进度", "value": u["measures_on_track"]},
        {"item": "落后（低于序时进度、未达目标或年末未完成）", "value": u["measures_behind"]},
        {"item": "其中红色预警", "value": u["measures_behind_red"]},
        {"item": "待核实（数值疑似填错，暂不计分）", "value": u["measures_to_verify"]},
        {"item": "待补报（缺累计数等，未计分）", "value": u["measures_to_resubmit"]},
        {"item": "未报送", "value": u["measures_not_reported"]},
    ]


def write_workbook(bulletin: Bulletin, feedback: UnitFeedback, issued: date, path: Path) -> Path:
    book = Workbook()
    unit = feedback.unit
    label = bulletin.period_label
    subtitle = f"{settings.issuing_organ()}　{issued.year}年{issued.month}月{issued.day}日　单位编码 {unit['unit_code']}"

    sheet = xlsx.new_sheet(book, "报送情况")
    row = xlsx.title_rows(sheet, f"{unit['unit_name']} {label}报送反馈单", subtitle, 8)
    if bulletin.is_demo:
        row = xlsx.text_lines(sheet, ["本反馈单依据演示数据（合成）生成，不是真实报送。"], row, 8, 18)
    status_columns = [
        Column("项目", field("item"), 34),
        Column("情况", field("value"), 16, lambda r: r.get("format", INTEGER), rag=lambda r: r.get("rag")),
    ]
    row = xlsx.write_table(sheet, status_columns, _status_rows(bulletin, feedback), row, freeze=False)
    xlsx.write_table(sheet, _file_columns(), feedback.files, row, freeze=False)

    sheets = [
        (
            _MESSAGES_SHEET,
            f"{unit['unit_name']}：需要修改的问题（{label}）",
            workbook.message_columns(False),
            feedback.messages,
        ),
        ("数据检查", f"{unit['unit_name']}：数据检查发现", _finding_columns(), feedback.findings),
        (
            "指标进展",
            f"{unit['unit_name']}：本单位指标进展（{label}）",
            workbook.scorecard_columns("情况说明（本单位填报）"),
            feedback.progress,
        ),
        (
            "重点项目",
            f"{unit['unit_name']}：本单位重点项目（{label}）",
            workbook.deliverable_columns(),
            feedback.deliverables,
        ),
    ]
    for name, title, columns, rows in sheets:
        sheet = xlsx.new_sheet(book, name, landscape=len(columns) > 8 or name == _MESSAGES_SHEET)
        start = xlsx.title_rows(sheet, title, subtitle, len(columns))
        xlsx.write_table(sheet, columns, rows, start)
        _fit_row_heights(sheet, columns, start)
    return xlsx.save(book, path)


def _lines(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column `width` wide (a Chinese character is two units)."""
    return sum(
        max(
            1,
            math.ceil(sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in line) / (width - 1)),
        )
        for line in text.splitlines() or [""]
    )


def _fit_row_heights(sheet: Worksheet, columns: list[Column], header_row: int) -> None:
    """Each row tall enough for its wrapped texts, so a long message prints in full: spreadsheets
    do not all fit a row to its text when they open a file."""
    for row in range(header_row + 1, sheet.max_row + 1):
        lines = max(
            _lines(value, column.width) if isinstance(value := sheet.cell(row, number).value, str) else 1
            for number, column in enumerate(columns, start=1)
        )
        if lines > 1:
            sheet.row_dimensions[row].height = lines * _LINE_HEIGHT
