"""The plan's reference data for Python code that runs before dbt (ingestion, templates, demo).

Reads the dbt seed CSVs, the one place the plan is transcribed. `reporting_assignments` mirrors the
dbt model int_reporting_assignments; tests/test_reference_drift.py keeps the two in step.
"""

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache

from orchestration import settings
from orchestration.plans.store import DEFAULT_DIR


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    unit_type: str


@dataclass(frozen=True)
class Measure:
    code: str
    item_code: str
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


def normalise_name(text: str) -> str:
    """Fold full-width characters and drop spaces so that spellings compare equal."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _rows(seed: str) -> list[dict[str, str]]:
    folder = DEFAULT_DIR / "2021" if seed.startswith("plan_") else settings.dbt_project_dir() / "seeds"
    with (folder / f"{seed}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _flag(value: str) -> bool:
    return value.strip().lower() == "true"


@cache
def units() -> dict[str, Unit]:
    return {r["unit_code"]: Unit(r["unit_code"], r["unit_name"], r["unit_type"]) for r in _rows("plan_units")}


@cache
def unit_aliases() -> dict[str, str]:
    """Normalised alias (and the unit code itself) -> unit code."""
    index = {normalise_name(r["alias"]): r["unit_code"] for r in _rows("plan_unit_aliases")}
    index.update({normalise_name(code): code for code in units()})
    return index


def resolve_unit(text: str) -> str | None:
    return unit_aliases().get(normalise_name(text))


@cache
def measures() -> dict[str, Measure]:
    return {
        r["measure_code"]: Measure(
            code=r["measure_code"],
            item_code=r["item_code"],
            name=r["measure_name"],
            name_en=r["measure_name_en"],
            uom=r["uom"],
            kind=r["kind"],
            target_type=r["target_type"],
        )
        for r in _rows("plan_measures")
    }


@cache
def measure_names() -> dict[str, str]:
    """Normalised measure name, item name of single-measure items, and code -> measure code."""
    index: dict[str, str] = {}
    by_item: dict[str, list[str]] = {}
    for m in measures().values():
        index[normalise_name(m.name)] = m.code
        index[normalise_name(m.code)] = m.code
        by_item.setdefault(m.item_code, []).append(m.code)
    for item in _rows("plan_items"):
        codes = by_item.get(item["item_code"], [])
        if len(codes) == 1:
            index.setdefault(normalise_name(item["item_name"]), codes[0])
    return index


@cache
def district_targets() -> dict[str, float]:
    """Measure -> district target, by the same preference as int_measure_district_targets."""
    preference = {"附件1": 1, "正文": 2, "备注": 3, "附件2表头": 4}
    best: dict[str, tuple[int, str, float]] = {}
    candidates = [
        (r["measure_code"], r["source_doc"], r["source"], float(r["target_value"]))
        for r in _rows("plan_district_targets")
        if r["measure_code"] and not _flag(r["is_challenge"])
    ] + [
        (r["measure_code"], "附件2表头", r["source"], float(r["target_value"]))
        for r in _rows("plan_annex2_targets")
        if r["measure_code"] and r["value_kind"] == "header"
    ]
    for code, doc, source, value in candidates:
        key = (preference[doc], source, value)
        if code not in best or key < best[code]:
            best[code] = key
    return {code: value for code, (_, _, value) in best.items()}


@cache
def reporting_assignments() -> tuple[Assignment, ...]:
    """Who reports which measure, with the unit's annual target (see int_reporting_assignments)."""
    measures_by_item: dict[str, list[str]] = {}
    for m in measures().values():
        measures_by_item.setdefault(m.item_code, []).append(m.code)
    items = {r["item_code"]: r for r in _rows("plan_items")}
    targets = district_targets()
    found = [
        Assignment(r["unit_code"], r["measure_code"], float(r["allocated_value"]))
        for r in _rows("plan_allocations")
        if _flag(r["is_allocated"])
    ]
    for owner in _rows("plan_owners"):
        main_text_only = items[owner["item_code"]]["item_group"] == "正文目标" and owner["role"] == "lead"
        if (owner["role"] == "sole_owner" or main_text_only) and owner["unit_ref"] in units():
            found += [
                Assignment(owner["unit_ref"], code, targets.get(code))
                for code in measures_by_item.get(owner["item_code"], [])
            ]
    return tuple(found)


def assignments_for(unit_code: str) -> list[Assignment]:
    order = list(measures())
    chosen = [a for a in reporting_assignments() if a.unit_code == unit_code]
    return sorted(chosen, key=lambda a: order.index(a.measure_code))


def submitting_units() -> list[Unit]:
    codes = {a.unit_code for a in reporting_assignments()}
    return [u for code, u in units().items() if code in codes]


@cache
def deliverables() -> tuple[Deliverable, ...]:
    return tuple(
        Deliverable(r["deliverable_code"], r["measure_code"], r["unit_code"], r["deliverable_name"])
        for r in _rows("plan_deliverables")
    )


def deliverables_for(unit_code: str) -> list[Deliverable]:
    return [d for d in deliverables() if d.unit_code == unit_code]


@cache
def deliverable_statuses() -> dict[str, str]:
    """Status name (as shown in the template list) -> status code."""
    return {r["status_name"]: r["status_code"] for r in _rows("deliverable_statuses")}
