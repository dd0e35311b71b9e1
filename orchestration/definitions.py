"""The Dagster code location: every asset, check, job, schedule and sensor of the warehouse."""

import dagster as dg

from orchestration.checks.assets import reference_checks, submission_checks
from orchestration.ingest.assets import submissions
from orchestration.jobs import refresh_job, report_job
from orchestration.publish.assets import published_warehouse
from orchestration.report.assets import monthly_report
from orchestration.resources import BuildDatabase
from orchestration.schedules import monthly_refresh_schedule
from orchestration.sensors import raw_files_sensor, report_after_publish
from orchestration.transform.assets import warehouse_models
from orchestration.transform.project import dbt_resource

defs = dg.Definitions(
    assets=[submissions, warehouse_models, published_warehouse, monthly_report],
    asset_checks=[reference_checks, submission_checks],
    jobs=[refresh_job, report_job],
    schedules=[monthly_refresh_schedule],
    sensors=[raw_files_sensor, report_after_publish],
    resources={"warehouse": BuildDatabase(), "dbt": dbt_resource()},
    executor=dg.in_process_executor,
)
