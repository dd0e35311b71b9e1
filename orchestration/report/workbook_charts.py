"""The bulletin's charts as native Excel charts (openpyxl.chart), each below its table.

A chart draws the cells of the table on its sheet, so the numbers it is made of are in view, and
it shows the same series as the page's charts (charts.py): the district's completion against its
expected share, and the units by submission status month by month. Charts sit on worksheets, not
chart sheets, which LibreOffice prints blank.
"""

from collections.abc import Sequence

from openpyxl.chart import BarChart
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor
from openpyxl.worksheet.pagebreak import Break

from orchestration.report.charts import COMPLETION_AXIS_MAX
from orchestration.report.data import Row
from orchestration.report.palette import RAG_COLOURS
from orchestration.report.tables import Table

_EXPECTED_COLOUR = "9AA0A6"


def _fill(colour: str) -> GraphicalProperties:
    return GraphicalProperties(solidFill=colour.lstrip("#").upper())


def _below(table: Table, chart: BarChart, height_rows: int, new_page: bool = False) -> None:
    """The chart under the table, as wide as it, `height_rows` rows high; on a page of its own
    if asked (a chart cut by a page break prints in two halves)."""
    chart.x_axis.delete = False  # openpyxl hides axes unless told otherwise
    chart.y_axis.delete = False
    chart.legend.position = "t"
    top = table.last_row + 1  # 0-based: the row after the blank row that follows the table
    if new_page:
        table.sheet.row_breaks.append(Break(id=top))
    chart.anchor = TwoCellAnchor(
        _from=AnchorMarker(row=top, col=0), to=AnchorMarker(row=top + height_rows, col=table.sheet.max_column)
    )
    table.sheet.add_chart(chart)


def district_progress(table: Table, rags: Sequence[str], period_label: str) -> None:
    """Completion (coloured by status) and the expected share of each measure in `table`, on the
    page after it."""
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.title = f"全区指标完成率与应完成（{period_label}）"
    chart.x_axis.title = "指标"
    chart.y_axis.title = f"完成率（%，累计 ÷ 年度目标）；超过{COMPLETION_AXIS_MAX}%的画到边缘"
    chart.add_data(table.column("完成率(%)"), titles_from_data=True)
    chart.add_data(table.column("应完成(%)"), titles_from_data=True)
    chart.set_categories(table.column("指标", with_header=False))
    completion, expected = chart.series
    completion.graphicalProperties = _fill(RAG_COLOURS["green"])
    completion.dPt = [DataPoint(idx=index, spPr=_fill(RAG_COLOURS[rag])) for index, rag in enumerate(rags)]
    completion.dLbls = DataLabelList(showVal=True, showSerName=False, showCatName=False, showLegendKey=False)
    expected.graphicalProperties = _fill(_EXPECTED_COLOUR)
    chart.x_axis.scaling.orientation = "maxMin"  # the table's order, top to bottom
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = COMPLETION_AXIS_MAX
    chart.x_axis.tickLblSkip = 1  # every measure named, however many
    chart.gapWidth = 60
    _below(table, chart, height_rows=round(1.4 * table.rows) + 5, new_page=True)


def submission_trend(table: Table, statuses: Sequence[Row]) -> None:
    """Units by submission status, month by month: one stacked series per status, in its colour,
    below `table`."""
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "各月报送情况"
    chart.x_axis.title = "月份"
    chart.y_axis.title = "单位数"
    for status in statuses:
        chart.add_data(table.column(status["status_zh"]), titles_from_data=True)
        chart.series[-1].graphicalProperties = _fill(status["chart_colour"])
    chart.set_categories(table.column("月份", with_header=False))
    _below(table, chart, height_rows=18)
