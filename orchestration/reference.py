"""The loaded plans as dbt built them, for code that runs before the monthly build.

Plain look-ups only (which units exist, what a name or code means, who reports what against
which target in a plan year): every rule that decides them lives in the dbt models, built into
the reference database (orchestration/plans/reference_build.py). The tables are small and read
once per process, and again when the loaded plans change.
"""

import time
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from orchestration import settings
from orchestration.plans import reference_build


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    unit_type: str


@dataclass(frozen=True)
class Measure:
    code: str
    item_code: str
    item_name: str
    name: str
    name_en: str
    uom: str
    kind: str
    target_type: str  # growth_rate / net_increase / cumulative / stock

    @property
    def is_cumulative(self) -> bool:
        """Year-to-date only grows (new entries, events held); net increases and rates may fall."""
        return self.target_type == "cumulative"


@dataclass(frozen=True)
class Assignment:
    unit_code: str
    measure_code: str
    target: float | None


@dataclass(frozen=True)
class Deliverable:
    code: str
    measure_code: str
    unit_code: str
    name: str


class PlanNotLoaded(LookupError):
    """No plan is loaded for the year asked about; the message names it, Chinese first."""

    def __init__(self, year: int):
        super().__init__(f"{year}年方案尚未导入。 No plan is loaded for {year}.")
        self.year = year


@dataclass(frozen=True)
class _Reference:
    years: tuple[int, ...]
    units: dict[str, Unit]
    aliases: dict[str, str]
    measures: dict[int, dict[str, Measure]]
    unit_assignments: dict[int, dict[str, tuple[Assignment, ...]]]  # each unit's, in measure order
    deliverables: dict[int, tuple[Deliverable, ...]]
    deliverable_statuses: dict[str, str]


# How often a long-running process (the portal) looks whether the loaded plans changed; a
# process that adds a plan itself calls forget().
_RECHECK_S = 5.0


@dataclass
class _Loaded:
    checked_at: float
    plans_dir: Path
    key: str
    reference: _Reference


_loaded: _Loaded | None = None


def _reference() -> _Reference:
    global _loaded
    now, plans_dir = time.monotonic(), settings.plans_dir()
    if _loaded is not None and _loaded.plans_dir == plans_dir and now - _loaded.checked_at < _RECHECK_S:
        return _loaded.reference
    database = reference_build.current_database()
    key = database.parent.name
    if _loaded is None or _loaded.key != key:
        _loaded = _Loaded(now, plans_dir, key, _read(str(database)))
    else:
        _loaded = _Loaded(now, plans_dir, key, _loaded.reference)
    return _loaded.reference


def forget() -> None:
    """Look at the loaded plans again on the next call (after this process added a plan)."""
    global _loaded
    _loaded = None


def _read(database: str) -> _Reference:
    with duckdb.connect(database, read_only=True) as db:

        def rows(sql: str) -> list[tuple]:
            return db.execute(sql).fetchall()

        measures: dict[int, dict[str, Measure]] = {}
        for year, *fields in rows(
            "select plan_year, measure_code, item_code, item_name, measure_name, measure_name_en, uom, kind,"
            " target_type from marts.dim_indicator where measure_code is not null"
            " order by plan_year, measure_order"
        ):
            measures.setdefault(year, {})[fields[0]] = Measure(*fields)
        assignments: dict[int, list[Assignment]] = {}
        for year, unit, measure, target in rows(
            "select plan_year, unit_code, measure_code, target_value from intermediate.int_reporting_assignments"
            " order by plan_year, unit_code, measure_code"
        ):
            assignments.setdefault(year, []).append(Assignment(unit, measure, target))
        deliverables: dict[int, list[Deliverable]] = {}
        for year, *fields in rows(
            "select plan_year, deliverable_code, measure_code, unit_code, deliverable_name"
            " from marts.dim_deliverable order by plan_year, deliverable_code"
        ):
            deliverables.setdefault(year, []).append(Deliverable(*fields))
        return _Reference(
            years=tuple(sorted(measures)),
            units={
                code: Unit(code, name, kind)
                for code, name, kind in rows(
                    "select unit_code, unit_name, unit_type from marts.dim_unit order by unit_code"
                )
            },
            aliases={
                normalise_name(alias): code
                for alias, code in rows("select alias, unit_code from marts.dim_unit_alias")
            },
            measures=measures,
            unit_assignments={
                year: _by_unit(found, list(measures[year])) for year, found in assignments.items()
            },
            deliverables={year: tuple(found) for year, found in deliverables.items()},
            deliverable_statuses=dict(
                rows(
                    "select status_name, status_code from reference.deliverable_statuses order by sort_order"
                )
            ),
        )


def _by_unit(assignments: list[Assignment], measure_order: list[str]) -> dict[str, tuple[Assignment, ...]]:
    """Each unit's assignments in the plan's measure order: a reader looks them up per file."""
    position = {code: i for i, code in enumerate(measure_order)}
    found: dict[str, list[Assignment]] = {}
    for assignment in sorted(assignments, key=lambda a: position[a.measure_code]):
        found.setdefault(assignment.unit_code, []).append(assignment)
    return {unit: tuple(chosen) for unit, chosen in found.items()}


def normalise_name(text: str) -> str:
    """Fold full-width characters and drop spaces so that spellings compare equal."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def plan_years() -> tuple[int, ...]:
    """The years with a loaded plan, oldest first."""
    return _reference().years


def has_plan(year: int) -> bool:
    return year in _reference().years


def units() -> dict[str, Unit]:
    """Every unit any loaded plan names, under its latest name."""
    return _reference().units


def unit_aliases() -> dict[str, str]:
    """Normalised alias (and the unit code itself) -> unit code."""
    return _unit_index(state())


def resolve_unit(text: str) -> str | None:
    return unit_aliases().get(normalise_name(text))


def measures(year: int) -> dict[str, Measure]:
    """The measures of one plan year, in the plan's order."""
    found = _reference().measures.get(year)
    if found is None:
        raise PlanNotLoaded(year)
    return found


def measure_names(year: int) -> dict[str, str]:
    """Normalised measure name, item name of single-measure items, and code -> measure code."""
    return _name_index(state(), year)


def reporting_assignments(year: int) -> tuple[Assignment, ...]:
    measures(year)
    return tuple(a for chosen in _reference().unit_assignments.get(year, {}).values() for a in chosen)


def assignments_for(year: int, unit_code: str) -> list[Assignment]:
    """What the unit reports in the plan year, in the plan's measure order."""
    measures(year)
    return list(_reference().unit_assignments.get(year, {}).get(unit_code, ()))


def submitting_units(year: int) -> list[Unit]:
    measures(year)
    codes = _reference().unit_assignments.get(year, {})
    return [u for code, u in units().items() if code in codes]


def deliverables(year: int) -> tuple[Deliverable, ...]:
    measures(year)
    return _reference().deliverables.get(year, ())


def deliverables_for(year: int, unit_code: str) -> list[Deliverable]:
    return [d for d in deliverables(year) if d.unit_code == unit_code]


def deliverable_statuses() -> dict[str, str]:
    """Status name (as shown in the template list) -> status code."""
    return _reference().deliverable_statuses


def state() -> str:
    """Names the state of the loaded plans: caches of look-ups key on it."""
    _reference()
    return _loaded.key


@cache
def _unit_index(key: str) -> dict[str, str]:
    reference = _reference()
    return reference.aliases | {normalise_name(code): code for code in reference.units}


@cache
def _name_index(key: str, year: int) -> dict[str, str]:
    index: dict[str, str] = {}
    by_item: dict[str, list[Measure]] = {}
    for m in measures(year).values():
        index[normalise_name(m.name)] = m.code
        index[normalise_name(m.code)] = m.code
        by_item.setdefault(m.item_code, []).append(m)
    for found in by_item.values():
        if len(found) == 1:
            index.setdefault(normalise_name(found[0].item_name), found[0].code)
    return index
