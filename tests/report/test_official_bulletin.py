"""通报.docx, 通报.pdf, the 督办单 and issuing, from a warehouse built from half a year of demo files.

The office issues June's bulletin with a 文号; then a unit corrects its June figure. A refresh,
the sensor's report asset and `tineng report` each write a new draft beside the issued bulletin,
which stays byte for byte as issued, and the draft lists the figure that changed.
"""

import hashlib
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from docx import Document
from matplotlib import image
from openpyxl import load_workbook
from typer import Typer
from typer.testing import CliRunner

from orchestration import settings
from orchestration.cli.refresh import months_to_refresh, run_refresh
from orchestration.cli.report_command import report
from orchestration.report.assets import monthly_report
from orchestration.report.build import ReportFiles, write_report
from tineng_demo.year import generate_demo

PERIOD = "2021-06"
ORGAN = "东西湖区科技创新工作领导小组办公室（测试）"
COPIES = ("区委办公室", "区政府办公室", "区纪委监委")
NUMBER = "武临科〔2021〕6号"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
DEVELOPER_WORDS = re.compile(
    r"mart_|expect_|tineng|dbt|\bselect\b|\bfrom\b|\bwhere\b|\bjoin\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Month:
    root: Path
    draft: ReportFiles
    issued: ReportFiles

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        connection = duckdb.connect(str(settings.published_db()), read_only=True)
        try:
            return connection.execute(sql, params or []).fetchall()
        finally:
            connection.close()


@pytest.fixture(scope="module")
def month(tmp_path_factory) -> Month:
    root = tmp_path_factory.mktemp("official")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TINENG_RAW_DIR", str(root / "raw"))
        patch.setenv("TINENG_WAREHOUSE_DIR", str(root / "warehouse"))
        patch.setenv("TINENG_BUILD_DB", str(root / "warehouse" / "build" / "tineng.duckdb"))
        patch.setenv("TINENG_ISSUING_ORGAN", ORGAN)
        patch.setenv("TINENG_BULLETIN_CC", "、".join(COPIES))
        generate_demo(root / "raw", through=PERIOD)
        outcome = run_refresh(months_to_refresh(None), report=False)
        assert outcome.published, outcome.failures
        draft = write_report(PERIOD)
        issued = write_report(PERIOD, number=NUMBER, issued_by="王科长")
        yield Month(root, draft, issued)


def _text(path: Path) -> str:
    """Every word of a .docx: paragraphs, tables, headers and footers, and its properties."""
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer, section.even_page_footer):
            parts += [p.text for p in part.paragraphs]
    properties = document.core_properties
    parts += [properties.title or "", properties.author or "", properties.comments or ""]
    return "\n".join(parts)


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _cli() -> Typer:
    app = Typer()
    app.command("report")(report)
    app.command("unused")(lambda: None)
    return app


def test_the_issued_document_names_every_unit_of_annex2_the_organ_its_number_and_every_section(month):
    text = _text(month.issued.docx)
    units = [name for (name,) in month.query("select unit_name from marts.dim_unit where is_in_annex2")]
    assert len(units) == 17
    assert [name for name in units if name not in text] == []
    assert ORGAN in text and NUMBER in text and "2021年第6期" in text and "签发人：王科长" in text
    for section in (
        "一、总体情况",
        "二、全区指标进展",
        "三、各单位完成情况",
        "红黄绿灯",
        "排名与红黑榜",
        "需点名的单位",
        "四、报送情况",
        "五、重点项目进展",
        "六、数据质量与方案口径",
        "方案文本中待确认的问题",
    ):
        assert section in text, section
    assert f"抄送：{'，'.join(COPIES)}。" in text
    assert re.search(re.escape(ORGAN) + r"\t\d{4}年\d{1,2}月\d{1,2}日印发", text)
    assert "草稿" not in text


def test_the_document_carries_the_three_charts_as_pictures(month):
    document = Document(str(month.issued.docx))
    pictures = [r for r in document.part.rels.values() if r.reltype.endswith("/image")]
    assert len(pictures) == 3
    assert all(r.target_part.blob[:8] == b"\x89PNG\r\n\x1a\n" for r in pictures)


def test_a_draft_says_so_and_carries_no_number(month):
    text = _text(month.draft.docx)
    assert "草稿" in text and NUMBER not in text
    assert month.draft.issued_number is None and month.draft.directory.parent.name == PERIOD


def test_no_table_rule_or_command_name_is_in_any_document(month):
    documents = [month.issued.docx, month.draft.docx, *month.issued.supervision]
    found = {path.name: DEVELOPER_WORDS.findall(_text(path)) for path in documents}
    assert {name: words for name, words in found.items() if words} == {}


def test_the_red_black_board_names_the_first_and_last_ranked_units_of_a_measure(month):
    table = next(
        t for t in Document(str(month.issued.docx)).tables if t.rows[0].cells[1].text.startswith("红榜")
    )
    rows = {row.cells[0].text: (row.cells[1].text, row.cells[2].text) for row in table.rows[1:]}
    (measure,) = month.query("select measure_name from marts.dim_indicator where measure_code = 'I02'")[0]
    ranks = dict(
        month.query(
            "select unit_name, rank_in_measure from marts.mart_unit_scorecard"
            " where period = ? and measure_code = 'I02' and rank_in_measure is not null",
            [PERIOD],
        )
    )
    top, bottom = rows[measure]
    first_named, last_named = top.split("（")[0], bottom.split("（")[0]
    assert ranks[first_named] == min(ranks.values()) and ranks[last_named] == max(ranks.values())


def test_every_lagging_unit_gets_a_supervision_notice_with_its_gaps(month):
    lagging = dict(
        month.query(
            """
            select unit_code, unit_name from marts.mart_unit_scorecard
            where period = ? and status_group in ('behind', 'to_verify')
            union
            select unit_code, unit_name from marts.mart_bulletin_unit_status where period = ? and needs_chasing
            """,
            [PERIOD, PERIOD],
        )
    )
    notices = {path.name.split("_")[0]: path for path in month.issued.supervision}
    assert set(notices) == set(lagging)
    code, measure, gap = month.query(
        """
        select unit_code, measure_name, gap_points from marts.mart_unit_scorecard
        where period = ? and status_group = 'behind' and gap_points is not null
        order by gap_points limit 1
        """,
        [PERIOD],
    )[0]
    text = _text(notices[code])
    assert lagging[code] in text and measure in text and f"{abs(gap):.1f}" in text
    assert "2021年8月4日前" in text  # July's report is due on 4 August: the reply comes with it
    assert ORGAN in text


@needs_libreoffice
def test_the_pdf_has_a_bulletins_length_embeds_cjk_fonts_and_opens_with_the_red_masthead(month, tmp_path):
    pdf = month.issued.pdf
    assert pdf is not None and pdf.is_file(), month.issued.pdf_problem
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 6 <= pages <= 20, pages
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk), fonts  # column "emb"
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True
    )
    (first,) = tmp_path.glob("p*.png")
    pixels = image.imread(str(first))
    height, width = pixels.shape[:2]
    assert abs(height / width - 297 / 210) < 0.02  # A4 portrait
    top = pixels[: height // 4]
    red = (top[..., 0] > 0.75) & (top[..., 1] < 0.35) & (top[..., 2] < 0.35)
    assert red.sum() > 100  # the 红头


@needs_libreoffice
def test_a_supervision_notice_fits_on_one_page(month, tmp_path):
    notice = max(month.issued.supervision, key=lambda path: path.stat().st_size)
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(notice),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / f"{notice.stem}.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"Pages:\s+1\b", info), info


def test_issue_and_number_go_together(month):
    result = CliRunner().invoke(_cli(), ["report", "--period", PERIOD, "--issue"])
    assert result.exit_code == 2 and "文号" in result.output


def _correct_june_figure(raw: Path) -> tuple[str, str]:
    """A unit sends a corrected June workbook: its first measure's 累计完成 raised by 7."""
    for original in sorted((raw / PERIOD).glob(f"{PERIOD}_*.xlsx")):
        book = load_workbook(original)
        sheet = book.worksheets[0]
        header = next(
            (
                cell
                for row in sheet.iter_rows()
                for cell in row
                if str(cell.value or "").startswith("累计完成")
            ),
            None,
        )
        below = sheet.cell(header.row + 1, header.column) if header else None
        code = sheet.cell(header.row + 1, 2).value if header else None
        if below is not None and isinstance(below.value, int | float) and isinstance(code, str):
            below.value = int(below.value) + 7
            corrected = original.with_name(f"{original.stem}_更正.xlsx")
            book.save(corrected)
            now = time.time()
            os.utime(corrected, (now, now))
            return original.name.split("_")[1], code
    raise AssertionError("no demo workbook to correct")


def test_an_issued_bulletin_stays_as_issued_and_every_later_draft_lists_what_changed(month, monkeypatch):
    for name, value in (
        ("TINENG_RAW_DIR", month.root / "raw"),
        ("TINENG_WAREHOUSE_DIR", month.root / "warehouse"),
        ("TINENG_BUILD_DB", month.root / "warehouse" / "build" / "tineng.duckdb"),
    ):
        monkeypatch.setenv(name, str(value))
    monkeypatch.setenv("TINENG_ISSUING_ORGAN", ORGAN)
    issued_folder = month.issued.directory
    assert issued_folder.name == "issued"
    as_issued = _hashes(issued_folder)
    unit, measure = _correct_june_figure(month.root / "raw")
    sql = "select unit_name, measure_name, ytd_value from marts.mart_unit_scorecard where period = ? and unit_code = ? and measure_code = ?"
    name, measure_name, before = month.query(sql, [PERIOD, unit, measure])[0]

    outcome = run_refresh(months_to_refresh(PERIOD))  # publishes, then writes the month's report
    assert outcome.published, outcome.failures
    after = month.query(sql, [PERIOD, unit, measure])[0][2]
    assert after == before + 7
    sensor = dg.materialize([monthly_report], partition_key=PERIOD, instance=dg.DagsterInstance.ephemeral())
    assert sensor.success
    command = CliRunner().invoke(_cli(), ["report", "--period", PERIOD])
    again = CliRunner().invoke(
        _cli(), ["report", "--period", PERIOD, "--issue", "--number", "武临科〔2021〕9号"]
    )

    assert _hashes(issued_folder) == as_issued
    assert command.exit_code == 0, command.output
    assert again.exit_code == 1 and "已" in again.output and NUMBER in again.output.replace("\n", "")
    latest = (settings.reports_dir() / PERIOD / "latest").resolve()
    assert latest != issued_folder
    changes = (latest / "与已印发版本的差异.txt").read_text("utf-8")
    assert NUMBER in changes
    line = next(line for line in changes.splitlines() if line.startswith(f"{name}·{measure_name}·累计完成"))
    assert f"{before:g}" in line and f"{after:g}" in line
    assert "数字变化" in command.output


needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")


@needs_chromium
def test_the_page_prints_without_near_empty_pages(month, tmp_path):
    """Printed from Chromium, every page but the last is filled at least to 60% of its height."""
    from playwright.sync_api import sync_playwright

    printed = tmp_path / "page.pdf"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page()
            page.goto(month.issued.html.as_uri())
            page.pdf(path=str(printed), prefer_css_page_size=True, print_background=True)
        finally:
            browser.close()
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(printed), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p*.png"))
    assert 2 <= len(pages) <= 12, len(pages)
    filled = []
    for path in pages[:-1]:
        pixels = image.imread(str(path))[..., :3]
        height = pixels.shape[0]
        body = pixels[: int(height * 0.93)]  # above the page number in the bottom margin
        inked = (body < 0.9).any(axis=2).any(axis=1).nonzero()[0]
        filled.append(inked.max() / height if len(inked) else 0.0)
    assert min(filled) >= 0.6, filled


def test_the_office_issues_its_edited_draft_with_only_the_number_filled_in(month, monkeypatch, tmp_path):
    for name, value in (
        ("TINENG_RAW_DIR", month.root / "raw"),
        ("TINENG_WAREHOUSE_DIR", month.root / "warehouse"),
        ("TINENG_ISSUING_ORGAN", ORGAN),
    ):
        monkeypatch.setenv(name, str(value))
    draft = write_report("2021-05")
    edited = Document(str(draft.docx))
    added = "经领导小组研究，请各街道对照落后指标于本月底前报送整改方案。"
    edited.add_paragraph(added)
    edited_path = tmp_path / "办公室修改稿.docx"
    edited.save(str(edited_path))
    unrelated = Document()
    unrelated.add_paragraph("另一份文件")
    unrelated.save(str(tmp_path / "别的文件.docx"))

    refused = CliRunner().invoke(
        _cli(),
        [
            "report",
            "--period",
            "2021-05",
            "--issue",
            "--number",
            "武临科〔2021〕5号",
            "--document",
            str(tmp_path / "别的文件.docx"),
        ],
    )
    assert refused.exit_code == 1 and "不是2021年5月的通报" in refused.output.replace("\n", "")
    assert not (settings.reports_dir() / "2021-05" / "issued").exists()

    issued = write_report("2021-05", number="武临科〔2021〕5号", issued_by="王科长", edited=edited_path)

    text = _text(issued.docx)
    assert added in text and "武临科〔2021〕5号　签发人：王科长" in text and "草稿" not in text
    before = [p.text for p in Document(str(edited_path)).paragraphs]
    after = [p.text for p in Document(str(issued.docx)).paragraphs]
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert changed == [("2021年第5期　（草稿，未编号）", "2021年第5期　武临科〔2021〕5号　签发人：王科长")]
