"""The plan's reference data built by dbt before anything reads it: one DuckDB file per state.

Ingest, templates and the portal need to know who reports what against which target before the
monthly build runs. They read it from a small build of the plan's models only (no submissions):
`<reference dir>/<fingerprint>/tineng.duckdb`. The fingerprint covers the content of the loaded
plans and the dbt project's code, so the build runs once after a plan is added or the models
change, and every later caller opens the file it already made. Files are never rebuilt in place:
a reader holding an older one is never blocked. Readers use its tables only (the staging views
in it read the plans directory it was built from).
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from orchestration import settings
from orchestration.plans import store

# The plan's models every reader and every plan check needs, with everything upstream of them.
MODELS = (
    "dim_unit",
    "dim_unit_alias",
    "dim_indicator",
    "dim_deliverable",
    "fct_target",
    "fct_owner",
    "int_reporting_assignments",
    "int_target_reconciliation",
    "int_district_target_sources",
    "int_item_owner_summary",
    "int_owners_resolved",
)
SEEDS = ("deliverable_statuses",)
# Built databases kept beside the current one: a reader that opened one keeps it.
KEEP = 3
DB_NAME = "tineng.duckdb"  # DuckDB names the catalog after the file; dbt's views refer to it


class ReferenceBuildError(Exception):
    """dbt could not build the plan's reference data; the message says what failed."""


@dataclass(frozen=True)
class BuildResult:
    database: Path
    failures: list[dict]  # dbt tests that failed: {"name", "message"}


def fingerprint() -> str:
    """Hash of the current version's tables of every loaded year and of the dbt project's files:
    the same plans give the same reference data wherever they are loaded."""
    digest = hashlib.sha256()
    for year in store.years():
        tables = store.version_dir(year) / "tables"
        for path in sorted(tables.glob("*.csv")):
            digest.update(f"{year}/{path.name}".encode())
            digest.update(path.read_bytes())
    project = settings.dbt_project_dir()
    for path in sorted(project.glob("dbt_project.yml")) + sorted(
        p for folder in ("models", "macros", "seeds") for p in (project / folder).rglob("*") if p.is_file()
    ):
        digest.update(str(path.relative_to(project)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def current_database() -> Path:
    """The reference database for the plans loaded now, built first if it is not there yet.

    Installs the shipped 2021 plan on a deployment that has none.
    """
    store.install_default()
    print_progress = sys.stderr.isatty()
    key = fingerprint()
    target = settings.reference_dir() / key / DB_NAME
    if target.exists():
        return target
    settings.reference_dir().mkdir(parents=True, exist_ok=True)
    with FileLock(settings.reference_dir() / ".build.lock"):
        if target.exists():  # another process built it while this one waited
            return target
        if print_progress:
            print("正在整理方案数据… Building the plan's reference data…", file=sys.stderr, flush=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=settings.reference_dir()))
        try:
            build(settings.plans_dir(), staging / DB_NAME, with_tests=False)
            staging.rename(target.parent)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        _prune(keep=target.parent)
    return target


def build(plans_dir: Path, database: Path, *, with_tests: bool) -> BuildResult:
    """Run dbt on the plan's models over `plans_dir` into `database`.

    With tests, failing dbt tests are returned (a plan check reports them); without, only models
    and seeds are built. A dbt error other than a failing test raises ReferenceBuildError.
    """
    target_path = database.parent / "dbt"
    selection = [f"+{m}" for m in MODELS] + list(SEEDS)
    command = [
        str(Path(sys.executable).parent / "tineng-dbt"),
        "build",
        "--quiet",
        "--project-dir",
        str(settings.dbt_project_dir()),
        "--profiles-dir",
        str(settings.dbt_project_dir()),
        "--target-path",
        str(target_path),
        "--select",
        *selection,
        # only the tests whose every parent is a plan model: the rest need submissions
        "--indirect-selection",
        "cautious",
    ]
    if not with_tests:
        command += ["--exclude-resource-type", "test", "unit_test"]
    env = os.environ | {
        "TINENG_BUILD_DB": str(database),
        "TINENG_PLANS_DIR": str(plans_dir),
        "TINENG_DBT_PARENT_PID": str(os.getpid()),
        "DBT_LOG_PATH": str(target_path / "logs"),
    }
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=settings.dbt_project_dir())
    results = _results(target_path)
    failures = [r for r in results if r["status"] in ("fail", "warn") and r["kind"] == "test"]
    errors = [r for r in results if r["status"] == "error"]
    if errors or (done.returncode != 0 and not failures):
        detail = (
            "; ".join(f"{r['name']}: {r['message']}" for r in errors) or (done.stdout + done.stderr)[-2000:]
        )
        raise ReferenceBuildError(f"方案数据整理失败。 Building the plan's reference data failed: {detail}")
    return BuildResult(database, [{"name": r["name"], "message": r["message"]} for r in failures])


def _results(target_path: Path) -> list[dict]:
    path = target_path / "run_results.json"
    if not path.exists():
        return []
    found = []
    for result in json.loads(path.read_text(encoding="utf-8"))["results"]:
        unique_id = result["unique_id"]
        found.append(
            {
                "name": unique_id.split(".")[2] if unique_id.count(".") >= 2 else unique_id,
                "kind": unique_id.split(".")[0],
                "status": result["status"],
                "message": result.get("message") or "",
            }
        )
    return found


def _prune(keep: Path) -> None:
    """Remove built databases beyond the newest few (this module made them all)."""
    built = sorted(
        (p for p in settings.reference_dir().iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in [p for p in built if p != keep][KEEP - 1 :]:
        shutil.rmtree(old, ignore_errors=True)
