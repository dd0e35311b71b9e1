"""The Dagster code location: every asset, check, job, schedule and sensor of the warehouse."""

import dagster as dg

from orchestration.checks.assets import reference_checks, submission_checks
from orchestration.ingest.assets import submissions
from orchestration.jobs import refresh_job
from orchestration.publish.assets import published_warehouse
from orchestration.resources import BuildDatabase
from orchestration.transform.assets import warehouse_models
from orchestration.transform.project import dbt_resource

defs = dg.Definitions(
    assets=[submissions, warehouse_models, published_warehouse],
    asset_checks=[reference_checks, submission_checks],
    jobs=[refresh_job],
    resources={"warehouse": BuildDatabase(), "dbt": dbt_resource()},
    executor=dg.in_process_executor,
)
