"""Run the refresh job in-process, the same Dagster definitions `dagster dev` shows."""

import contextlib
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
from filelock import Timeout

from orchestration import refresh_lock, settings
from orchestration.ingest.discover import month_folders
from orchestration.partitions import PARTITION_RANGE_END, PARTITION_RANGE_START, monthly
from orchestration.plans import store
from orchestration.publish.shrink import ALLOW_SHRINK_TAG

# Beta notices about Dagster APIs are for developers, not for people running the warehouse.
warnings.filterwarnings("ignore", category=dg.BetaWarning)


class RefreshBusy(Exception):
    """Another refresh holds the build directory."""


@dataclass
class CheckOutcome:
    name: str
    asset: str
    passed: bool
    severity: str  # ERROR / WARN
    description: str
    findings: str


@dataclass
class RefreshOutcome:
    success: bool
    months: list[str]
    published: bool
    ingest: dict = field(default_factory=dict)
    checks: list[CheckOutcome] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    publish_notices: list[str] = field(default_factory=list)
    bulletin: Path | None = None
    bulletin_failure: str | None = None
    bulletin_skipped: str | None = None  # the month has nothing to report: said, not silent

    @property
    def blocking_failures(self) -> list[CheckOutcome]:
        return [c for c in self.checks if not c.passed and c.severity == "ERROR"]


def months_to_refresh(period: str | None) -> list[str]:
    """The given month, or every month folder under raw/ that is a partition (the first plan
    year's January when there is none, so the reference data still gets built)."""
    if period:
        return [period]
    known = set(monthly.get_partition_keys())
    return [m for m in month_folders(settings.raw_dir()) if m in known] or [f"{store.first_year()}-01"]


def folders_outside_partitions() -> list[str]:
    """Month folders under raw/ that no refresh reads: before the plan year, or not yet ended."""
    known = set(monthly.get_partition_keys())
    return [m for m in month_folders(settings.raw_dir()) if m not in known]


def partition_tags(months: list[str]) -> dict[str, str]:
    """Run tags selecting the partition range first..last month: one run, one dbt call."""
    return {PARTITION_RANGE_START: months[0], PARTITION_RANGE_END: months[-1]}


def prepare_if_stale() -> None:
    """Re-parse the dbt project when a model, seed or macro changed since the manifest was written."""
    from orchestration.transform import prepare
    from orchestration.transform.project import dbt_project

    manifest = dbt_project.manifest_path
    sources = [settings.dbt_project_dir() / "dbt_project.yml"] + [
        p
        for folder in ("models", "seeds", "macros", "tests")
        for p in (settings.dbt_project_dir() / folder).rglob("*")
    ]
    if not manifest.exists() or max(p.stat().st_mtime for p in sources) > manifest.stat().st_mtime:
        prepare.main()


def instance() -> dg.DagsterInstance:
    """The deployment's instance when DAGSTER_HOME is set, so CLI runs show in the UI."""
    return dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()


def run_refresh(
    months: list[str],
    *,
    rebuild: bool = False,
    verbose: bool = False,
    wait_s: float = 0,
    report: bool = True,
    allow_shrink: bool = False,
) -> RefreshOutcome:
    """Refresh the months in one run; after a publish, write the last month's bulletin in a run of its own."""
    prepare_if_stale()
    from orchestration.definitions import defs  # loading definitions imports dbt and dagster-dbt

    settings.build_dir().mkdir(parents=True, exist_ok=True)
    run_config = {"loggers": {"console": {"config": {"log_level": "INFO" if verbose else "CRITICAL"}}}}
    tags = partition_tags(months) | ({ALLOW_SHRINK_TAG: "true"} if allow_shrink else {})
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(refresh_lock.held(wait_s))
        except Timeout as busy:
            raise RefreshBusy(str(settings.refresh_lock())) from busy
        if rebuild:
            _discard_build()
        dagster_instance = stack.enter_context(instance())
        stack.enter_context(_dbt_output(verbose))
        result = defs.resolve_job_def("refresh").execute_in_process(
            instance=dagster_instance, tags=tags, run_config=run_config, raise_on_error=False
        )
        outcome = _outcome(result, months)
        bulletin_month = _last_month_with_a_plan(months)
        if report and outcome.published and bulletin_month:
            bulletin = defs.resolve_job_def("bulletin").execute_in_process(
                instance=dagster_instance,
                partition_key=bulletin_month,
                run_config=run_config,
                raise_on_error=False,
            )
            _add_bulletin(outcome, bulletin, bulletin_month)
        return outcome


def _last_month_with_a_plan(months: list[str]) -> str | None:
    """The bulletin's month: the last refreshed month a loaded plan covers (a folder for a year
    with no plan holds only refused files)."""
    loaded = set(store.years())
    return next((month for month in reversed(months) if int(month[:4]) in loaded), None)


def refresh_log() -> Path:
    return settings.build_dir() / "last_refresh.log"


@contextlib.contextmanager
def _dbt_output(verbose: bool):
    """dagster-dbt echoes dbt's log to stdout: keep it in a file unless asked to show it."""
    if verbose:
        yield
        return
    with refresh_log().open("w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
        yield


def _discard_build() -> None:
    """Build afresh from the ledger and raw/: the build database is derived and private to the
    refresh; the ledger keeps every file's first sighting and verdict."""
    for path in settings.build_dir().glob("tineng.duckdb*"):
        path.unlink()


def _add_bulletin(outcome: RefreshOutcome, result: dg.ExecuteInProcessResult, month: str) -> None:
    for event in result.get_asset_materialization_events():
        outcome.bulletin = Path(str(event.event_specific_data.materialization.metadata["bulletin"].value))
    failures = [_root_cause(e.event_specific_data.error) for e in result.all_events if e.is_step_failure]
    outcome.bulletin_failure = "; ".join(failures) or None
    if outcome.bulletin is None and not failures:
        outcome.bulletin_skipped = (
            f"{month} 没有可通报的数据（该月还没有任何报送），未生成 {month} 的通报；此前各期通报保持不变。"
            f" Nothing to report for {month}; no bulletin written."
        )


def _root_cause(error) -> str:
    while error.cause is not None:
        error = error.cause
    return f"{error.cls_name}: {error.message.strip()}"


def _outcome(result: dg.ExecuteInProcessResult, months: list[str]) -> RefreshOutcome:
    materialized = {
        event.materialization.asset_key: event.materialization
        for event in (e.event_specific_data for e in result.get_asset_materialization_events())
    }
    ingest = materialized.get(dg.AssetKey(["raw", "files"]))
    published = materialized.get(dg.AssetKey("published_warehouse"))
    checks = [
        CheckOutcome(
            name=e.check_name,
            asset=e.asset_key.to_user_string(),
            passed=e.passed,
            severity=e.severity.value,
            description=e.description or "",
            findings=str(e.metadata["findings"].value) if "findings" in e.metadata else "",
        )
        for e in result.get_asset_check_evaluations()
    ]
    failures = [
        f"{event.step_key}: {_root_cause(event.event_specific_data.error)}"
        for event in result.all_events
        if event.is_step_failure and event.event_specific_data.error
    ]
    return RefreshOutcome(
        success=result.success,
        months=months,
        published=published is not None,
        publish_notices=str(published.metadata["notices"].value).splitlines() if published else [],
        ingest={k: v.value for k, v in ingest.metadata.items()} if ingest else {},
        checks=checks,
        failures=failures,
    )
