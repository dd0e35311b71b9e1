"""Sensors: late and corrected files refresh their month; each publish is followed by its bulletin.

A change under raw/<YYYY-MM>/ refreshes that month.
The cursor keeps a fingerprint of each month folder (names, sizes and modification times of its
files), so every new or changed file version triggers one refresh of its month, once. A month
whose latest refresh failed is requested again (at most MAX_RETRIES times for the same files).
"""

import hashlib
import json
import os

import dagster as dg

from orchestration import settings
from orchestration.ingest.discover import month_folders
from orchestration.jobs import refresh_job, report_job
from orchestration.partitions import PARTITION, last_month_of, monthly

MAX_RETRIES = 3


def folder_fingerprint(period: str) -> str:
    folder = settings.raw_dir() / period
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()
        # raw bytes of the name: names from Windows zip tools need not be UTF-8
        digest.update(
            os.fsencode(path.relative_to(folder)) + f"\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
        )
    return digest.hexdigest()[:16]


@dg.sensor(
    job=refresh_job,
    name="raw_files",
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="raw/ 下有新文件或文件被更正时，刷新该月。Refresh a month when its files change.",
)
def raw_files_sensor(context: dg.SensorEvaluationContext):
    state = _state(context.cursor)
    seen, retried = state["months"], state["retried"]
    months = set(monthly.get_partition_keys())
    for period in month_folders(settings.raw_dir()):
        if period not in months:
            continue
        fingerprint = folder_fingerprint(period)
        if seen.get(period) != fingerprint:
            seen[period] = fingerprint
            retried.pop(period, None)
            yield dg.RunRequest(partition_key=period, run_key=f"{period}:{fingerprint}")
            continue
        failed = _latest_failed_run(context.instance, period)
        attempts, last_failed = retried.get(period, [0, None])
        if failed and failed != last_failed and attempts < MAX_RETRIES:
            retried[period] = [attempts + 1, failed]
            context.log.info(f"{period} 的上一次刷新失败，重试第{attempts + 1}次。Retrying a failed refresh.")
            yield dg.RunRequest(partition_key=period, run_key=f"{period}:{fingerprint}:retry{attempts + 1}")
    context.update_cursor(json.dumps(state, sort_keys=True))


def _state(cursor: str | None) -> dict:
    loaded = json.loads(cursor) if cursor else {}
    if "months" not in loaded:  # a cursor written before retries: month -> fingerprint
        loaded = {"months": loaded}
    return {"months": loaded["months"], "retried": loaded.get("retried", {})}


def _latest_failed_run(instance: dg.DagsterInstance, period: str) -> str | None:
    """The id of the month's latest refresh run, when that run failed."""
    runs = instance.get_runs(dg.RunsFilter(job_name=refresh_job.name, tags={PARTITION: period}), limit=1)
    return runs[0].run_id if runs and runs[0].status == dg.DagsterRunStatus.FAILURE else None


@dg.run_status_sensor(
    name="report_after_publish",
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[refresh_job],
    request_job=report_job,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="每次刷新发布后，生成该次刷新最后一个月的通报。After each publish, the bulletin of the run's last month.",
)
def report_after_publish(context: dg.RunStatusSensorContext):
    month = last_month_of(context.dagster_run.tags)
    if month:
        return dg.RunRequest(partition_key=month, run_key=context.dagster_run.run_id)
    return dg.SkipReason("刷新未标明月份 The refresh run names no month.")
