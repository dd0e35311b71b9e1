"""The ingestion asset: read the month's new files under raw/ into the submission ledger, and give
the build its landing tables from the ledger."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import dagster as dg

from orchestration import settings
from orchestration.ingest import discover, landing, registry
from orchestration.ingest.pool import ParseJob, parse_files
from orchestration.ledger import store
from orchestration.partitions import monthly
from orchestration.plans import reference_build
from orchestration.progress import ProgressReporter
from orchestration.resources import BuildDatabase
from orchestration.submissions.contract import DEMO_REPORTER

# Files read and registered at a time: a refresh's memory stays bounded however many arrive, and
# each part costs one start of the reader workers.
FILES_PER_PART = 10_000
LANDING_TABLES = {
    "files": "收到的每个文件及其状态。Every file received, with its status.",
    "file_messages": "每个文件的问题说明。Every message about a file.",
    "progress_rows": "文件中的指标行。Measure rows read from files.",
    "sheet_totals": "文件自带的合计行。The files' own totals rows.",
    "deliverable_rows": "重点项目进展行。Deliverable status rows.",
    "value_confirmations": "牵头单位对待核实数值的确认。The office's confirmations of held-back values.",
    "office_decisions": "科经局的审核决定：接收、退回、逾期说明、锁定与重新开放月份。The office's decisions.",
}


@dg.multi_asset(
    name="submissions",
    specs=[
        dg.AssetSpec(["raw", table], description=text, group_name="ingest", kinds={"python", "duckdb"})
        for table, text in LANDING_TABLES.items()
    ],
    partitions_def=monthly,
    backfill_policy=dg.BackfillPolicy.single_run(),
    description="各单位报送的月度进展表：识别、解析、登记。Unit submissions read into the landing tables.",
)
def submissions(context: dg.AssetExecutionContext, warehouse: BuildDatabase):
    if not settings.raw_dir().is_dir():
        raise dg.Failure(
            description=f"找不到报送文件夹 {settings.raw_dir()}（未挂载、已移动或路径写错）。The raw folder is missing.",
            allow_retries=False,
        )
    # the plan's reference data the readers look up, built once per state of the loaded plans
    reference_build.current_database()
    notices: list[str] = []
    damaged = warehouse.set_aside_if_damaged()
    if damaged:
        notices.append(
            f"构建库已损坏，已改名为 {damaged.name} 保留，本次从报送登记簿重建。 (damaged build set aside; rebuilt)"
        )
    found = discover.find_files(settings.raw_dir(), list(context.partition_keys), notices)
    notices += [
        f"raw/{name} 的名称不是“年-月”（应为 YYYY-MM，如 2021-03），其中的文件未读取，请改名。 (not a month)"
        for name in discover.folders_not_months(settings.raw_dir())
    ]
    for notice in notices:
        context.log.warning(notice)
    with store.connect(settings.ledger_db()) as ledger:
        known_ids, originals = store.known_files(ledger)
        plan = registry.plan(found, known_ids, originals)
        with ProgressReporter("读取报送文件 Reading files", context.log.info) as progress:
            registered = _register_in_parts(ledger, plan, context.run_id, progress)
        frames = store.landing_frames(ledger, DEMO_REPORTER)
    with warehouse.connect() as connection:
        landing.replace(connection, frames, refreshed_at=registered.read_at)
    summary = {
        "files_found": len(found),
        "files_new": registered.files_new,
        "duplicates": len(plan.duplicates),
        "already_registered": plan.already_known,
        **{f"status_{k}": int(v) for k, v in registered.statuses.items()},
        "rows_landed": registered.rows_landed,
        "notices": "\n".join(notices),
    }
    for table in LANDING_TABLES:
        yield dg.MaterializeResult(asset_key=["raw", table], metadata=summary if table == "files" else {})


@dataclass
class _Registered:
    read_at: datetime  # Beijing local time, when the last part was read
    files_new: int = 0
    rows_landed: int = 0
    statuses: Counter[str] = field(default_factory=Counter)


def _register_in_parts(ledger, plan: registry.IngestPlan, run_id: str, progress) -> _Registered:
    """Read the plan's new files a part at a time, each part registered in the ledger at once (a
    killed refresh keeps the parts it registered)."""
    registered, done = _Registered(read_at=_beijing_now()), 0
    for part in registry.in_chunks(plan, FILES_PER_PART):
        jobs = [ParseJob(f.path, f.folder_period) for f in part.to_parse]
        parsed = parse_files(jobs, lambda read, _, before=done: progress(before + read, len(plan.to_parse)))
        done += len(jobs)
        part, parsed = registry.still_present(part, parsed)
        registered.read_at = _beijing_now()
        batch = registry.landing_batch(part, parsed, run_id, registered.read_at)
        store.append(ledger, batch)
        registered.files_new += len(part.to_parse)
        registered.rows_landed += len(batch.progress_rows)
        registered.statuses.update(batch.files["status"])
    return registered


def _beijing_now() -> datetime:
    return datetime.now(ZoneInfo(settings.TIMEZONE)).replace(tzinfo=None)
