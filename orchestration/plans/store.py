"""The plans directory: every plan year the office loaded, every version of it, never rewritten.

    <plans dir>/<year>/v<n>/version.json        who added it, when, from which workbook, what changed
    <plans dir>/<year>/v<n>/tables/<table>.csv  the plan's tables (tables.py), with plan_year,
                                                plan_version and row_no in front
    <plans dir>/<year>/v<n>/<workbook>          the workbook as the office gave it, copied

A version is written into a hidden folder and renamed into place, so a half-written version is
never read. dbt reads the latest version of each year (macro plan_table); earlier versions stay.
"""

import csv
import json
import re
import shutil
import tempfile
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from orchestration import settings
from orchestration.plans.tables import STORED_COLUMNS, TABLES, Plan, empty_plan

DEFAULT_DIR = Path(__file__).resolve().parent / "default"
DEFAULT_YEAR = 2021
DEFAULT_SOURCE = "随系统提供：武临开办〔2021〕1号《东西湖区科技创新提能行动实施方案》的转录"
_VERSION = re.compile(r"^v(\d+)$")


class PlanStoreError(Exception):
    """A plan cannot be stored as asked; the message is for the office, Chinese first."""


def year_dir(year: int) -> Path:
    return settings.plans_dir() / str(year)


def versions(year: int) -> list[int]:
    folder = year_dir(year)
    if not folder.is_dir():
        return []
    found = (_VERSION.match(p.name) for p in folder.iterdir() if (p / "version.json").is_file())
    return sorted(int(m.group(1)) for m in found if m)


def years() -> list[int]:
    """The plan years loaded, oldest first."""
    root = settings.plans_dir()
    if not root.is_dir():
        return []
    return sorted(int(p.name) for p in root.iterdir() if p.name.isdigit() and versions(int(p.name)))


def first_year() -> int:
    """The first loaded plan year (the shipped plan's before any is loaded): partitions start there."""
    found = years()
    return found[0] if found else DEFAULT_YEAR


def months() -> list[str]:
    """Every month (YYYY-MM) of every loaded plan year."""
    return [f"{year}-{month:02d}" for year in years() or [DEFAULT_YEAR] for month in range(1, 13)]


def version_dir(year: int, version: int | None = None) -> Path:
    found = versions(year)
    if not found:
        raise PlanStoreError(f"{year}年方案尚未导入。 No plan is loaded for {year}.")
    chosen = found[-1] if version is None else version
    if chosen not in found:
        raise PlanStoreError(f"{year}年方案没有第{chosen}版。 The {year} plan has no version {chosen}.")
    return year_dir(year) / f"v{chosen}"


def version_info(year: int, version: int | None = None) -> dict:
    return json.loads((version_dir(year, version) / "version.json").read_text(encoding="utf-8"))


def history() -> list[dict]:
    """Every version of every loaded year, oldest first."""
    return [version_info(year, v) for year in years() for v in versions(year)]


def read(year: int, version: int | None = None) -> Plan:
    """The tables of one loaded version (the latest by default), without the stored columns."""
    return read_tables(version_dir(year, version) / "tables")


def read_tables(folder: Path) -> Plan:
    plan = empty_plan()
    for table in TABLES:
        path = folder / f"{table.name}.csv"
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            plan[table.name] = [
                {column: row.get(column) or "" for column in table.columns} for row in csv.DictReader(f)
            ]
    return plan


def default_plan() -> Plan:
    """The 2021 plan as transcribed from the plan text (../shared/seeds), shipped with the system."""
    return read_tables(DEFAULT_DIR / str(DEFAULT_YEAR))


def changes(old: Plan, new: Plan) -> list[dict]:
    """What a revision changes, table by table: rows added and rows removed (a changed row is one
    of each), with the rows themselves."""
    found = []
    for table in TABLES:
        before = Counter(tuple(r[c] for c in table.columns) for r in old[table.name])
        after = Counter(tuple(r[c] for c in table.columns) for r in new[table.name])
        added, removed = after - before, before - after
        if added or removed:
            found.append(
                {
                    "table": table.name,
                    "title_zh": table.title_zh,
                    "added": [dict(zip(table.columns, row, strict=True)) for row in added.elements()],
                    "removed": [dict(zip(table.columns, row, strict=True)) for row in removed.elements()],
                }
            )
    return found


def add(
    year: int,
    plan: Plan,
    *,
    added_by: str,
    source: str,
    workbook: Path | None = None,
    replace: bool = False,
    note: str = "",
) -> dict:
    """Store `plan` as the next version of `year`; returns its version record.

    Without `replace`, a year that already has a plan is refused; with it, the new version
    becomes current and the record lists what changed against the one it replaces.
    """
    existing = versions(year)
    if existing and not replace:
        raise PlanStoreError(
            f"{year}年方案已导入（第{existing[-1]}版）；修订请加 --replace。"
            f" A {year} plan is already loaded (version {existing[-1]}); use --replace to revise it."
        )
    version = (existing[-1] + 1) if existing else 1
    previous = read(year) if existing else None
    record = _record(year, version, added_by=added_by, source=source, workbook=workbook, note=note)
    record["replaces"] = existing[-1] if existing else None
    record["changes"] = changes(previous, plan) if previous is not None else []
    write_version(year_dir(year), plan, record, workbook)
    return record


def candidate_record(year: int) -> dict:
    """The record of a plan written only to be checked (a scratch plans directory)."""
    return _record(year, 1, added_by="方案检查", source="待检查的方案工作簿", workbook=None, note="")


def _record(year: int, version: int, *, added_by: str, source: str, workbook: Path | None, note: str) -> dict:
    return {
        "plan_year": year,
        "version": version,
        "replaces": None,
        "added_by": added_by,
        "added_at": datetime.now(ZoneInfo(settings.TIMEZONE)).isoformat(timespec="seconds"),
        "source": source,
        "workbook": workbook.name if workbook else None,
        "note": note,
        "changes": [],
    }


def write_version(year_folder: Path, plan: Plan, record: dict, workbook: Path | None = None) -> Path:
    """Write one version into `year_folder` (a hidden folder renamed into place) and return it."""
    year, version = record["plan_year"], record["version"]
    year_folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".v{version}-", dir=year_folder))
    final = year_folder / f"v{version}"
    try:
        _write_tables(staging / "tables", year, version, plan)
        if workbook is not None:
            shutil.copy2(workbook, staging / workbook.name)
        (staging / "version.json").write_text(
            json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        try:
            staging.rename(final)
        except OSError as error:
            raise PlanStoreError(
                f"{year}年方案第{version}版已由另一操作写入，请重试。 Version {version} of {year} appeared meanwhile."
            ) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return final


def install_default() -> bool:
    """Load the shipped 2021 plan when no plan is loaded yet (a fresh deployment); True if it did."""
    if years():
        return False
    add(DEFAULT_YEAR, default_plan(), added_by="系统", source=DEFAULT_SOURCE)
    return True


def _write_tables(folder: Path, year: int, version: int, plan: Plan) -> None:
    folder.mkdir(parents=True)
    for table in TABLES:
        with (folder / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow((*STORED_COLUMNS, *table.columns))
            for row_no, row in enumerate(plan[table.name], start=1):
                writer.writerow((year, version, row_no, *(row.get(c, "") for c in table.columns)))
