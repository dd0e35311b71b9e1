"""The bulletin's charts (matplotlib): inline SVG for the page, PNG for the Word document.

Text as outlines (svg.fonttype = path) means a reader's browser needs no Chinese font, and the
SVG carries no namespace URLs, comments or colliding ids, so it can sit inside the page as is.
Charts show the marts' numbers; capping a bar's length at the axis is drawing, not arithmetic.
"""

import contextlib
import io
import re
import warnings
from collections.abc import Iterator, Sequence

import matplotlib
from markupsafe import Markup
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from orchestration.report import fonts
from orchestration.report.data import Row
from orchestration.report.palette import RAG_COLOURS, RAG_LABELS

COMPLETION_AXIS_MAX = 150  # bars beyond this are drawn to the edge and labelled with their value
_NO_METADATA = {"Creator": None, "Date": None, "Format": None, "Type": None}
_NO_TARGET = "#f1f3f4"


@contextlib.contextmanager
def glyphs_must_exist() -> Iterator[None]:
    """Turn matplotlib's "Glyph … missing from font(s)" warning into an error: a missing glyph
    would print as an empty box (tofu) in a bulletin that goes to leaders."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r".*[Gg]lyph .* missing from")
        yield


def _rc() -> dict:
    return {
        "font.family": fonts.matplotlib_family(),
        "font.size": 8,
        "svg.fonttype": "path",
        "svg.hashsalt": "tineng-report",  # stable ids: the same data gives the same page
        "axes.unicode_minus": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#5f6368",
        "axes.labelcolor": "#202124",
        "xtick.color": "#3c4043",
        "ytick.color": "#3c4043",
    }


def png(figure: Figure) -> bytes:
    """The figure as a PNG at print resolution, for the Word document."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(_rc()):
        figure.savefig(buffer, format="png", dpi=160, bbox_inches="tight", pad_inches=0.05)
    return buffer.getvalue()


def svg(figure: Figure, chart_id: str) -> Markup:
    """The figure as an <svg> element for inline use: no XML prolog, no URLs, ids prefixed."""
    buffer = io.StringIO()
    with matplotlib.rc_context(_rc()):
        figure.savefig(buffer, format="svg", metadata=_NO_METADATA, bbox_inches="tight", pad_inches=0.05)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    text = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", text)
    text = text.replace("xlink:href=", "href=")
    text = re.sub(r'\bid="([^"]+)"', rf'id="{chart_id}-\1"', text)
    text = re.sub(r'href="#([^"]+)"', rf'href="#{chart_id}-\1"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{chart_id}-\1)", text)
    text = re.sub(
        r'<svg([^>]*?)\swidth="[^"]*"\sheight="[^"]*"', r'<svg\1 class="chart" role="img"', text, count=1
    )
    text = re.sub(r"\s*\n\s*", " ", text)
    text = re.sub(r">\s+<", "><", text)
    text = re.sub(r' d="[^"]*"', _round_path, text)
    # Trusted: drawn here by matplotlib from mart numbers and reference labels, text as outlines.
    return Markup(text)  # noqa: S704


def _round_path(match: re.Match) -> str:
    """Path coordinates to 1/100 pt: a third smaller, looks the same (transforms keep full precision)."""
    return re.sub(r"(\d+\.\d{2})\d+", r"\1", match.group(0))


def district_charted(rows: Sequence[Row]) -> list[Row]:
    """The measures the district chart draws (here and in the workbook): those with a district
    completion; rates, judged in points, are not drawn."""
    return [r for r in rows if r["aggregation"] != "not_aggregated" and r["completion_pct"] is not None]


def district_progress(rows: Sequence[Row], period_label: str) -> Figure:
    """Completion of each measure with a district figure, against its expected share (序时进度,
    or a milestone's 0 or 100%)."""
    shown = district_charted(rows)
    with matplotlib.rc_context(_rc()):
        figure = Figure(figsize=(7.2, 0.28 * len(shown) + 1.1))
        axes = figure.add_subplot()
        positions = list(range(len(shown)))[::-1]
        lengths = [min(r["completion_pct"], COMPLETION_AXIS_MAX) for r in shown]
        axes.barh(positions, lengths, height=0.62, color=[RAG_COLOURS[r["rag"]] for r in shown])
        axes.scatter(
            [r["expected_pct"] for r in shown],
            positions,
            marker="|",
            s=180,
            linewidths=1.6,
            color="#202124",
            zorder=3,
        )
        for position, row, length in zip(positions, shown, lengths, strict=True):
            axes.text(
                length + 1.5,
                position,
                f"{row['completion_pct']:g}%",
                va="center",
                fontsize=7.5,
                color="#202124",
            )
        axes.set_yticks(positions, [f"{r['measure_name']}（{r['measure_code']}）" for r in shown])
        axes.set_xlim(0, COMPLETION_AXIS_MAX + 15)
        axes.set_xticks(range(0, COMPLETION_AXIS_MAX + 1, 25))
        axes.set_xlabel(f"完成率（%，{period_label}累计 ÷ 年度目标）；超过{COMPLETION_AXIS_MAX}%的画到边缘")
        axes.axvline(100, color="#5f6368", linewidth=0.6, linestyle=":")
        axes.tick_params(axis="y", length=0, labelsize=8.5)
        axes.margins(y=0.01)
        legend = [Patch(color=RAG_COLOURS[k], label=RAG_LABELS[k]) for k in ("green", "yellow", "red")]
        legend.append(
            Line2D([], [], marker="|", linestyle="none", markersize=10, color="#202124", label="应完成")
        )
        axes.legend(
            handles=legend, loc="lower center", bbox_to_anchor=(0.4, 1.0), ncol=4, frameon=False, fontsize=7.5
        )
        return figure


def status_heatmap(scorecard: Sequence[Row], units: Sequence[Row], measures: Sequence[Row]) -> Figure:
    """Unit × measure: the colour of each unit's status, its score written in the cell (the
    completion %, or a rate itself); a cell not scored says why (未报 / 待补)."""
    cells = {(r["unit_code"], r["measure_code"]): r for r in scorecard}
    grid = [[cells.get((u["unit_code"], m["measure_code"])) for m in measures] for u in units]
    with matplotlib.rc_context(_rc()):
        figure = Figure(figsize=(10.2, 0.25 * len(units) + 2.3))
        axes = figure.add_subplot()
        # One pixel per cell, drawn unsmoothed: a few hundred bytes instead of a path per cell.
        colours = [[to_rgb(RAG_COLOURS[row["rag"]] if row else _NO_TARGET) for row in line] for line in grid]
        axes.imshow(colours, interpolation="none", aspect="auto", extent=(0, len(measures), len(units), 0))
        axes.hlines(range(1, len(units)), 0, len(measures), colors="#ffffff", linewidth=1)
        axes.vlines(range(1, len(measures)), 0, len(units), colors="#ffffff", linewidth=1)
        for y, line in enumerate(grid):
            for x, row in enumerate(line):
                if row is None:
                    continue
                if row["rank_in_measure"] is None:
                    axes.text(
                        x + 0.5,
                        y + 0.5,
                        row["status"][:2],
                        ha="center",
                        va="center",
                        fontsize=5.5,
                        color="#ffffff",
                    )
                else:
                    axes.text(
                        x + 0.5,
                        y + 0.5,
                        f"{row['score_value']:.0f}",
                        ha="center",
                        va="center",
                        fontsize=6,
                        color="#ffffff" if row["rag"] in ("green", "red") else "#202124",
                    )
        axes.set_xlim(0, len(measures))
        axes.set_ylim(len(units), 0)
        axes.set_xticks(
            [x + 0.5 for x in range(len(measures))], [m["measure_name"] for m in measures], rotation=90
        )
        axes.set_yticks([y + 0.5 for y in range(len(units))], [u["unit_name"] for u in units])
        axes.xaxis.tick_top()
        axes.tick_params(length=0, labelsize=7)
        for spine in axes.spines.values():
            spine.set_visible(False)
        legend = [Patch(color=RAG_COLOURS[k], label=RAG_LABELS[k]) for k in RAG_COLOURS]
        legend.append(Patch(color=_NO_TARGET, label="无该项目标"))
        axes.legend(
            handles=legend,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.01),
            ncol=5,
            frameon=False,
            fontsize=7.5,
        )
        return figure


def submission_trend(trend: Sequence[Row], statuses: Sequence[Row]) -> Figure:
    """Units by submission status (dim_submission_status: label, colour, order), month by month
    up to the bulletin's month."""
    with matplotlib.rc_context(_rc()):
        figure = Figure(figsize=(7.2, 2.5))
        axes = figure.add_subplot()
        months = [f"{r['month']}月" for r in trend]
        bottom = [0] * len(trend)
        for row in statuses:
            status = row["status"]
            counts = [r[f"units_{status}"] for r in trend]
            axes.bar(
                months, counts, bottom=bottom, color=row["chart_colour"], label=row["status_zh"], width=0.65
            )
            for x, (count, base) in enumerate(zip(counts, bottom, strict=True)):
                if count and status != "on_time":
                    axes.text(
                        x,
                        base + count / 2,
                        str(count),
                        ha="center",
                        va="center",
                        fontsize=6.5,
                        color="#ffffff",
                    )
            bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
        axes.set_ylabel("单位数")
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.tick_params(length=0, labelsize=7.5)
        axes.legend(
            loc="upper center", bbox_to_anchor=(0.5, 1.16), ncol=len(statuses), frameon=False, fontsize=7.5
        )
        return figure
