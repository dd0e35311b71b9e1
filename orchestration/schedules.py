"""The monthly refresh: 06:00 Asia/Shanghai on the 5th, for the month just ended."""

import dagster as dg

from orchestration.jobs import refresh_job

monthly_refresh_schedule = dg.build_schedule_from_partitioned_job(
    refresh_job,
    name="monthly_refresh",
    description="每月5日06:00（北京时间）刷新上月数据。Refresh the month just ended at 06:00 on the 5th.",
    day_of_month=5,
    hour_of_day=6,
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
