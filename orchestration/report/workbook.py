"""The bulletin's workbook (通报.xlsx): the page's tables as print-ready sheets, one table a sheet.

Column sets shared with the unit feedback (compliance, deliverables, messages) live here too.
"""

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from orchestration import settings
from orchestration.report.data import Bulletin, Row
from orchestration.report.headline import Headline
from orchestration.report.tables import (
    DATE,
    DATETIME,
    INTEGER,
    PERCENT,
    POINTS,
    Column,
    field,
    measure_format,
    new_sheet,
    save,
    text_lines,
    title_rows,
    write_table,
)

_STATUS_RAG = field("rag")
SUMMARY_LABELS = {
    "period": "月份",
    "period_label": "月份名称",
    "month": "期数",
    "due_date": "报送截止日",
    "measures_total": "指标总数",
    "measures_not_aggregated": "比率指标（无全区数）",
    "measures_done": "全区已完成（达到目标）指标",
    "measures_on_track": "全区达到序时进度指标",
    "measures_behind": "全区落后指标（低于序时进度、未达目标、年末未完成）",
    "measures_behind_red": "其中红色预警",
    "measures_not_reported": "无数据指标",
    "measures_to_resubmit": "待补报指标",
    "measures_to_verify": "待核实指标",
    "units_expected": "应报送单位",
    "units_on_time": "按时报送",
    "units_late": "逾期报送",
    "units_rejected": "被拒收",
    "units_missing": "未报送",
    "units_not_due": "未到期",
    "units_to_chase": "需催报单位",
    "units_behind": "有指标落后的单位",
    "units_behind_red": "有红色预警指标的单位",
    "deliverables_total": "点名项目总数",
    "deliverables_no_owner": "未明确责任单位的项目",
    "deliverables_tracked": "有责任单位的项目",
    "deliverables_done": "已完成项目",
    "deliverables_not_reported": "未报告进展项目",
    "files_received": "收到文件",
    "files_rejected": "拒收文件",
    "on_track_tolerance_points": "达到序时进度的容差（1月，百分点，逐月收窄至12月为0）",
    "red_gap_points": "红色预警线（落后百分点）",
}


def _district_columns() -> list[Column]:
    def not_aggregated(key: str) -> Callable[[Row], Any]:
        return lambda r: "无全区数" if r["aggregation"] == "not_aggregated" else r[key]

    return [
        Column("指标编码", field("measure_code"), 9),
        Column("指标", field("measure_name"), 26),
        Column("类别", field("item_group"), 9),
        Column("计量单位", field("uom"), 7),
        Column("年度目标", field("district_target"), 10, measure_format),
        Column("本月完成", not_aggregated("month_value"), 10, measure_format),
        Column("累计完成", not_aggregated("ytd_value"), 10, measure_format),
        Column("完成率(%)", not_aggregated("completion_pct"), 9, PERCENT),
        Column("应完成(%)", field("expected_pct"), 9, PERCENT),
        Column("差距(百分点)", not_aggregated("gap_points"), 9, POINTS),
        Column("状态", field("status"), 12, rag=_STATUS_RAG),
        Column(
            "汇总口径",
            lambda r: {
                "owner_figure": f"{r['sole_unit_name'] or ''}承担",
                "sum_of_units": f"{r['units_reported']}/{r['units_expected']}个单位之和",
            }.get(r["aggregation"], "比率分解到各单位，全区数须由牵头单位报送"),
            20,
        ),
    ]


def _status_count_columns() -> list[Column]:
    def count(key: str, rag: str) -> Column:
        label = {
            "units_done": "完成或达到目标",
            "units_on_track": "达到序时进度",
            "units_behind_yellow": "落后(黄)",
            "units_behind_red": "落后(红)",
            "units_not_reported": "未报送",
            "units_to_resubmit": "待补报",
            "units_to_verify": "待核实",
        }[key]
        return Column(label, field(key), 11, INTEGER, rag=lambda r: rag if r[key] else None)

    return [
        Column("指标编码", field("measure_code"), 9),
        Column("指标", field("measure_name"), 26),
        Column("有目标单位", field("units_with_target"), 10, INTEGER),
        count("units_done", "green"),
        count("units_on_track", "green"),
        count("units_behind_yellow", "yellow"),
        count("units_behind_red", "red"),
        count("units_not_reported", "grey"),
        count("units_to_verify", "grey"),
        count("units_to_resubmit", "grey"),
    ]


def scorecard_columns(note_label: str) -> list[Column]:
    """A unit's progress on each measure, as mart_unit_scorecard gives it (bulletin and feedback)."""
    return [
        Column("指标编码", field("measure_code"), 9),
        Column("指标", field("measure_name"), 24),
        Column("计量单位", field("uom"), 7),
        Column("年度目标", field("target_value"), 10, measure_format),
        Column("本月完成", field("month_value"), 10, measure_format),
        Column("累计完成", field("ytd_value"), 10, measure_format),
        Column("完成率(%)", field("completion_pct"), 9, PERCENT),
        Column("应完成(%)", field("expected_pct"), 9, PERCENT),
        Column("差距(百分点)", field("gap_points"), 9, POINTS),
        Column("状态", field("status"), 12, rag=_STATUS_RAG),
        Column("计划完成月份", field("planned_month"), 8, INTEGER),
        Column("排名", field("rank_in_measure"), 6, INTEGER),
        Column("参与排名单位数", field("units_ranked"), 8, INTEGER),
        Column(note_label, field("note"), 40, wrap=True),
    ]


def _unit_detail_columns() -> list[Column]:
    return [
        Column("单位编码", field("unit_code"), 8),
        Column("单位", field("unit_name"), 13),
        *scorecard_columns("情况说明（单位填报）"),
    ]


def compliance_columns() -> list[Column]:
    return [
        Column("单位编码", field("unit_code"), 8),
        Column("单位", field("unit_name"), 13),
        Column("类型", field("unit_type"), 8),
        Column("报送情况", field("status_zh"), 10, rag=field("rag")),
        Column("截止日", field("due_date"), 11, DATE),
        Column("收到文件", field("files_received"), 8, INTEGER),
        Column("其中拒收", field("files_rejected"), 8, INTEGER),
        Column("首次收到时间", field("first_received_at"), 16, DATETIME),
        Column("首份有效报表", field("first_accepted_at"), 16, DATETIME),
        Column("逾期天数", field("days_late"), 8, INTEGER),
        Column("有更正", lambda r: "是" if r["has_correction"] else "", 7),
        Column("需催报", lambda r: "是" if r["needs_chasing"] else "", 7),
    ]


def _chase_columns() -> list[Column]:
    return [
        Column("单位编码", field("unit_code"), 8),
        Column("单位", field("unit_name"), 13),
        Column("情况", field("status_zh"), 10, rag=field("rag")),
        Column("办理", field("action_zh"), 10),
        Column("截止日", field("due_date"), 11, DATE),
        Column("逾期天数", field("days_late"), 8, INTEGER),
        Column("本年逾期次数", field("times_late_ytd"), 9, INTEGER),
        Column("本年催报次数", field("times_chased_ytd"), 9, INTEGER),
        Column("最近收到的文件", field("latest_file_name"), 30, wrap=True),
        Column("拒收原因", field("rejection_reason_zh"), 45, wrap=True),
    ]


def _trend_columns() -> list[Column]:
    return [
        Column("月份", field("period_label"), 11),
        Column("应报单位", field("units_expected"), 9, INTEGER),
        Column("按时报送", field("units_on_time"), 9, INTEGER, rag=lambda r: "green"),
        Column(
            "逾期报送", field("units_late"), 9, INTEGER, rag=lambda r: "yellow" if r["units_late"] else None
        ),
        Column(
            "被拒收",
            field("units_rejected"),
            9,
            INTEGER,
            rag=lambda r: "red" if r["units_rejected"] else None,
        ),
        Column(
            "未报送", field("units_missing"), 9, INTEGER, rag=lambda r: "red" if r["units_missing"] else None
        ),
        Column("未到期", field("units_not_due"), 9, INTEGER),
        Column("需催报", field("units_to_chase"), 9, INTEGER),
        Column("收到文件", field("files_received"), 9, INTEGER),
        Column("拒收文件", field("files_rejected"), 9, INTEGER),
    ]


def deliverable_columns() -> list[Column]:
    return [
        Column("项目编码", field("deliverable_code"), 11),
        Column("项目名称", field("deliverable_name"), 34, wrap=True),
        Column("所属指标", field("measure_name"), 18),
        Column("责任单位", field("unit_name"), 13),
        Column(
            "进展状态",
            field("status_name"),
            10,
            rag=lambda r: "green" if r["is_done"] else ("grey" if r["status_code"] is None else "yellow"),
        ),
        Column("说明（单位填报）", field("note"), 40, wrap=True),
    ]


def _finding_columns() -> list[Column]:
    return [
        Column("类别", lambda r: "方案文本" if r["suite"] == "reference" else "报送数据", 9),
        Column("检查", field("check_name"), 30),
        Column(
            "级别",
            lambda r: "错误" if r["severity"] == "error" else "警告",
            7,
            rag=lambda r: "red" if r["severity"] == "error" else "yellow",
        ),
        Column("检查的意义", field("why_zh"), 40, wrap=True),
        Column("指标编码", field("measure_code"), 9),
        Column("单位编码", field("unit_code"), 8),
        Column("月份", field("period"), 9),
        Column("发现", field("message_zh"), 55, wrap=True),
    ]


def message_columns(with_unit: bool) -> list[Column]:
    columns = [
        Column("文件", field("file_name"), 30, wrap=True),
        Column("工作表", field("sheet"), 12),
        Column("行", field("row_no"), 6, INTEGER),
        Column("列", field("column_ref"), 6),
        Column(
            "类别", field("severity_zh"), 7, rag=lambda r: "red" if r["severity"] == "error" else "yellow"
        ),
        Column("问题及修改方法", field("message_zh"), 60, wrap=True),
    ]
    if with_unit:
        columns.insert(0, Column("单位", lambda r: r["unit_name"] or "未识别单位", 13))
    return columns


def _matrix(sheet: Worksheet, bulletin: Bulletin, start_row: int) -> None:
    """Units × split measures: completion % or a rate（rank）, coloured by status; — where no target."""
    measures = bulletin.split_measures
    cells = {(r["unit_code"], r["measure_code"]): r for r in bulletin.scorecard}
    units = [
        u for u in bulletin.unit_status if any((u["unit_code"], m["measure_code"]) in cells for m in measures)
    ]
    columns = [Column("单位", field("unit_name"), 13)]
    for measure in measures:
        code = measure["measure_code"]

        def text(unit: Row, code: str = code) -> str:
            cell = cells.get((unit["unit_code"], code))
            if cell is None:
                return "—"
            if cell["rank_in_measure"] is None:
                return cell["status"]
            return f"{cell['score_value']:.1f}（{cell['rank_in_measure']}）"

        def rag(unit: Row, code: str = code) -> str | None:
            cell = cells.get((unit["unit_code"], code))
            return cell["rag"] if cell else None

        columns.append(Column(f"{measure['measure_name']}\n{code}", text, 11, rag=rag))
    write_table(sheet, columns, units, start_row)
    sheet.row_dimensions[start_row].height = 58
    for index in range(2, len(columns) + 1):
        for row in range(start_row + 1, start_row + len(units) + 1):
            sheet.cell(row=row, column=index).alignment = Alignment(horizontal="center", vertical="center")


def _table_sheet(
    workbook: Workbook,
    name: str,
    title: str,
    subtitle: str,
    columns: list[Column],
    rows: Sequence[Row],
    landscape: bool,
) -> None:
    sheet = new_sheet(workbook, name, landscape)
    write_table(sheet, columns, rows, title_rows(sheet, title, subtitle, len(columns)))


def write_bulletin(bulletin: Bulletin, headline: Headline, issued: date, path: Path) -> Path:
    workbook = Workbook()
    label = bulletin.period_label
    subtitle = f"{settings.issuing_organ()}　{issued.year}年{issued.month}月{issued.day}日　数据：已发布的指标仓库（marts）"

    sheet = new_sheet(workbook, "总体情况")
    row = title_rows(sheet, f"东西湖区科技创新提能工作月度通报（{label}）", subtitle, 6)
    if bulletin.is_demo:
        row = text_lines(sheet, ["本期通报依据演示数据（合成）生成，不是真实报送。"], row, 6, 18)
    row = text_lines(sheet, headline.sentences, row, 6, 48)
    if headline.confirmed_numbers:
        row = text_lines(sheet, ["已确认口径：", *headline.confirmed_numbers], row, 6, 18)
    if headline.plan_numbers:
        row = text_lines(
            sheet, ["方案文本中前后不一致、需牵头单位确认口径的数字：", *headline.plan_numbers], row, 6, 18
        )
    summary_rows = [
        {"label": SUMMARY_LABELS.get(key, key), "column": key, "value": value}
        for key, value in bulletin.summary.items()
    ]
    summary_columns = [
        Column("项目", field("label"), 30),
        Column("数值", field("value"), 14, INTEGER),
        Column("mart_bulletin_summary 列", field("column"), 26),
    ]
    write_table(sheet, summary_columns, summary_rows, row, freeze=False)
    for letter in "DEF":
        sheet.column_dimensions[letter].width = 12

    tables: list[tuple[str, str, list[Column], Sequence[Row], bool]] = [
        ("全区进展", f"全区指标进展（{label}）", _district_columns(), bulletin.district, True),
        (
            "单位状态统计",
            f"各分解指标的单位完成状态（{label}，单位数）",
            _status_count_columns(),
            bulletin.split_measures,
            False,
        ),
        (
            "单位明细",
            f"各单位各指标完成情况及排名（{label}）",
            _unit_detail_columns(),
            bulletin.scorecard,
            True,
        ),
        ("报送情况", f"各单位报送情况（{label}）", compliance_columns(), bulletin.compliance, True),
        ("催报名单", f"需催报和逾期报送的单位（{label}）", _chase_columns(), bulletin.chase, True),
        ("各月报送", f"各月报送情况（截至{label}）", _trend_columns(), bulletin.trend, True),
        ("重点项目", f"重点项目进展（{label}）", deliverable_columns(), bulletin.deliverables, True),
        (
            "数据质量",
            "数据质量检查发现（含方案文本自身的不一致）",
            _finding_columns(),
            bulletin.findings,
            True,
        ),
        ("文件问题", f"本月报送文件的问题（{label}）", message_columns(True), bulletin.file_messages, True),
    ]
    for name, title, columns, rows, landscape in tables[:2]:
        _table_sheet(workbook, name, title, subtitle, columns, rows, landscape)
    matrix = new_sheet(workbook, "分解指标排名", landscape=True)
    matrix_row = title_rows(
        matrix,
        f"分解指标完成率及排名（{label}，完成率%，括号内为排名）",
        subtitle + "　“—”为未分解该项任务",
        12,
    )
    _matrix(matrix, bulletin, matrix_row)
    for name, title, columns, rows, landscape in tables[2:]:
        _table_sheet(workbook, name, title, subtitle, columns, rows, landscape)
    return save(workbook, path)
