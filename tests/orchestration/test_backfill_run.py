"""A range of months is one run with one dbt call, marks every month of the range ingested, builds
each model once, and its success asks for the bulletin of the range's last month."""

import dagster as dg

from orchestration.cli.refresh import partition_tags
from orchestration.definitions import defs
from tineng_demo.year import generate_demo


def test_a_twelve_month_range_is_one_run_with_one_dbt_step_then_one_bulletin(workspace):
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
        assert instance.get_materialized_partitions(dg.AssetKey(["raw", "files"])) == set(months)
        built = result.asset_materializations_for_node("warehouse_models")
        progress = dg.AssetKey(["marts", "fct_progress"])
        assert [m.partition for m in built if m.asset_key == progress] == [None]

        success = next(e for e in result.all_events if e.event_type == dg.DagsterEventType.RUN_SUCCESS)
        sensor = defs.resolve_sensor_def("report_after_publish")
        context = dg.build_run_status_sensor_context(
            sensor_name=sensor.name,
            dagster_event=success,
            dagster_instance=instance,
            dagster_run=instance.get_run_by_id(result.run_id),
            repository_def=defs.get_repository_def(),
        )
        request = sensor(context)
        assert isinstance(request, dg.RunRequest)
        assert request.partition_key == "2021-12"
        assert sensor.job_name == "bulletin"
