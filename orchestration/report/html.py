"""HTML pages from jinja2 templates: the bulletin and each unit's feedback.

Autoescape is on for every template: text that came from a submission (notes, file names,
messages quoting cell values) is escaped wherever it lands. Pages are self-contained: styles
inline, charts inline SVG, fonts embedded as subsets; nothing is fetched from anywhere.
"""

from datetime import date, datetime
from typing import Any

import jinja2
from markupsafe import Markup

from orchestration import settings
from orchestration.checks import counts
from orchestration.report import fonts
from orchestration.report.data import Bulletin, UnitFeedback
from orchestration.report.headline import Headline
from orchestration.report.palette import ACCENT, RAG_COLOURS, RAG_FILLS

FONT_MARKER = "/*@font-face*/"
MISSING = "—"
_BEHIND_ORDER = {"grey": 0, "red": 1, "yellow": 2, "green": 3}


def _number(value: Any) -> str:
    """A mart value for a table cell: thousands separators, no trailing zeros, — when empty."""
    if value is None:
        return MISSING
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:,.0f}"


def _percent(value: Any) -> str:
    return MISSING if value is None else f"{value:.1f}%"


def _points(value: Any) -> str:
    """Gap to 序时进度 in points, signed."""
    if value is None:
        return MISSING
    return f"+{value:.1f}" if value > 0 else f"{value:.1f}".replace("-", "−")


def _day(value: date | datetime | None) -> str:
    return MISSING if value is None else f"{value.year}年{value.month}月{value.day}日"


def _moment(value: datetime | None) -> str:
    return MISSING if value is None else f"{value:%Y-%m-%d %H:%M}"


def _location(message: dict) -> str:
    """Where in the file a message points: 工作表“月度进展”第8行F列."""
    parts = []
    if message.get("sheet"):
        parts.append(f"工作表“{message['sheet']}”")
    if message.get("row_no") is not None:
        parts.append(f"第{message['row_no']}行")
    if message.get("column_ref"):
        parts.append(f"{message['column_ref']}列")
    return "".join(parts) or "整个文件"


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("orchestration.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        number=_number,
        percent=_percent,
        points=_points,
        day=_day,
        moment=_moment,
        location=_location,
        check_counts=counts.sentence,  # the one wording of the check counts (tineng run, checks)
    )
    env.globals.update(
        OFFICE=settings.issuing_organ(),
        MISSING=MISSING,
        ACCENT=ACCENT,
        RAG_COLOURS=RAG_COLOURS,
        RAG_FILLS=RAG_FILLS,
        FONT_MARKER=FONT_MARKER,  # nothing in it that autoescape changes
        CSS_SANS=fonts.CSS_FAMILIES[fonts.SANS],
        CSS_SERIF=fonts.CSS_FAMILIES[fonts.SERIF],
    )
    return env


def render_bulletin(
    env: jinja2.Environment,
    bulletin: Bulletin,
    headline: Headline,
    charts: dict[str, Markup],
    issued: date,
    published_at: datetime | None,
) -> str:
    cells = {(r["unit_code"], r["measure_code"]): r for r in bulletin.scorecard}
    split = [m["measure_code"] for m in bulletin.split_measures]
    matrix_units = [u for u in bulletin.unit_status if any((u["unit_code"], m) in cells for m in split)]
    behind = sorted(
        (
            r
            for r in bulletin.scorecard
            if r["status_group"] in ("behind", "to_verify", "to_resubmit", "not_reported")
        ),
        key=lambda r: (_BEHIND_ORDER[r["rag"]], r["gap_points"] if r["gap_points"] is not None else 0),
    )
    return env.get_template("bulletin.html.j2").render(
        b=bulletin,
        headline=headline,
        charts=charts,
        issued=issued,
        published_at=published_at,
        cells=cells,
        matrix_units=matrix_units,
        behind=behind,
    )


def render_feedback(
    env: jinja2.Environment,
    bulletin: Bulletin,
    feedback: UnitFeedback,
    issued: date,
    published_at: datetime | None,
) -> str:
    return env.get_template("feedback.html.j2").render(
        b=bulletin, f=feedback, issued=issued, published_at=published_at
    )


def embed_fonts(page: str, font_css: str) -> str:
    """Put the @font-face rules where the page's stylesheet expects them."""
    return page.replace(FONT_MARKER, font_css, 1)
