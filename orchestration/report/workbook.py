"""The bulletin's workbook (通报.xlsx): the page's tables as print-ready sheets, one table a sheet,
for people to read, sort and print: Chinese headings, numbers as numbers, the page's charts as
native Excel charts under the tables they draw (workbook_charts.py).

Column sets shared with the unit feedback (compliance, deliverables, messages) live here too.
"""

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from orchestration import settings
from orchestration.report import charts, workbook_charts
from orchestration.report.data import Bulletin, Row
from orchestration.report.headline import Headline
from orchestration.report.tables import (
    DATE,
    DATETIME,
    DECIMAL,
    INTEGER,
    PERCENT,
    POINTS,
    Column,
    Table,
    field,
    heading_row,
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
                "sum_of_units": "各单位之和",
            }.get(r["aggregation"], "比率分解到各单位，全区数须由牵头单位报送"),
            20,
        ),
        Column("已报单位", field("units_reported"), 8, INTEGER),
        Column("应报单位", field("units_expected"), 8, INTEGER),
    ]


def _completion_columns() -> list[Column]:
    """The district chart's numbers: the measures charts.district_charted draws."""
    return [
        Column("指标编码", field("measure_code"), 9),
        Column("指标", lambda r: f"{r['measure_name']}（{r['measure_code']}）", 34),
        Column("完成率(%)", field("completion_pct"), 10, PERCENT),
        Column("应完成(%)", field("expected_pct"), 10, PERCENT),
        Column("状态", field("status"), 12, rag=_STATUS_RAG),
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


def _trend_columns(statuses: Sequence[Row]) -> list[Column]:
    """Units by submission status month by month, a column per status (dim_submission_status)."""

    def count(status: Row) -> Column:
        key = f"units_{status['status']}"
        return Column(
            status["status_zh"], field(key), 9, INTEGER, rag=lambda r: status["rag"] if r[key] else None
        )

    return [
        Column("月份", field("period_label"), 11),
        Column("应报单位", field("units_expected"), 9, INTEGER),
        *(count(status) for status in statuses),
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


def _ranking_columns(bulletin: Bulletin) -> tuple[list[Column], list[Row]]:
    """Units × split measures: per measure its score (completion %, or a rate itself) and rank,
    both numbers; a unit not ranked has the reason instead of the score, — where it has no target."""
    cells = {(r["unit_code"], r["measure_code"]): r for r in bulletin.scorecard}
    measures = bulletin.split_measures
    units = [
        u for u in bulletin.unit_status if any((u["unit_code"], m["measure_code"]) in cells for m in measures)
    ]
    columns = [Column("单位", field("unit_name"), 13)]
    for measure in measures:
        columns += _measure_rank_columns(measure, cells)
    return columns, units


def _measure_rank_columns(measure: Row, cells: dict[tuple[str, str], Row]) -> list[Column]:
    code = measure["measure_code"]

    def cell(unit: Row) -> Row | None:
        return cells.get((unit["unit_code"], code))

    def score(unit: Row) -> float | str:
        found = cell(unit)
        if found is None:
            return "—"
        return found["status"] if found["rank_in_measure"] is None else found["score_value"]

    def rank(unit: Row) -> int | None:
        found = cell(unit)
        return found["rank_in_measure"] if found else None

    def rag(unit: Row) -> str | None:
        found = cell(unit)
        return found["rag"] if found else None

    group = f"{measure['measure_name']}\n{code}"
    score_header = "增速(%)" if measure["progress_basis"] == "rate" else "完成率(%)"
    return [
        Column(score_header, score, 7, DECIMAL, rag=rag, group=group),
        Column("排名", rank, 5, INTEGER, rag=rag, group=group),
    ]


def _table_sheet(
    workbook: Workbook,
    name: str,
    title: str,
    subtitle: str,
    columns: list[Column],
    rows: Sequence[Row],
    landscape: bool,
    frozen_columns: int = 0,
) -> Table:
    sheet = new_sheet(workbook, name, landscape)
    start_row = title_rows(sheet, title, subtitle, len(columns))
    write_table(sheet, columns, rows, start_row, frozen_columns=frozen_columns)
    return Table(sheet, heading_row(columns, start_row), len(rows))


def _overview(workbook: Workbook, bulletin: Bulletin, headline: Headline, subtitle: str) -> None:
    """总体情况: the headline's sentences, and the plan's numbers settled or still in question."""
    sheet = new_sheet(workbook, "总体情况")
    row = title_rows(sheet, f"东西湖区科技创新提能工作月度通报（{bulletin.period_label}）", subtitle, 6)
    sheet.freeze_panes = "A3"  # the title and subtitle stay in view
    if bulletin.is_demo:
        row = text_lines(sheet, ["本期通报依据演示数据（合成）生成，不是真实报送。"], row, 6, 18)
    row = text_lines(sheet, headline.sentences, row, 6, 48)
    if headline.confirmed_numbers:
        row = text_lines(sheet, ["已确认口径：", *headline.confirmed_numbers], row, 6, 18)
    if headline.plan_numbers:
        text_lines(
            sheet, ["方案文本中前后不一致、需牵头单位确认口径的数字：", *headline.plan_numbers], row, 6, 18
        )
    for letter in "ABCDEF":
        sheet.column_dimensions[letter].width = 16


def write_bulletin(bulletin: Bulletin, headline: Headline, issued: date, path: Path) -> Path:
    workbook = Workbook()
    label = bulletin.period_label
    subtitle = f"{settings.issuing_organ()}　{issued.year}年{issued.month}月{issued.day}日　数据：各单位报送并经审核发布的月度数据"

    def table(
        name: str,
        title: str,
        columns: list[Column],
        rows: Sequence[Row],
        landscape: bool = True,
        frozen_columns: int = 0,
        note: str = "",
    ) -> Table:
        return _table_sheet(workbook, name, title, subtitle + note, columns, rows, landscape, frozen_columns)

    _overview(workbook, bulletin, headline, subtitle)
    summary = [
        {"label": label_zh, "value": bulletin.summary[key]} for key, label_zh in SUMMARY_LABELS.items()
    ]
    table(
        "主要数字",
        f"本月主要数字（{label}）",
        [Column("项目", field("label"), 40), Column("数值", field("value"), 14, INTEGER)],
        summary,
        landscape=False,
    )
    table("全区进展", f"全区指标进展（{label}）", _district_columns(), bulletin.district)
    charted = charts.district_charted(bulletin.district)
    completion = table(
        "全区完成率",
        f"有全区数的指标：完成率与应完成（{label}）",
        _completion_columns(),
        charted,
        landscape=False,
    )
    workbook_charts.district_progress(completion, [r["rag"] for r in charted], label)
    table(
        "单位状态统计",
        f"各分解指标的单位完成状态（{label}，单位数）",
        _status_count_columns(),
        bulletin.split_measures,
        landscape=False,
    )
    ranking, units = _ranking_columns(bulletin)
    table(
        "分解指标排名",
        f"分解指标完成率（比率类为增速）及排名（{label}）",
        ranking,
        units,
        frozen_columns=1,
        note="　“—”为未分解该项任务；未参与排名的写明原因",
    )
    table("单位明细", f"各单位各指标完成情况及排名（{label}）", _unit_detail_columns(), bulletin.scorecard)
    table("报送情况", f"各单位报送情况（{label}）", compliance_columns(), bulletin.compliance)
    table("催报名单", f"需催报和逾期报送的单位（{label}）", _chase_columns(), bulletin.chase)
    statuses = bulletin.submission_statuses
    trend = table("各月报送", f"各月报送情况（截至{label}）", _trend_columns(statuses), bulletin.trend)
    workbook_charts.submission_trend(trend, statuses)
    table("重点项目", f"重点项目进展（{label}）", deliverable_columns(), bulletin.deliverables)
    table("数据质量", "数据质量检查发现（含方案文本自身的不一致）", _finding_columns(), bulletin.findings)
    table("文件问题", f"本月报送文件的问题（{label}）", message_columns(True), bulletin.file_messages)
    return save(workbook, path)
