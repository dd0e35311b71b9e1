"""A plan with the 17 units of Annex 2 repeated, loaded the way the office loads a plan, for the
scale benchmarks only.

Unit k of a copy gets the code <original>K<k> and the original's name with the number added, the
same Annex 2 cells, and its own alias, so the demo generator writes files for it and the reader
resolves them. The shipped plan is never touched: the scaled plan goes to the benchmark's own
plans directory.
"""

from pathlib import Path

from orchestration.plans import store
from orchestration.plans.tables import Plan

SOURCE = "基准测试合成单位（仅用于规模测试）bench only"


def scaled_plans(factor: int, root: Path) -> Path:
    """Write the 2021 plan with factor x the Annex 2 units as root/plans (where a deployment with
    its warehouse in root/warehouse looks for plans); factor 1 is the shipped plan."""
    plans = root / "plans"
    plan = scaled_plan(factor, store.default_plan())
    record = {**store.candidate_record(store.DEFAULT_YEAR), "added_by": "基准测试", "source": SOURCE}
    store.write_version(plans / str(store.DEFAULT_YEAR), plan, record)
    return plans


def scaled_plan(factor: int, plan: Plan) -> Plan:
    annex2 = annex2_units(plan)
    copies = [(u, k) for k in range(2, factor + 1) for u in annex2]
    by_unit: dict[str, list[dict]] = {}
    for row in plan["plan_allocations"]:
        by_unit.setdefault(row["unit_code"], []).append(row)
    return {
        **plan,
        "plan_units": plan["plan_units"]
        + [
            {
                **u,
                "unit_code": copy_code(u["unit_code"], k),
                "unit_name": copy_name(u["unit_name"], k),
                "annex2_row": "",
                "source": SOURCE,
            }
            for u, k in copies
        ],
        "plan_unit_aliases": plan["plan_unit_aliases"]
        + [
            {
                "alias": copy_name(u["unit_name"], k),
                "unit_code": copy_code(u["unit_code"], k),
                "source": SOURCE,
            }
            for u, k in copies
        ],
        "plan_allocations": plan["plan_allocations"]
        + [
            {**row, "unit_code": copy_code(u["unit_code"], k), "source": SOURCE}
            for u, k in copies
            for row in by_unit[u["unit_code"]]
        ],
    }


def annex2_units(plan: Plan) -> list[dict]:
    """The units of Annex 2's table: the ones the benchmarks copy."""
    return [u for u in plan["plan_units"] if u["annex2_row"]]


def copy_code(unit_code: str, k: int) -> str:
    return f"{unit_code}K{k:03d}"


def copy_name(unit_name: str, k: int) -> str:
    return f"合成{k:03d}{unit_name}"
