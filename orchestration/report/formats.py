"""How a mart value is written in a report: numbers, percentages, points and dates, in Chinese."""

from datetime import date, datetime
from typing import Any

MISSING = "—"


def number(value: Any) -> str:
    """A mart value for a table cell: thousands separators, no trailing zeros, — when empty."""
    if value is None:
        return MISSING
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:,.0f}"


def percent(value: Any) -> str:
    return MISSING if value is None else f"{value:.1f}%"


def points(value: Any) -> str:
    """Gap to 序时进度 in points, signed."""
    if value is None:
        return MISSING
    return f"+{value:.1f}" if value > 0 else f"{value:.1f}".replace("-", "−")


def day(value: date | datetime | None) -> str:
    return MISSING if value is None else f"{value.year}年{value.month}月{value.day}日"


def moment(value: datetime | None) -> str:
    return MISSING if value is None else f"{value:%Y-%m-%d %H:%M}"


def score_text(row: dict) -> str:
    """A unit's figure on a measure as leaders read it: 完成率, or the rate itself, or its status."""
    if row["rank_in_measure"] is None:
        return row["status"]
    if row["progress_basis"] == "rate":
        return f"增速{number(row['ytd_value'])}%"
    return f"完成{percent(row['completion_pct'])}"


def gap_cells(row: dict) -> list[str]:
    """年度目标, 累计完成, 完成情况, 差距, 状态 of a scorecard row, as the bulletin's tables print them."""
    return [
        f"{number(row['target_value'])}{row['uom']}",
        number(row["ytd_value"]),
        score_text(row),
        points(row["gap_points"]),
        row["status"],
    ]
