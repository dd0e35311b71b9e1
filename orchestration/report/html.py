"""HTML pages from jinja2 templates: the bulletin and each unit's feedback.

Autoescape is on for every template: text that came from a submission (notes, file names,
messages quoting cell values) is escaped wherever it lands. Pages are self-contained: styles
inline, charts inline SVG, fonts embedded as subsets; nothing is fetched from anywhere.
"""

from datetime import date, datetime

import jinja2
from markupsafe import Markup

from orchestration import settings
from orchestration.checks import counts
from orchestration.report import fonts
from orchestration.report.data import Bulletin, UnitFeedback
from orchestration.report.formats import MISSING, day, moment, number, percent, points
from orchestration.report.headline import Headline
from orchestration.report.palette import ACCENT, RAG_COLOURS, RAG_FILLS

FONT_MARKER = "/*@font-face*/"


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
        number=number,
        percent=percent,
        points=points,
        day=day,
        moment=moment,
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
    return env.get_template("bulletin.html.j2").render(
        b=bulletin,
        headline=headline,
        charts=charts,
        issued=issued,
        published_at=published_at,
        cells=cells,
        matrix_units=matrix_units,
        behind=bulletin.named_rows,
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
