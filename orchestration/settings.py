"""Where things live and the limits that apply; the one module that reads the environment.

Everything is read when called, never at import, so tests and the CLI can point a run elsewhere
by setting an environment variable.
"""

import os
from functools import cache
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TIMEZONE = "Asia/Shanghai"


def _path_from_env(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


def _int_from_env(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def dbt_project_dir() -> Path:
    """The dbt project; TINENG_DBT_PROJECT_DIR points elsewhere (the scale benchmark uses a copy
    with synthetic units added to the reference data)."""
    return _path_from_env("TINENG_DBT_PROJECT_DIR", PROJECT_ROOT / "dbt_project")


def seeds_dir() -> Path:
    return dbt_project_dir() / "seeds"


def raw_dir() -> Path:
    """Landing zone: raw/<YYYY-MM>/ holds the files units sent for that month (never modified)."""
    return _path_from_env("TINENG_RAW_DIR", PROJECT_ROOT / "raw")


def warehouse_dir() -> Path:
    return _path_from_env("TINENG_WAREHOUSE_DIR", PROJECT_ROOT / "warehouse")


def ledger_dir() -> Path:
    """The submission ledger (every file ever seen, every verdict) and the refresh lock; back it
    up. TINENG_LEDGER_DIR, by default `ledger/` beside the warehouse directory: never inside it,
    so no rebuild or publish touches it."""
    return _path_from_env("TINENG_LEDGER_DIR", warehouse_dir().parent / "ledger")


def ledger_db() -> Path:
    return ledger_dir() / "ledger.sqlite"


def refresh_lock() -> Path:
    """Every refresh (CLI or Dagster) holds this lock; it lives outside the build directory, so
    deleting the build during a run cannot bypass it."""
    return ledger_dir() / "refresh.lock"


def build_dir() -> Path:
    """Private to the refresh: nothing but the refresh opens files here."""
    return warehouse_dir() / "build"


def build_db() -> Path:
    # Same file name as the published copy: DuckDB names the catalog after the file, and the
    # views dbt writes refer to it, so every copy must be called tineng.duckdb.
    return build_dir() / "tineng.duckdb"


def dbt_target_dir() -> Path:
    """dbt's compiled SQL, run results and parse state for this warehouse's builds."""
    return build_dir() / "dbt"


def published_db() -> Path:
    return warehouse_dir() / "tineng.duckdb"


def snapshots_dir() -> Path:
    return warehouse_dir() / "snapshots"


def parquet_dir() -> Path:
    return warehouse_dir() / "parquet"


def reports_dir() -> Path:
    return warehouse_dir() / "reports"


def docs_dir() -> Path:
    return warehouse_dir() / "docs"


def snapshots_to_keep() -> int:
    return max(1, _int_from_env("TINENG_KEEP_SNAPSHOTS", 5))


def dbt_env() -> dict[str, str]:
    """Environment the dbt subprocess needs: profiles.yml reads the DuckDB path from it, and
    `tineng-dbt` the process whose death ends it."""
    return {"TINENG_BUILD_DB": str(build_db()), "TINENG_DBT_PARENT_PID": str(os.getpid())}


def _dbt_vars() -> dict:
    return _read_dbt_vars(dbt_project_dir())


@cache
def _read_dbt_vars(project_dir: Path) -> dict:
    with (project_dir / "dbt_project.yml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)["vars"]


def plan_year() -> int:
    """The year the plan's targets are for (dbt var `plan_year`, shared with the models)."""
    return int(_dbt_vars()["plan_year"])


def submission_due_day() -> int:
    return int(_dbt_vars()["submission_due_day"])


def postgres_url() -> str | None:
    """TINENG_POSTGRES_URL (postgresql://user:password@host:port/database): when set, every
    publish also copies the marts into schema tineng of that database, for BI tools."""
    return os.environ.get("TINENG_POSTGRES_URL") or None


def postgres_reader_name() -> str:
    """The read-only login role BI tools use (TINENG_POSTGRES_READER, default tineng_reader)."""
    return os.environ.get("TINENG_POSTGRES_READER") or "tineng_reader"


def postgres_reader_password() -> str | None:
    """TINENG_POSTGRES_READER_PASSWORD: set on the reader role at each publish; unset leaves the
    role's password as it is."""
    return os.environ.get("TINENG_POSTGRES_READER_PASSWORD") or None
