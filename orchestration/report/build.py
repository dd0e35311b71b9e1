"""`write_report(period)`: the month's bulletin and every unit's feedback, from the published warehouse.

Everything is read through one read-only connection (one published snapshot) and written into a
new version folder, reports/<YYYY-MM>/<version>/, which appears only once complete; the link
reports/<YYYY-MM>/latest then points at it. Nothing else is touched: earlier versions, and
whatever the office saved beside them, stay as they are.
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
from orchestration.report import charts, data, feedback, fonts, headline, html, workbook
from orchestration.report.data import Bulletin, PeriodNotInWarehouse, ReportDataError, load_bulletin

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
BULLETIN_HTML = "通报.html"
BULLETIN_XLSX = "通报.xlsx"
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
    feedback: tuple[Path, ...]  # per unit: .xlsx and .html
    latest_linked: bool  # False: reports/<YYYY-MM>/latest is not a link (a real folder), left alone

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


def write_report(period: str, out_dir: Path | None = None, *, issued: date | None = None) -> ReportFiles:
    """Write 通报.html, 通报.xlsx and feedback/<code>_<name>.(xlsx|html) for `period` (YYYY-MM).

    Into `out_dir`/<period>/<version>/ (default warehouse/reports/), and point <period>/latest at it.
    Raises NothingToReport when the month has no data, ReportError when the period is malformed,
    nothing is published or the warehouse lacks a table the report reads.
    """
    if not PERIOD.match(period):
        raise ReportError(f"月份格式应为 YYYY-MM：{period!r}。Period must be YYYY-MM.")
    month = (out_dir or settings.reports_dir()).resolve() / period
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

    month.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".writing-", dir=month))
    try:
        written = _write_all(bulletin, scratch, issued, published_at)
        target = _keep_as_version(scratch, month)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)  # the scratch folder is this run's own
        raise
    return ReportFiles(
        period=period,
        directory=target,
        html=target / BULLETIN_HTML,
        xlsx=target / BULLETIN_XLSX,
        feedback=tuple(target / path.relative_to(scratch) for path in written),
        latest_linked=point_link(month / LATEST, target),
    )


def _write_all(bulletin: Bulletin, directory: Path, issued: date, published_at: datetime) -> list[Path]:
    words = headline.build(bulletin)
    with charts.glyphs_must_exist():
        figures = {
            "district": charts.district_progress(bulletin.district, bulletin.period_label),
            "heatmap": charts.status_heatmap(
                bulletin.scorecard, bulletin.unit_status, bulletin.measure_status
            ),
            "trend": charts.submission_trend(bulletin.trend, bulletin.submission_statuses),
        }
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
    return written


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
