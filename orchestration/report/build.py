"""`write_report(period)`: the month's bulletin and every unit's feedback, from the published warehouse.

Everything is read through one read-only connection (one published snapshot) and written into a
new version folder, reports/<YYYY-MM>/<version>/, which appears only once complete; the link
reports/<YYYY-MM>/latest then points at it. Nothing else is touched: earlier versions, and
whatever the office saved beside them, stay as they are. With a 文号 the version is the issued
bulletin, reports/<YYYY-MM>/issued/, written once and never again (see issuing.py).
"""

import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from orchestration import serving, settings
from orchestration.publish.snapshot import point_link
from orchestration.report import (
    charts,
    data,
    feedback,
    fonts,
    headline,
    html,
    issuing,
    official_bulletin,
    pdf,
    supervision,
    workbook,
)
from orchestration.report.data import Bulletin, PeriodNotInWarehouse, ReportDataError, load_bulletin

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
BULLETIN_HTML = "通报.html"
BULLETIN_XLSX = "通报.xlsx"
BULLETIN_DOCX = "通报.docx"
FEEDBACK_DIR = "feedback"
LATEST = "latest"


class ReportError(Exception):
    """The report cannot be written (message in Chinese first, then English)."""


class NothingToReport(ReportError):
    """The published warehouse holds no data for the month."""


@dataclass(frozen=True)
class ReportFiles:
    period: str
    directory: Path
    html: Path
    xlsx: Path
    docx: Path
    pdf: Path | None  # None when LibreOffice is not installed or failed
    pdf_problem: str | None  # why LibreOffice failed, when it did
    supervision: tuple[Path, ...]  # 督办单, one .docx per lagging unit
    feedback: tuple[Path, ...]  # per unit: .xlsx and .html
    latest_linked: bool  # False: reports/<YYYY-MM>/latest is not a link (a real folder), left alone
    issued_number: str | None  # the 文号 when this is the issued bulletin
    changes_since_issue: list[str] | None  # a draft after the month was issued: what differs

    @property
    def html_bytes(self) -> int:
        return self.html.stat().st_size


def today() -> date:
    return datetime.now(ZoneInfo(settings.TIMEZONE)).date()


def latest_period() -> str | None:
    """The latest month with submissions in the published warehouse (None when nothing is there yet).

    Raises serving.NotPublished when nothing has been published.
    """
    with serving.connect() as connection:
        return data.latest_period(connection)


def write_report(
    period: str,
    out_dir: Path | None = None,
    *,
    issued: date | None = None,
    number: str | None = None,
    issued_by: str | None = None,
    edited: Path | None = None,
) -> ReportFiles:
    """Write 通报.html/.xlsx/.docx/.pdf, 督办单/ and feedback/<code>_<name>.(xlsx|html) for `period`.

    Into `out_dir`/<period>/<version>/ (default warehouse/reports/), and point <period>/latest at it;
    with `number` (the 文号), into <period>/issued/ once, recorded as issued by `issued_by`; with
    `edited` as well, the office's edited draft is what is issued as 通报.docx (and .pdf).
    Raises NothingToReport when the month has no data, ReportError when the period is malformed,
    nothing is published, the warehouse lacks a table the report reads, or the month is issued
    already and `number` is given.
    """
    if not PERIOD.match(period):
        raise ReportError(f"月份格式应为 YYYY-MM：{period!r}。Period must be YYYY-MM.")
    if edited is not None and number is None:
        raise ReportError(
            "只有印发时才能指定修改后的通报（--issue --number）。An edited draft is issued with a number."
        )
    if number is not None and not number.strip():
        raise ReportError("文号不能为空，如“武临科〔2021〕6号”。The document number must not be empty.")
    month = (out_dir or settings.reports_dir()).resolve() / period
    if number is not None and (previous := issuing.read_issue(month)) is not None:
        raise ReportError(
            f"{period} 的通报已于 {previous.issued_at} 以 {previous.number} 印发，不再重新生成；如需更正请另行发文。"
            f" The bulletin for {period} was issued already as {previous.number}."
        )
    issued = issued or today()
    published = settings.published_db()
    try:
        connection = serving.connect()
    except serving.NotPublished as missing:
        raise ReportError(
            f"还没有发布的仓库（{missing}），请先运行 tineng run。No published warehouse yet."
        ) from missing
    try:
        published_at = datetime.fromtimestamp(published.stat().st_mtime, ZoneInfo(settings.TIMEZONE)).replace(
            tzinfo=None
        )
        bulletin = load_bulletin(connection, period)
    except PeriodNotInWarehouse as empty:
        raise NothingToReport(str(empty)) from empty
    except ReportDataError as failed:
        raise ReportError(str(failed)) from failed
    finally:
        connection.close()

    changes = None if number is not None else issuing.changes_since_issue(month, bulletin)
    month.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".writing-", dir=month))
    try:
        written = _write_all(bulletin, scratch, issued, published_at, number, issued_by, edited)
        if changes is not None:
            issuing.write_changes(scratch, issuing.read_issue(month), changes)
        if number is None:
            target = _keep_as_version(scratch, month)
        else:
            target = issuing.freeze(scratch, month, number, issued_by)
    except official_bulletin.EditedDocumentError as unusable:
        shutil.rmtree(scratch, ignore_errors=True)
        raise ReportError(str(unusable)) from unusable
    except issuing.AlreadyIssued as twice:
        shutil.rmtree(scratch, ignore_errors=True)
        raise ReportError(str(twice)) from twice
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)  # the scratch folder is this run's own
        raise
    return ReportFiles(
        period=period,
        directory=target,
        html=target / BULLETIN_HTML,
        xlsx=target / BULLETIN_XLSX,
        docx=target / BULLETIN_DOCX,
        pdf=target / written.pdf.name if written.pdf else None,
        pdf_problem=written.pdf_problem,
        supervision=tuple(target / path.relative_to(scratch) for path in written.supervision),
        feedback=tuple(target / path.relative_to(scratch) for path in written.feedback),
        latest_linked=point_link(month / LATEST, target),
        issued_number=number,
        changes_since_issue=changes,
    )


@dataclass(frozen=True)
class _Written:
    pdf: Path | None
    pdf_problem: str | None
    supervision: list[Path]
    feedback: list[Path]


def _write_all(
    bulletin: Bulletin,
    directory: Path,
    issued: date,
    published_at: datetime,
    number: str | None,
    signer: str | None,
    edited: Path | None,
) -> _Written:
    words = headline.build(bulletin)
    with charts.glyphs_must_exist():
        drawn = {
            "district": charts.district_progress(bulletin.district, bulletin.period_label),
            "heatmap": charts.status_heatmap(
                bulletin.scorecard, bulletin.unit_status, bulletin.measure_status
            ),
            "trend": charts.submission_trend(bulletin.trend, bulletin.submission_statuses),
        }
        figures = {key: charts.svg(figure, key) for key, figure in drawn.items()}
        pictures = {key: charts.png(figure) for key, figure in drawn.items()}
    if edited is None:
        document = official_bulletin.write(
            bulletin, words, pictures, issued, number, signer, directory / BULLETIN_DOCX
        )
    else:
        document = official_bulletin.issue_edited(edited, bulletin, number, signer, directory / BULLETIN_DOCX)
    try:
        printed, pdf_problem = pdf.convert(document), None
    except pdf.PdfError as failed:  # the document and everything else still stand
        printed, pdf_problem = None, str(failed)
    notices = supervision.write_all(bulletin, issued, directory / supervision.FOLDER)
    issuing.write_figures(bulletin, directory)
    env = html.environment()
    page = html.render_bulletin(env, bulletin, words, figures, issued, published_at)
    pages = {
        feedback.file_stem(unit): html.render_feedback(env, bulletin, unit, issued, published_at)
        for unit in bulletin.feedback
    }
    page_fonts = fonts.PageFonts(page + "".join(pages.values()))  # feedback pages use the sans font only
    (directory / BULLETIN_HTML).write_text(
        html.embed_fonts(page, page_fonts.css(page, (fonts.SANS, fonts.SERIF))), "utf-8"
    )
    workbook.write_bulletin(bulletin, words, issued, directory / BULLETIN_XLSX)

    # One subset for all feedback pages: cutting a font per page costs seconds per refresh,
    # and the pages share nearly all their characters.
    feedback_css = page_fonts.css("".join(pages.values()), (fonts.SANS,))
    folder = directory / FEEDBACK_DIR
    folder.mkdir()
    written = []
    for unit in bulletin.feedback:
        stem = feedback.file_stem(unit)
        written.append(feedback.write_workbook(bulletin, unit, issued, folder / f"{stem}.xlsx"))
        page_path = folder / f"{stem}.html"
        page_path.write_text(html.embed_fonts(pages[stem], feedback_css), "utf-8")
        written.append(page_path)
    return _Written(printed, pdf_problem, notices, written)


def _keep_as_version(scratch: Path, month: Path) -> Path:
    """Give the finished folder its version name (the time written, Beijing), never an existing one."""
    scratch.chmod(0o755)
    stamp = f"{datetime.now(ZoneInfo(settings.TIMEZONE)):%Y%m%dT%H%M%S}"
    for attempt in range(1, 1000):
        target = month / (stamp if attempt == 1 else f"{stamp}-{attempt}")
        if not target.exists() and not target.is_symlink():
            scratch.rename(target)
            return target
    raise ReportError(f"{month} 中同一秒的版本过多。Too many versions in one second.")
