"""A copy of the dbt project with the 17 units of Annex 2 repeated, for the scale benchmark only.

Unit k of a copy gets the code <original>K<k> and the original's name with the number added, the
same Annex 2 cells, and its own alias, so the demo generator writes files for it and the reader
resolves them. The plan's own reference data in dbt_project/ is never touched.
"""

import csv
import shutil
from pathlib import Path

from orchestration import settings

SOURCE = "基准测试合成单位（仅用于规模测试）bench only"


def scaled_project(factor: int, out_dir: Path) -> Path:
    """Copy dbt_project/ into out_dir with factor x the Annex 2 units; factor 1 is a plain copy."""
    project = out_dir / "dbt_project"
    shutil.copytree(
        settings.PROJECT_ROOT / "dbt_project", project, ignore=shutil.ignore_patterns("target", "logs")
    )
    seeds = project / "seeds"
    units = _read(seeds / "plan_units.csv")
    annex2 = [u for u in units if u["annex2_row"]]
    copies = [(u, k) for k in range(2, factor + 1) for u in annex2]
    _append(
        seeds / "plan_units.csv",
        [
            {**u, "unit_code": _code(u, k), "unit_name": _name(u, k), "annex2_row": "", "source": SOURCE}
            for u, k in copies
        ],
    )
    _append(
        seeds / "plan_unit_aliases.csv",
        [{"alias": _name(u, k), "unit_code": _code(u, k), "source": SOURCE} for u, k in copies],
    )
    allocations = _read(seeds / "plan_allocations.csv")
    by_unit: dict[str, list[dict]] = {}
    for row in allocations:
        by_unit.setdefault(row["unit_code"], []).append(row)
    _append(
        seeds / "plan_allocations.csv",
        [
            {**row, "unit_code": _code(u, k), "source": SOURCE}
            for u, k in copies
            for row in by_unit[u["unit_code"]]
        ],
    )
    return project


def _code(unit: dict, k: int) -> str:
    return f"{unit['unit_code']}K{k:03d}"


def _name(unit: dict, k: int) -> str:
    return f"合成{k:03d}{unit['unit_name']}"


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _append(path: Path, rows: list[dict]) -> None:
    if not rows:
        return
    with path.open(encoding="utf-8", newline="") as f:
        fields = next(csv.reader(f))
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=fields, lineterminator="\n").writerows(rows)
