"""Where things live and the limits that apply; the one module that reads the environment.

Everything is read when called, never at import, so tests and the CLI can point a run elsewhere
by setting an environment variable.
"""

import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TIMEZONE = "Asia/Shanghai"


def _path_from_env(name: str, default: Callable[[], Path]) -> Path:
    # the default is worked out only when the variable is unset: readers call these per row
    value = os.environ.get(name)
    return _resolved(value) if value else default()


@cache
def _resolved(value: str) -> Path:
    # once per value: readers look the plan up per row, and resolving walks the path each time
    return Path(value).expanduser().resolve()


def _int_from_env(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def dbt_project_dir() -> Path:
    return PROJECT_ROOT / "dbt_project"


def raw_dir() -> Path:
    """Landing zone: raw/<YYYY-MM>/ holds the files units sent for that month (never modified)."""
    return _path_from_env("TINENG_RAW_DIR", lambda: PROJECT_ROOT / "raw")


def warehouse_dir() -> Path:
    return _path_from_env("TINENG_WAREHOUSE_DIR", lambda: PROJECT_ROOT / "warehouse")


def ledger_dir() -> Path:
    """The submission ledger (every file ever seen, every verdict) and the refresh lock; back it
    up. TINENG_LEDGER_DIR, by default `ledger/` beside the warehouse directory: never inside it,
    so no rebuild or publish touches it."""
    return _path_from_env("TINENG_LEDGER_DIR", lambda: warehouse_dir().parent / "ledger")


def plans_dir() -> Path:
    """Loaded plans, one folder per year and version (TINENG_PLANS_DIR, by default `plans/` beside
    the warehouse directory). Each version is written once and never changed; back it up with
    the ledger."""
    return _path_from_env("TINENG_PLANS_DIR", lambda: warehouse_dir().parent / "plans")


def reference_dir() -> Path:
    """The plan's reference data as dbt builds it before ingest, one DuckDB file per content of the
    loaded plans (orchestration/plans/reference_build.py); TINENG_REFERENCE_DIR shares it between
    deployments of the same plans (the tests do)."""
    return _path_from_env("TINENG_REFERENCE_DIR", lambda: warehouse_dir() / "reference")


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
    return {
        "TINENG_BUILD_DB": str(build_db()),
        "TINENG_PLANS_DIR": str(plans_dir()),
        "TINENG_DBT_PARENT_PID": str(os.getpid()),
    }


def _dbt_vars() -> dict:
    return _read_dbt_vars(dbt_project_dir())


@cache
def _read_dbt_vars(project_dir: Path) -> dict:
    with (project_dir / "dbt_project.yml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)["vars"]


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


# --- the issuing office, as every document names it ---------------------------------------------

_DEFAULT_ISSUING_ORGAN = "东西湖区科技创新工作领导小组办公室"
_DEFAULT_CONTACT = "区科经局（领导小组办公室）"


def _list_from_env(name: str, default: str) -> tuple[str, ...]:
    """A list written with 、，, or ; between its items."""
    value = os.environ.get(name, default)
    return tuple(item.strip() for item in re.split(r"[、，,；;]", value) if item.strip())


def issuing_organ() -> str:
    """The office that issues the bulletin and the templates (TINENG_ISSUING_ORGAN): one name on
    the bulletin's 红头, its 落款 and 印发 line, the templates, the feedback and the workbooks."""
    return os.environ.get("TINENG_ISSUING_ORGAN") or _DEFAULT_ISSUING_ORGAN


def bulletin_addressees() -> str:
    """主送 (TINENG_BULLETIN_TO): by default the plan's own addressees (武临开办〔2021〕1号)."""
    return (
        os.environ.get("TINENG_BULLETIN_TO")
        or "各街道办事处，开发区管委会各产业办公室，区人民政府各部门，区直各单位"
    )


def bulletin_copies_to() -> tuple[str, ...]:
    """抄送 (TINENG_BULLETIN_CC, items separated by 、 or ，)."""
    return _list_from_env("TINENG_BULLETIN_CC", "区委办公室、区人大办公室、区政府办公室、区政协办公室")


def contact() -> str:
    """Who units call about their report (TINENG_CONTACT), printed on templates and 督办单."""
    return os.environ.get("TINENG_CONTACT") or _DEFAULT_CONTACT


def contact_phone() -> str | None:
    """The contact's telephone (TINENG_CONTACT_PHONE); unset, documents leave it out."""
    return os.environ.get("TINENG_CONTACT_PHONE") or None


def submission_folder() -> str:
    """The shared folder units file their workbooks in, as they reach it on their own computers
    (TINENG_SUBMISSION_FOLDER, e.g. \\\\fileserver\\科技创新月报); the template names it."""
    return os.environ.get("TINENG_SUBMISSION_FOLDER") or "科技创新提能月报共享文件夹"


def portal_url() -> str | None:
    """The web address of the submission portal (TINENG_PORTAL_URL); unset, the template names
    the shared folder only."""
    return os.environ.get("TINENG_PORTAL_URL") or None


def ranking_measures() -> tuple[str, ...]:
    """The measures the office ranks units by in the bulletin's 红黑榜 (TINENG_RANKING_MEASURES,
    measure codes separated by commas); unset, every measure split across units."""
    return _list_from_env("TINENG_RANKING_MEASURES", "")


# --- the submission portal ----------------------------------------------------------------------


def accounts_db() -> Path:
    """The portal's accounts (names, units, roles, password and token hashes), beside the ledger."""
    return ledger_dir() / "accounts.sqlite"


def portal_secret_file() -> Path:
    """The key that signs the portal's session cookies; made on first start, readable by its owner only."""
    return ledger_dir() / "portal.secret"


def portal_secure_cookies() -> bool:
    """TINENG_PORTAL_HTTPS=1 when the portal is served over HTTPS: cookies are then sent only there."""
    return os.environ.get("TINENG_PORTAL_HTTPS", "") in ("1", "true", "yes")
