"""Sensors: late and corrected files refresh their month; each publish is followed by its bulletin.

A change under raw/<YYYY-MM>/ refreshes that month.
The cursor keeps a fingerprint of each month folder (names, sizes and modification times of its
files), so every new or changed file version triggers one refresh of its month, once.
"""

import hashlib
import json
import os

import dagster as dg

from orchestration import settings
from orchestration.ingest.discover import month_folders
from orchestration.jobs import refresh_job, report_job
from orchestration.partitions import last_month_of, monthly


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
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    months = set(monthly.get_partition_keys())
    for period in month_folders(settings.raw_dir()):
        if period not in months:
            continue
        fingerprint = folder_fingerprint(period)
        if seen.get(period) != fingerprint:
            seen[period] = fingerprint
            yield dg.RunRequest(partition_key=period, run_key=f"{period}:{fingerprint}")
    context.update_cursor(json.dumps(seen, sort_keys=True))


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
