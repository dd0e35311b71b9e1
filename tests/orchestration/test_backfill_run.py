"""A range of months is one run with one dbt call, and marks every month of the range refreshed."""

import dagster as dg

from orchestration.cli.refresh import partition_tags
from orchestration.definitions import defs
from orchestration.submissions.demo import generate_demo


def test_a_twelve_month_range_is_one_run_with_one_dbt_step(workspace):
    generate_demo(workspace.raw, through="2021-03")
    months = [f"2021-{m:02d}" for m in range(1, 13)]
    with dg.instance_for_test() as instance:
        result = defs.resolve_job_def("refresh").execute_in_process(
            instance=instance, tags=partition_tags(months), raise_on_error=False
        )
        assert result.success
        assert len(instance.get_runs()) == 1
        dbt_steps = [e for e in result.all_events if e.is_step_start and e.step_key == "warehouse_models"]
        assert len(dbt_steps) == 1
        materialized = instance.get_materialized_partitions(dg.AssetKey(["marts", "fct_progress"]))
        assert materialized == set(months)
