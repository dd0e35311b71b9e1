"""The code location loads, and its asset graph is what the docs and the UI promise."""

import dagster as dg

from orchestration.definitions import defs


def test_asset_graph_has_ingest_models_checks_and_publish():
    keys = {k.to_user_string() for k in defs.resolve_all_asset_keys()}
    assert {
        "raw/files",
        "raw/file_messages",
        "raw/progress_rows",
        "raw/sheet_totals",
        "raw/deliverable_rows",
    } <= keys
    assert {"marts/fct_progress", "marts/mart_unit_scorecard", "marts/mart_submission_compliance"} <= keys
    assert {"published_warehouse", "monthly_report"} <= keys
    refresh = defs.resolve_job_def("refresh").asset_layer.executable_asset_keys
    assert dg.AssetKey("published_warehouse") in refresh
    assert dg.AssetKey("monthly_report") not in refresh
    checks = {k.name for k in defs.resolve_asset_graph().asset_check_keys}
    assert {"expect_unit_cells_sum_to_annex2_total", "expect_one_current_submission_per_unit_month"} <= checks


def test_the_code_location_loads_as_the_webserver_and_daemon_load_it():
    """`dagster dev` loads every definition at once, which checks names across jobs and assets."""
    defs.get_repository_def().load_all_definitions()


def test_only_ingest_is_partitioned_and_the_job_backfills_in_a_single_run():
    """Ingest reads month folders; every model, check and the publish are rebuilt whole per run."""
    job = defs.resolve_job_def("refresh")
    graph = defs.resolve_asset_graph()
    partitioned = {key for key in job.asset_layer.executable_asset_keys if graph.get(key).is_partitioned}
    assert {key.path[0] for key in partitioned} == {"raw"}
    assert job.backfill_policy == dg.BackfillPolicy.single_run()


def test_schedule_and_sensor_run_by_default():
    assert defs.resolve_schedule_def("monthly_refresh").default_status == dg.DefaultScheduleStatus.RUNNING
    assert defs.resolve_sensor_def("raw_files").default_status == dg.DefaultSensorStatus.RUNNING
    assert defs.resolve_sensor_def("report_after_publish").default_status == dg.DefaultSensorStatus.RUNNING
