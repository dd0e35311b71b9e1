"""A backfill of the refresh job over twelve months, launched through Dagster's backfill daemon as
the UI launches it, is one run covering the whole range."""

import logging
from pathlib import Path

import dagster as dg
from dagster._core.execution.backfill import BulkActionStatus, PartitionBackfill
from dagster._core.test_utils import create_test_daemon_workspace_context
from dagster._core.workspace.load_target import ModuleTarget
from dagster._daemon.backfill import execute_backfill_iteration
from dagster._time import get_current_timestamp

from orchestration.partitions import PARTITION, PARTITION_RANGE_END, PARTITION_RANGE_START

ROOT = Path(__file__).resolve().parents[2]
MONTHS = [f"2021-{m:02d}" for m in range(1, 13)]
# Records the runs the backfill launches instead of starting them: the question is how many.
RECORDING_LAUNCHER = {"run_launcher": {"module": "dagster._core.test_utils", "class": "MockedRunLauncher"}}


def test_a_twelve_month_job_backfill_launches_one_run(workspace):
    target = ModuleTarget(
        module_name="orchestration.definitions",
        attribute="defs",
        working_directory=str(ROOT),
        location_name="tineng",
    )
    with (
        dg.instance_for_test(overrides=RECORDING_LAUNCHER) as instance,
        create_test_daemon_workspace_context(target, instance) as context,
    ):
        location = context.create_request_context().get_code_location("tineng")
        (repository,) = location.get_repositories().values()
        partition_set = repository.get_partition_set("refresh_partition_set")
        instance.add_backfill(
            PartitionBackfill(
                backfill_id="history",
                partition_set_origin=partition_set.get_remote_origin(),
                status=BulkActionStatus.REQUESTED,
                partition_names=MONTHS,
                from_failure=False,
                reexecution_steps=None,
                tags={},
                backfill_timestamp=get_current_timestamp(),
            )
        )
        list(execute_backfill_iteration(context, logging.getLogger("backfill")))

        (run,) = instance.get_runs()
        assert run.job_name == "refresh"
        assert (run.tags[PARTITION_RANGE_START], run.tags[PARTITION_RANGE_END]) == ("2021-01", "2021-12")
        assert PARTITION not in run.tags
        plan = instance.get_execution_plan_snapshot(run.execution_plan_snapshot_id)
        steps = [step.key for step in plan.steps]
        assert steps.count("warehouse_models") == 1
        assert {"submissions", "published_warehouse"} <= set(steps)
