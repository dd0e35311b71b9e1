"""The monthly bulletin and unit feedback, written from a warehouse built from real files.

Given half a year of demo submissions in raw/, where in June one unit sends late, one sends
nothing, one sends a file with a text in a number cell, and one writes formulas and markup into
its notes, a refresh and `write_report("2021-06")` give a bulletin and feedback that say so, with
the same numbers as the marts, nothing fetched from the internet, and nothing executable.
"""

import logging
import os
import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
import duckdb
import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils.cell import get_column_letter, range_to_tuple
from typer import Typer
from typer.testing import CliRunner

from orchestration import settings
from orchestration.cli.refresh import months_to_refresh, run_refresh
from orchestration.cli.report_command import report
from orchestration.report import charts, safe_text
from orchestration.report.assets import monthly_report
from orchestration.report.build import ReportFiles, latest_period, write_report
from orchestration.submissions import contract, templates
from tineng_demo.year import generate_demo

PERIOD = "2021-06"
SHANGHAI = ZoneInfo("Asia/Shanghai")
LATE_UNIT, LATE_RECEIVED, LATE_DAYS = "S03", datetime(2021, 7, 9, 10, 0, tzinfo=SHANGHAI), 5
MISSING_UNIT = "S11"
REJECTED_UNIT = "S10"
INJECTING_UNIT = "S06"
HYPERLINK = '=HYPERLINK("https://example.invalid/x","点此核对")'
SCRIPT = '<script>alert("x")</script>说明'
AT_SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
CONTRADICTION = "举办人工智能活动（T01-4）：附件2各单位分解之和为 7，合计行为 5。"


@dataclass(frozen=True)
class Built:
    root: Path
    files: ReportFiles
    warnings: list[str]
    font_logs: list[str]

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        return self._run(sql, params)[1]

    def records(self, sql: str, params: list | None = None) -> list[dict]:
        names, rows = self._run(sql, params)
        return [dict(zip(names, row, strict=True)) for row in rows]

    def _run(self, sql: str, params: list | None) -> tuple[list[str], list[tuple]]:
        connection = duckdb.connect(str(settings.published_db()), read_only=True)
        try:
            cursor = connection.execute(sql, params or [])
            return [column[0] for column in cursor.description], cursor.fetchall()
        finally:
            connection.close()

    @property
    def page(self) -> str:
        return self.files.html.read_text("utf-8")


def _june_file(raw: Path, unit_code: str) -> Path:
    (path,) = (raw / PERIOD).glob(f"{PERIOD}_{unit_code}_*.xlsx")
    return path


def _edit(path: Path, edit) -> None:
    """Change cells of a demo workbook as a person would, keeping the time it was received."""
    received = path.stat().st_mtime
    book = load_workbook(path)
    edit(book)
    book.save(path)
    os.utime(path, (received, received))


def _text(cell, value: str) -> None:
    cell.value = value
    cell.data_type = "s"  # typed text, as Excel stores '=... entered with a leading apostrophe


def _inject(book) -> None:
    progress, projects = book[contract.PROGRESS_SHEET], book[contract.DELIVERABLES_SHEET]
    note = templates.column_number("note")
    _text(progress.cell(templates.FIRST_MEASURE_ROW, note), HYPERLINK)
    _text(progress.cell(templates.FIRST_MEASURE_ROW + 1, note), SCRIPT)
    _text(
        projects.cell(
            templates.FIRST_DELIVERABLE_ROW, templates.column_number("note", contract.DELIVERABLE_COLUMNS)
        ),
        AT_SUM,
    )


def _text_in_number_cell(book) -> None:
    book[contract.PROGRESS_SHEET].cell(
        templates.FIRST_MEASURE_ROW, templates.column_number("ytd_value")
    ).value = "正在统计"


class _ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    root = tmp_path_factory.mktemp("report")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TINENG_RAW_DIR", str(root / "raw"))
        patch.setenv("TINENG_WAREHOUSE_DIR", str(root / "warehouse"))
        patch.setenv("TINENG_BUILD_DB", str(root / "warehouse" / "build" / "tineng.duckdb"))
        raw = root / "raw"
        generate_demo(raw, through=PERIOD)
        late = _june_file(raw, LATE_UNIT)
        os.utime(late, (LATE_RECEIVED.timestamp(), LATE_RECEIVED.timestamp()))
        _june_file(raw, MISSING_UNIT).unlink()
        _edit(_june_file(raw, REJECTED_UNIT), _text_in_number_cell)
        _edit(_june_file(raw, INJECTING_UNIT), _inject)
        outcome = run_refresh(months_to_refresh(None))
        assert outcome.published, outcome.failures

        font_log = _ListHandler()
        logging.getLogger("matplotlib.font_manager").addHandler(font_log)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                files = write_report(PERIOD, issued=date(2021, 7, 6))
        finally:
            logging.getLogger("matplotlib.font_manager").removeHandler(font_log)
        yield Built(root, files, [str(w.message) for w in caught], font_log.messages)


# --- reading what was written --------------------------------------------------------------------


class _Cells(HTMLParser):
    """Text of the ranking table's cells, keyed by (data-unit, data-measure)."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[tuple[str, str], str] = {}
        self._key: tuple[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "td" and "data-unit" in found:
            self._key = (found["data-unit"], found["data-measure"])
            self.cells[self._key] = ""

    def handle_endtag(self, tag):
        if tag == "td":
            self._key = None

    def handle_data(self, data):
        if self._key:
            self.cells[self._key] += data


def _sheet_rows(path: Path, sheet: str, header: str) -> list[dict]:
    """The table on a sheet whose header row starts with `header`, as dicts."""
    rows = list(load_workbook(path)[sheet].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == header)
    names = rows[start]
    return [
        dict(zip(names, row, strict=True)) for row in rows[start + 1 :] if any(v is not None for v in row)
    ]


def _ranking(path: Path) -> dict[tuple[str, str], tuple]:
    """The ranking matrix: (unit name, measure code) → (score cell, rank cell). Each measure has
    two columns under a heading merged over them: its name and code on two lines."""
    sheet = load_workbook(path)["分解指标排名"]
    (heading,) = (cell.row for cell in sheet["A"] if cell.value == "单位")
    groups, measure = {}, None
    for cell in sheet[heading][1:]:
        measure = cell.value.split("\n")[-1] if cell.value else measure
        groups[cell.column] = measure
    scores = [c.column for c in sheet[heading + 1] if c.value in ("完成率(%)", "增速(%)")]
    assert [c.value for c in sheet[heading + 1] if c.column - 1 in scores] == ["排名"] * len(scores)
    return {
        (line[0].value, groups[column]): (line[column - 1], line[column])
        for line in sheet.iter_rows(min_row=heading + 2)
        for column in scores
    }


def _chart_text(title) -> str:
    """The text of a chart's or axis' title."""
    return "".join(run.t for paragraph in title.tx.rich.p for run in paragraph.r or [])


def _cells_at(book, source) -> list:
    """The values of the cells a series' name, categories or values refer to (openpyxl refers to
    text categories by numRef as well)."""
    reference = getattr(source, "numRef", None) or source.strRef
    sheet, (min_col, min_row, max_col, max_row) = range_to_tuple(reference.f)
    return [c.value for line in book[sheet].iter_rows(min_row, max_row, min_col, max_col) for c in line]


def _all_cells(path: Path):
    for sheet in load_workbook(path):
        for row in sheet.iter_rows():
            yield from row


def _xlsx_files(built: Built) -> list[Path]:
    return [built.files.xlsx, *(p for p in built.files.feedback if p.suffix == ".xlsx")]


def _feedback(built: Built, unit_code: str, suffix: str) -> Path:
    (path,) = (p for p in built.files.feedback if p.name.startswith(f"{unit_code}_") and p.suffix == suffix)
    return path


# --- the story ----------------------------------------------------------------------------------


def test_files_are_where_the_office_expects_them(built):
    directory = settings.reports_dir() / PERIOD / "latest"
    assert built.files.directory == directory.resolve()
    assert built.files.directory.parent == (settings.reports_dir() / PERIOD).resolve()
    assert (directory / "通报.html").is_file() and (directory / "通报.xlsx").is_file()
    assert "东西湖区科技创新提能工作月度通报（2021年6月）" in built.page
    assert "区科技创新工作领导小组办公室" in built.page and "2021年7月6日" in built.page


def test_every_submitting_unit_appears_with_its_own_feedback(built):
    units = built.query(
        "select unit_code, unit_name from marts.dim_unit where is_submitting order by unit_code"
    )
    assert len(units) == 21
    compliance = {r["单位编码"] for r in _sheet_rows(built.files.xlsx, "报送情况", "单位编码")}
    for code, name in units:
        assert (built.files.directory / "feedback" / f"{code}_{name}.xlsx").is_file()
        assert (built.files.directory / "feedback" / f"{code}_{name}.html").is_file()
        assert name in built.page
        assert code in compliance
    assert len(built.files.feedback) == 2 * len(units)


def test_ranks_match_the_scorecard_and_rates_show_the_rate_itself(built):
    rows = built.query(
        """
        select
            scorecard.unit_code,
            scorecard.measure_code,
            -- a growth rate is shown as the reported rate, every other measure as its completion
            if(indicators.kind = 'rate', progress.ytd_value, scorecard.completion_pct),
            scorecard.rank_in_measure
        from marts.mart_unit_scorecard as scorecard
        left join marts.fct_progress as progress using (period, unit_code, measure_code)
        inner join marts.dim_indicator as indicators using (measure_code)
        where scorecard.period = ? and indicators.is_split
        """,
        [PERIOD],
    )
    parser = _Cells()
    parser.feed(built.page)
    matrix = _ranking(built.files.xlsx)
    names = dict(built.query("select unit_code, unit_name from marts.dim_unit"))
    ranked = [r for r in rows if r[3] is not None]
    assert len(ranked) > 50
    for unit, measure, pct, rank in ranked:
        assert parser.cells[(unit, measure)] == f"{pct:.1f}（{rank}）"
        score, rank_cell = matrix[(names[unit], measure)]
        assert (score.value, rank_cell.value) == (pct, rank)
    detail = {
        (r["单位编码"], r["指标编码"]): r["排名"]
        for r in _sheet_rows(built.files.xlsx, "单位明细", "单位编码")
    }
    every_rank = built.query(
        "select unit_code, measure_code, rank_in_measure from marts.mart_unit_scorecard"
        " where period = ? and rank_in_measure is not null",
        [PERIOD],
    )
    assert {k: v for k, v in detail.items() if v is not None} == {(u, m): rank for u, m, rank in every_rank}
    # A unit without a target for a split measure shows a dash, not a rank.
    assert parser.cells[("S01", "I08")] == "—"
    assert [cell.value for cell in matrix[("吴家山街", "I08")]] == ["—", None]


def test_ranks_in_the_workbook_are_numbers_equal_to_the_scorecards(built):
    scorecard = built.query(
        """
        select units.unit_name, scorecard.measure_code, scorecard.rank_in_measure, scorecard.status
        from marts.mart_unit_scorecard as scorecard
        inner join marts.dim_unit as units using (unit_code)
        inner join marts.dim_indicator as indicators using (measure_code)
        where scorecard.period = ? and indicators.is_split
        """,
        [PERIOD],
    )
    matrix = _ranking(built.files.xlsx)
    ranks = {key: rank.value for key, (_, rank) in matrix.items() if rank.value is not None}
    assert ranks == {(unit, measure): rank for unit, measure, rank, _ in scorecard if rank is not None}
    assert all(type(rank) is int for rank in ranks.values())
    for unit, measure, rank, status in scorecard:
        score, rank_cell = matrix[(unit, measure)]
        if rank is None:  # not ranked: the reason, no number
            assert (score.value, rank_cell.value) == (status, None)
        else:
            assert isinstance(score.value, float | int) and score.number_format == "0.0"
            assert rank_cell.data_type == "n" and rank_cell.number_format == "#,##0"
    assert any(rank is None for *_, rank, _ in scorecard)
    # sortable and filterable: a filter over the row of the columns' own headings, every unit below
    sheet = load_workbook(built.files.xlsx)["分解指标排名"]
    (heading,) = (cell.row for cell in sheet["A"] if cell.value == "单位")
    units = {unit for unit, *_ in scorecard}
    assert (
        sheet.auto_filter.ref
        == f"A{heading + 1}:{get_column_letter(sheet.max_column)}{heading + 1 + len(units)}"
    )


def test_district_numbers_are_the_marts_and_a_split_rate_says_it_has_no_district_figure(built):
    marts = {
        r[0]: r[1:]
        for r in built.query(
            "select measure_code, ytd_value, completion_pct, gap_points from marts.mart_district_progress"
            " where period = ? and aggregation != 'not_aggregated'",
            [PERIOD],
        )
    }
    sheet = {r["指标编码"]: r for r in _sheet_rows(built.files.xlsx, "全区进展", "指标编码")}
    assert len(sheet) == 29
    for code, (ytd, completion, gap) in marts.items():
        assert (sheet[code]["累计完成"], sheet[code]["完成率(%)"], sheet[code]["差距(百分点)"]) == (
            ytd,
            completion,
            gap,
        )
    # the growth rate split across units is neither summed nor averaged, and nobody reported a
    # district figure: the sheet, the table and the headline say so
    assert sheet["I01"]["累计完成"] == "无全区数" and sheet["I01"]["状态"] == "无全区数"
    assert "全区增速须由牵头单位报送，本月无人报送" in built.page
    assert re.search(r"高新技术产业增加值增速分解到各单位考核，本月无全区数报送", built.page)


def test_late_missing_and_rejected_units_are_listed_to_chase(built):
    chase = {r["单位编码"]: r for r in _sheet_rows(built.files.xlsx, "催报名单", "单位编码")}
    assert chase[LATE_UNIT]["情况"] == "逾期报送" and chase[LATE_UNIT]["逾期天数"] == LATE_DAYS
    assert chase[MISSING_UNIT]["情况"] == "未报送" and chase[MISSING_UNIT]["办理"] == "催报"
    assert chase[REJECTED_UNIT]["情况"] == "被拒收"
    assert "正在统计" in chase[REJECTED_UNIT]["拒收原因"]
    assert "长青街逾期5天" in built.page
    assert re.search(r"需催报2个单位：[^。]*柏泉街", built.page)
    (summary,) = built.query(
        "select units_late, units_missing, units_rejected, units_to_chase from marts.mart_bulletin_summary"
        " where period = ?",
        [PERIOD],
    )
    assert summary[1:] == (1, 1, 2)
    assert summary[0] == sum(r["情况"] == "逾期报送" for r in chase.values())


def test_a_unit_gets_every_message_about_its_file(built):
    messages = built.query(
        "select file_name, sheet, row_no, column_ref, message_zh from marts.fct_submission_message"
        " where unit_code = ? and period = ?",
        [REJECTED_UNIT, PERIOD],
    )
    assert messages
    rows = _sheet_rows(_feedback(built, REJECTED_UNIT, ".xlsx"), "需要修改的问题", "文件")
    assert [(r["文件"], r["工作表"], r["行"], r["列"], r["问题及修改方法"]) for r in rows] == messages
    page = _feedback(built, REJECTED_UNIT, ".html").read_text("utf-8")
    assert f"第{templates.FIRST_MEASURE_ROW}行" in page and "被拒收" in page
    late_page = _feedback(built, LATE_UNIT, ".html").read_text("utf-8")
    assert "逾期报送" in late_page and f"逾期 {LATE_DAYS} 天" in late_page


def test_the_plans_own_contradictions_are_shown(built):
    assert CONTRADICTION in built.page
    findings = [
        r["发现"] for r in _sheet_rows(built.files.xlsx, "数据质量", "类别") if r["类别"] == "方案文本"
    ]
    assert CONTRADICTION in findings


def test_tasks_without_a_measure_and_items_without_an_owner_are_listed(built):
    # 正文 二(四) 加强知识产权强区建设 has no numeric target; the plan makes 区市场监管局 its lead
    assert re.search(r"加强知识产权强区建设<span[^>]*>[^<]*</span></td><td>区市场监管局</td>", built.page)
    # three named items are given to no unit in 附件2
    for name in ("航天科工智能运筹与信息安全研究院", "网安基地数字化运营平台", "网络安全学院一手通系统"):
        assert re.search(rf"未明确责任单位、无人报送进展的 3 个：[^<]*{name}", built.page)


def test_nothing_is_fetched_from_outside(built):
    for page in (built.files.html, *(p for p in built.files.feedback if p.suffix == ".html")):
        text = page.read_text("utf-8")
        references = re.findall(r"""\b(?:src|href)\s*=\s*["']?([^"'\s>]*)""", text)
        references += re.findall(r"url\(\s*['\"]?([^'\")]*)", text)
        assert references, page
        assert all(ref.startswith(("#", "data:")) for ref in references), page
        assert "@import" not in text and "<link" not in text
    assert "data:font/woff;base64," in built.page
    assert built.files.html_bytes < 2_000_000


def test_submitted_text_is_escaped_and_never_a_formula(built):
    page = _feedback(built, INJECTING_UNIT, ".html").read_text("utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<script>" not in built.page
    for path in _xlsx_files(built):
        for cell in _all_cells(path):
            assert cell.data_type != "f", (path.name, cell.coordinate)
            if isinstance(cell.value, str):
                assert not safe_text.is_formula_like(cell.value), (path.name, cell.coordinate, cell.value)
    feedback_texts = {c.value for c in _all_cells(_feedback(built, INJECTING_UNIT, ".xlsx"))}
    assert "'" + HYPERLINK in feedback_texts and "'" + AT_SUM in feedback_texts
    projects = [r["说明（单位填报）"] for r in _sheet_rows(built.files.xlsx, "重点项目", "项目编码")]
    assert "'" + AT_SUM in projects


DEVELOPER_WORDS = re.compile(
    r"mart_|\bmarts\b|expect_|tineng|dbt|\b(select|from|where|join|null|group by|order by)\b", re.IGNORECASE
)


def test_no_table_rule_or_command_name_appears_in_any_workbook(built):
    for path in _xlsx_files(built):
        book = load_workbook(path)
        for sheet in book:
            assert not DEVELOPER_WORDS.search(sheet.title), (path.name, sheet.title)
            for chart in sheet._charts:
                for title in (chart.title, chart.x_axis.title, chart.y_axis.title):
                    assert not DEVELOPER_WORDS.search(_chart_text(title)), (path.name, sheet.title)
        for cell in _all_cells(path):
            if isinstance(cell.value, str):
                assert not DEVELOPER_WORDS.search(cell.value), (path.name, cell.coordinate, cell.value)
    # the findings say what is wrong in words, not by the check's name
    assert "expect_annex2_total_matches_header" in {
        r[0] for r in built.query("select check_name from audit.check_findings")
    }
    headings = _sheet_rows(built.files.xlsx, "数据质量", "类别")[0].keys()
    assert "检查" not in headings and {"检查的意义", "发现"} <= set(headings)


def test_every_sheet_has_a_frozen_heading_and_prints_its_table_on_a4(built):
    for path in _xlsx_files(built):
        for sheet in load_workbook(path).worksheets:
            rows, columns = sheet.max_row, sheet.max_column
            for chart in sheet._charts:
                rows, columns = max(rows, chart.anchor.to.row), max(columns, chart.anchor.to.col)
            assert sheet.print_area == f"'{sheet.title}'!$A$1:${get_column_letter(columns)}${rows}", path.name
            assert sheet.page_setup.paperSize == 9 and sheet.page_setup.fitToWidth == 1  # 9: A4
            assert sheet.sheet_properties.pageSetUpPr.fitToPage
    book = load_workbook(built.files.xlsx)
    for sheet in book.worksheets:
        assert sheet.freeze_panes, sheet.title
        if sheet.title == "总体情况":  # the headline's sentences under the title: no table
            assert sheet.freeze_panes == "A3" and not sheet.auto_filter.ref
            continue
        # the frozen rows end with the columns' headings, which the filter and every printed page carry
        heading = sheet[sheet.freeze_panes].row - 1
        assert sheet.auto_filter.ref.startswith(f"A{heading}:"), sheet.title
        assert sheet.print_title_rows.endswith(f"${heading}"), sheet.title
        assert all(
            isinstance(c.value, str) and c.value for c in sheet[heading] if not isinstance(c, MergedCell)
        )


def test_native_charts_draw_the_numbers_of_the_district_and_trend_tables(built):
    book = load_workbook(built.files.xlsx)
    (district,) = book["全区完成率"]._charts
    assert _chart_text(district.title) == "全区指标完成率与应完成（2021年6月）"
    assert _chart_text(district.x_axis.title) == "指标" and "完成率" in _chart_text(district.y_axis.title)
    expected = built.query(
        """
        select district.measure_code, district.completion_pct, district.expected_pct
        from marts.mart_district_progress as district
        inner join marts.mart_bulletin_measure_status as measures using (period, measure_code)
        where district.period = ? and district.aggregation != 'not_aggregated'
            and district.completion_pct is not null
        order by measures.display_order
        """,
        [PERIOD],
    )
    assert len(expected) == 28
    series = {_cells_at(book, s.tx)[0]: s for s in district.series}
    assert set(series) == {"完成率(%)", "应完成(%)"}
    labels = _cells_at(book, series["完成率(%)"].cat)
    assert [label.rsplit("（", 1)[-1] for label in labels] == [f"{code}）" for code, *_ in expected]
    assert _cells_at(book, series["完成率(%)"].val) == [pct for _, pct, _ in expected]
    assert _cells_at(book, series["应完成(%)"].val) == [share for *_, share in expected]
    table = {r["指标编码"]: r for r in _sheet_rows(built.files.xlsx, "全区进展", "指标编码")}
    assert [table[code]["完成率(%)"] for code, *_ in expected] == [pct for _, pct, _ in expected]

    (trend,) = book["各月报送"]._charts
    assert trend.grouping == "stacked"
    assert _chart_text(trend.title) == "各月报送情况"
    assert (_chart_text(trend.x_axis.title), _chart_text(trend.y_axis.title)) == ("月份", "单位数")
    statuses = built.query("select status, status_zh from marts.dim_submission_status order by display_order")
    assert [_cells_at(book, s.tx)[0] for s in trend.series] == [zh for _, zh in statuses]
    months = built.records(
        "select * from marts.mart_bulletin_summary where period <= ? order by period", [PERIOD]
    )
    assert _cells_at(book, trend.series[0].cat) == [m["period_label"] for m in months]
    for (status, _), drawn in zip(statuses, trend.series, strict=True):
        assert _cells_at(book, drawn.val) == [m[f"units_{status}"] for m in months]


def test_charts_have_every_glyph(built):
    assert not [w for w in built.warnings if "missing from" in w or "Glyph" in w], built.warnings
    assert not [m for m in built.font_logs if "not found" in m], built.font_logs
    assert built.page.count("<svg") >= 3


def test_a_missing_glyph_fails_the_chart_instead_of_printing_a_box():
    row = {
        "aggregation": "sum_of_units",
        "completion_pct": 50.0,
        "expected_pct": 50.0,
        "rag": "green",
        "measure_name": "表情😀",
        "measure_code": "X01",
    }
    with pytest.raises(UserWarning, match="missing from"), charts.glyphs_must_exist():
        charts.svg(charts.district_progress([row], "2021年6月"), "district")


# --- the asset and the command ------------------------------------------------------------------


def test_asset_writes_the_last_month_of_the_run(built, tmp_path, monkeypatch):
    monkeypatch.setenv("TINENG_WAREHOUSE_DIR", str(built.root / "warehouse"))
    result = dg.materialize([monthly_report], partition_key=PERIOD, instance=dg.DagsterInstance.ephemeral())
    (event,) = result.asset_materializations_for_node("monthly_report")
    assert event.metadata["period"].value == PERIOD
    assert (settings.reports_dir() / PERIOD / "latest" / "通报.xlsx").is_file()
    # A month nobody has reported yet: nothing to write, and no failure either.
    later = dg.materialize([monthly_report], partition_key="2021-09", instance=dg.DagsterInstance.ephemeral())
    assert later.success and not later.asset_materializations_for_node("monthly_report")


def _cli() -> Typer:
    app = Typer()
    app.command("report")(report)
    app.command("unused")(lambda: None)  # keeps `report` a subcommand, as in the real app
    return app


def test_command_defaults_to_the_latest_month(built, monkeypatch):
    monkeypatch.setenv("TINENG_WAREHOUSE_DIR", str(built.root / "warehouse"))
    assert latest_period() == PERIOD
    result = CliRunner().invoke(_cli(), ["report", "--period", "2021-13"])
    assert result.exit_code == 2 and "YYYY-MM" in result.output


def test_reports_never_delete_what_is_already_there(built, tmp_path, monkeypatch):
    """E20/E21: --out at the reports folder itself wiped every other month; now every report is a
    new version beside the earlier ones, and nothing the office saved is touched."""
    monkeypatch.setenv("TINENG_WAREHOUSE_DIR", str(built.root / "warehouse"))
    reports = settings.reports_dir()
    saved = reports / PERIOD / "办公室批注.docx"
    saved.write_bytes(b"the office's own file")
    other_month = reports / "2021-05" / "领导批示.txt"
    other_month.parent.mkdir(exist_ok=True)
    other_month.write_text("留存", encoding="utf-8")
    before = sorted(p for p in reports.rglob("*") if p.is_file())
    versions_before = [p for p in (reports / PERIOD).iterdir() if p.is_dir() and not p.is_symlink()]

    result = CliRunner().invoke(_cli(), ["report", "--period", PERIOD, "--out", str(reports)])

    assert result.exit_code == 0, result.output
    after = sorted(p for p in reports.rglob("*") if p.is_file())
    assert set(before) < set(after)
    assert (
        saved.read_bytes() == b"the office's own file" and other_month.read_text(encoding="utf-8") == "留存"
    )
    versions = [p for p in (reports / PERIOD).iterdir() if p.is_dir() and not p.is_symlink()]
    assert len(versions) == len(versions_before) + 1
    assert (reports / PERIOD / "latest").resolve() == max(versions)


def test_a_latest_that_is_a_real_folder_is_left_alone_and_said_so(built, monkeypatch):
    monkeypatch.setenv("TINENG_WAREHOUSE_DIR", str(built.root / "warehouse"))
    month = settings.reports_dir() / "2021-04"
    (month / "latest").mkdir(parents=True)
    (month / "latest" / "手工整理.xlsx").write_bytes(b"kept")

    result = CliRunner().invoke(_cli(), ["report", "--period", "2021-04"])

    assert result.exit_code == 0, result.output
    assert "不是链接" in result.output.replace("\n", "")
    assert (month / "latest" / "手工整理.xlsx").read_bytes() == b"kept"
    assert len([p for p in month.iterdir() if p.name != "latest"]) == 1


def test_command_says_when_nothing_is_published(tmp_path, monkeypatch):
    monkeypatch.setenv("TINENG_WAREHOUSE_DIR", str(tmp_path / "warehouse"))
    result = CliRunner().invoke(_cli(), ["report"])
    assert result.exit_code == 1
    assert "还没有发布的仓库" in result.output


# --- feedback workbooks: counts and print ----------------------------------------------------------

_STATUS_GROUPS = {  # the statuses of the 指标进展 sheet each count of 报送情况 stands for
    "有目标的指标": None,
    "完成或达到目标": {"达到挑战值", "完成", "达到目标"},
    "达到序时进度": {"达到序时进度"},
    "落后（低于序时进度、未达目标或年末未完成）": {"低于序时进度", "未达目标", "未完成"},
    "待核实（数值疑似填错，暂不计分）": {"待核实"},
    "待补报（缺累计数等，未计分）": {"待补报"},
    "未报送": {"未报送"},
}


@pytest.fixture(scope="module")
def may_feedback(built, tmp_path_factory) -> list[Path]:
    """May's feedback, where 走马岭街 (S04) filed April's workbook in May's folder, was refused, and
    sent May's a few days later."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TINENG_WAREHOUSE_DIR", str(built.root / "warehouse"))
        files = write_report("2021-05", tmp_path_factory.mktemp("may"), issued=date(2021, 6, 7))
    return [p for p in files.feedback if p.suffix == ".xlsx"]


def test_every_count_a_feedback_workbook_states_agrees_with_the_rows_it_lists(built, may_feedback):
    june = [p for p in built.files.feedback if p.suffix == ".xlsx"]
    assert any(p.name.startswith("S04_") for p in may_feedback)
    for path in june + may_feedback:
        stated = {r["项目"]: r["情况"] for r in _sheet_rows(path, "报送情况", "项目") if r["项目"]}
        files = _sheet_rows(path, "报送情况", "文件")
        messages = _sheet_rows(path, "需要修改的问题", "文件")
        progress = _sheet_rows(path, "指标进展", "指标编码")

        assert stated["收到文件"] == len(files), path.name
        assert stated["其中拒收"] == sum(f["处理结果"] == "已拒收" for f in files), path.name
        for file in files:
            listed = [m["类别"] for m in messages if m["文件"] == file["文件"]]
            assert (file["错误"], file["提示"]) == (listed.count("错误"), listed.count("提示")), path.name
        assert {m["文件"] for m in messages} <= {f["文件"] for f in files}, path.name
        for item, statuses in _STATUS_GROUPS.items():
            rows = [r for r in progress if statuses is None or r["状态"] in statuses]
            assert stated[item] == len(rows), (path.name, item)


def test_feedback_messages_print_in_full_on_pages_one_wide(built):
    path = _feedback(built, REJECTED_UNIT, ".xlsx")
    sheet = load_workbook(path)["需要修改的问题"]
    header_row = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "文件")
    column = next(c for c in range(1, 10) if sheet.cell(header_row, c).value == "问题及修改方法")
    width = sheet.column_dimensions[sheet.cell(header_row, column).column_letter].width
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToHeight == 0  # as many pages down as the messages need
    assert sheet.page_setup.orientation == "landscape"
    rows = range(header_row + 1, sheet.max_row + 1)
    assert any(sheet.cell(r, column).value for r in rows)
    for row in rows:
        cell = sheet.cell(row, column)
        if not cell.value:
            continue
        assert cell.alignment.wrap_text, cell.coordinate
        wide = sum(2 if ord(c) > 0x2E7F else 1 for c in cell.value)
        lines = -(-wide // int(width - 1)) + cell.value.count("\n")
        height = sheet.row_dimensions[row].height or 15  # unset: one line, as WPS and Excel open it
        assert height >= lines * 12.5, (cell.coordinate, height, lines)
