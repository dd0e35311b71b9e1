"""Synthetic values for the demo year: each unit keeps a pace, and its numbers tell that story.

The whole year is simulated from the seed whatever month the demo stops at, so a month's values
do not depend on how far the demo runs. Each draw has its own generator, seeded by the seed and
what is drawn, so no value depends on the order the others are drawn in.
"""

import random
from dataclasses import dataclass
from itertools import accumulate

from orchestration import reference

MONTHS = 12
# Share of the year's result reached each month: a slow start around the Spring Festival and a
# push before the year-end assessment.
_USUAL_PACE = (3, 4, 8, 8, 9, 10, 8, 8, 9, 9, 10, 14)
_GRADUATION_PACE = (2, 2, 4, 5, 8, 14, 20, 14, 10, 8, 7, 6)  # graduates are counted in summer
_GRADUATE_MEASURE = "T09"
# The plan asks for 400 high-tech enterprises after a net increase of 94, so 306 at the start.
_STOCK_MEASURE = "M03"
_STOCK_FLOW_MEASURE = "I02"
_OPENING_STOCK = 306
DIPS_PER_YEAR = 3
DEMO_NOTE = "演示数据"

# pace: (share of the target reached at year end, range), exponent that delays the curve,
# growth-rate range for the rate measure
_PACES = {
    "ahead": ((1.05, 1.35), 0.9, (14.5, 16.5)),
    "on_track": ((0.95, 1.12), 1.0, (13.8, 15.2)),
    "behind": ((0.75, 0.95), 1.3, (11.5, 13.8)),
    "lagging": ((0.45, 0.75), 1.9, (9.5, 12.0)),
}
_PACE_COUNTS = {"ahead": 5, "behind": 4, "lagging": 3}  # the rest are on track


@dataclass(frozen=True)
class ProgressValue:
    measure_code: str
    month_value: float
    ytd_value: float
    note: str


@dataclass(frozen=True)
class DeliverableValue:
    deliverable_code: str
    status: str  # status name as the template's list shows it
    note: str


@dataclass(frozen=True)
class UnitMonth:
    unit_code: str
    period: str
    progress: tuple[ProgressValue, ...]
    deliverables: tuple[DeliverableValue, ...]


def seeded_rng(seed: int, *what: object) -> random.Random:
    """A generator for one thing to draw; reproducible, not for secrets."""
    return random.Random(":".join(str(part) for part in (seed, *what)))  # noqa: S311


def unit_paces(seed: int, year: int) -> dict[str, str]:
    codes = [u.code for u in reference.submitting_units(year)]
    seeded_rng(seed, "paces").shuffle(codes)
    paces: dict[str, str] = {}
    for pace, count in _PACE_COUNTS.items():
        paces.update(dict.fromkeys(codes[len(paces) : len(paces) + count], pace))
    return {code: paces.get(code, "on_track") for code in sorted(codes)}


def _share_by_month(measure_code: str, delay: float) -> list[float]:
    weights = _GRADUATION_PACE if measure_code == _GRADUATE_MEASURE else _USUAL_PACE
    total = sum(weights)
    return [(part / total) ** delay for part in accumulate(weights)]


def _cumulative_path(final: int, shares: list[float], rng: random.Random) -> list[int]:
    """Year-to-date values in whole units that never fall and end at `final`."""
    path, previous = [], 0
    for share in shares[:-1]:
        value = min(final, max(previous, round(final * share * rng.uniform(0.85, 1.15))))
        path.append(value)
        previous = value
    return [*path, final]


def _rate_path(low: float, high: float, rng: random.Random) -> tuple[list[float], list[float]]:
    """Monthly growth rates and the year-to-date rate (their running mean), one decimal."""
    level = rng.uniform(low, high)
    months = [round(max(3.0, rng.gauss(level, 1.4)), 1) for _ in range(MONTHS)]
    ytd = [round(sum(months[: m + 1]) / (m + 1), 1) for m in range(MONTHS)]
    return months, ytd


def _measure_path(
    seed: int, unit_code: str, measure: reference.Measure, target: float, pace: str
) -> list[float]:
    """Year-to-date value at the end of each month."""
    (low, high), delay, _ = _PACES[pace]
    rng = seeded_rng(seed, unit_code, measure.code)
    shares = _share_by_month(measure.code, delay)
    if measure.kind == "amount":
        cents = _cumulative_path(round(target * rng.uniform(low, high) * 100), shares, rng)
        return [c / 100 for c in cents]
    path = _cumulative_path(round(target * rng.uniform(low, high)), shares, rng)
    return [float(v) for v in path]


def _month_values(ytd: list[float], opening: float = 0.0) -> list[float]:
    return [round(value - before, 2) for value, before in zip(ytd, [opening, *ytd[:-1]], strict=True)]


def _progress_note(measure: reference.Measure, month: int, month_value: float, ytd_value: float) -> str:
    if measure.kind == "rate":
        return f"{DEMO_NOTE}：当月增速{month_value:g}%，1-{month}月累计增速{ytd_value:g}%"
    if measure.code == _STOCK_MEASURE:
        return f"{DEMO_NOTE}：本月净变化{month_value:+g}{measure.uom}，总数{ytd_value:g}{measure.uom}"
    if month_value < 0:
        return f"{DEMO_NOTE}：本月净减少{-month_value:g}{measure.uom}（资格到期未重新认定）"
    if month_value == 0:
        return f"{DEMO_NOTE}：本月无新增，正在推进"
    return f"{DEMO_NOTE}：本月完成{month_value:g}{measure.uom}，累计{ytd_value:g}{measure.uom}"


def _deliverable_story(seed: int, code: str, done_month: int | None, pace: str) -> list[str]:
    """Status name for each month: 未启动 → 前期准备 → 推进中 → 已完成, or 滞后 if it stalls."""
    rng = seeded_rng(seed, code)
    finish = done_month if done_month is not None else MONTHS + rng.randint(1, 4)
    working_from = max(1, finish - rng.randint(1, 4))
    preparing_from = max(1, working_from - rng.randint(1, 3))
    stalls = done_month is None and pace in ("behind", "lagging")
    story = []
    for month in range(1, MONTHS + 1):
        if month >= finish:
            story.append("已完成")
        elif stalls and month >= 9:
            story.append("滞后")
        elif month >= working_from:
            story.append("推进中")
        elif month >= preparing_from:
            story.append("前期准备")
        else:
            story.append("未启动")
    return story


_DELIVERABLE_NOTES = {
    "未启动": "尚未启动",
    "前期准备": "正在开展前期对接",
    "推进中": "项目按计划推进",
    "已完成": "已完成",
    "滞后": "进度滞后，正在协调解决",
}


Paths = dict[tuple[str, str], tuple[list[float], list[float]]]


def _paths(seed: int, year: int, paces: dict[str, str]) -> Paths:
    """(unit, measure) -> (month values, year-to-date values), one of each per month."""
    measures = reference.measures(year)
    paths: Paths = {}
    stock_reporters = []
    for unit in reference.submitting_units(year):
        for a in reference.assignments_for(year, unit.code):
            measure = measures[a.measure_code]
            key = (unit.code, a.measure_code)
            if measure.kind == "rate":
                low, high = _PACES[paces[unit.code]][2]
                paths[key] = _rate_path(low, high, seeded_rng(seed, *key))
            elif a.measure_code == _STOCK_MEASURE:
                stock_reporters.append(key)
            else:
                ytd = _measure_path(seed, unit.code, measure, a.target or 0, paces[unit.code])
                paths[key] = (_month_values(ytd), ytd)
    _add_dips(seed, year, paths)
    # The district's stock moves with the net increases the units report.
    flows = [ytd for (_, code), (_, ytd) in paths.items() if code == _STOCK_FLOW_MEASURE]
    stock = [_OPENING_STOCK + sum(flow[m] for flow in flows) for m in range(MONTHS)]
    for key in stock_reporters:
        paths[key] = (_month_values(stock, _OPENING_STOCK), stock)
    return paths


def _add_dips(seed: int, year: int, paths: Paths) -> None:
    """A few net increases fall for a month, e.g. when an enterprise's certificate lapses and it
    loses its high-tech status; the following month makes up for it."""
    measures = reference.measures(year)
    candidates = sorted(
        (key, month)
        for key, (_, ytd) in paths.items()
        if not measures[key[1]].is_cumulative and measures[key[1]].kind != "rate"
        for month in range(1, MONTHS - 1)
        if ytd[month - 1] >= 1 and ytd[month + 1] >= ytd[month - 1]
    )
    seeded_rng(seed, "dips").shuffle(candidates)
    dipped: set[tuple[str, str]] = set()
    for key, month in candidates:
        if key in dipped or len(dipped) == DIPS_PER_YEAR:
            continue
        ytd = list(paths[key][1])
        ytd[month] = ytd[month - 1] - 1
        paths[key] = (_month_values(ytd), ytd)
        dipped.add(key)


def _completion_month(year: int, paths: Paths, item: reference.Deliverable) -> int | None:
    """The k-th named project of a measure is done in the month the unit's count first reaches k."""
    if (item.unit_code, item.measure_code) not in paths:
        return None
    _, ytd = paths[item.unit_code, item.measure_code]
    siblings = [
        d.code
        for d in reference.deliverables_for(year, item.unit_code)
        if d.measure_code == item.measure_code
    ]
    rank = siblings.index(item.code) + 1
    return next((month for month, value in enumerate(ytd, start=1) if value >= rank), None)


def simulate_year(seed: int, year: int) -> dict[tuple[str, str], UnitMonth]:
    """(unit code, YYYY-MM) -> the values the unit reports for that month."""
    measures = reference.measures(year)
    paces = unit_paces(seed, year)
    paths = _paths(seed, year, paces)
    result: dict[tuple[str, str], UnitMonth] = {}
    for unit in reference.submitting_units(year):
        stories = {
            item.code: _deliverable_story(
                seed, item.code, _completion_month(year, paths, item), paces[unit.code]
            )
            for item in reference.deliverables_for(year, unit.code)
        }
        for month in range(1, MONTHS + 1):
            progress = []
            for a in reference.assignments_for(year, unit.code):
                months, ytd = paths[unit.code, a.measure_code]
                value, total = months[month - 1], ytd[month - 1]
                note = _progress_note(measures[a.measure_code], month, value, total)
                progress.append(ProgressValue(a.measure_code, value, total, note))
            deliverables = tuple(
                DeliverableValue(
                    code, story[month - 1], f"{DEMO_NOTE}：{_DELIVERABLE_NOTES[story[month - 1]]}"
                )
                for code, story in stories.items()
            )
            period = f"{year}-{month:02d}"
            result[unit.code, period] = UnitMonth(unit.code, period, tuple(progress), deliverables)
    return result
