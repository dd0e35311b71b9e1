"""The Dagster instance configurations in deploy/ load: the server's keeps runs, event logs and
schedules in PostgreSQL, and both it and `make dev`'s run one run at a time."""

import shutil

import dagster as dg
from dagster._core.run_coordinator import QueuedRunCoordinator
from dagster_postgres import PostgresEventLogStorage, PostgresRunStorage, PostgresScheduleStorage
from psycopg.conninfo import conninfo_to_dict

from orchestration import settings

DEPLOY = settings.PROJECT_ROOT / "deploy"


def _instance(config: str, home) -> dg.DagsterInstance:
    home.mkdir()
    shutil.copyfile(DEPLOY / config, home / "dagster.yaml")
    return dg.DagsterInstance.from_config(str(home))


def _one_run_at_a_time(instance: dg.DagsterInstance) -> bool:
    coordinator = instance.run_coordinator
    return (
        isinstance(coordinator, QueuedRunCoordinator)
        and coordinator.get_run_queue_config().max_concurrent_runs == 1
    )


def test_the_server_instance_keeps_its_state_in_postgresql(target, tmp_path, monkeypatch):
    parts = conninfo_to_dict(target.url)
    monkeypatch.setenv("DAGSTER_PG_HOST", parts["host"])
    monkeypatch.setenv("DAGSTER_PG_PORT", str(parts.get("port") or 5432))
    monkeypatch.setenv("DAGSTER_PG_DB", target.database)
    monkeypatch.setenv("DAGSTER_PG_USERNAME", parts["user"])
    monkeypatch.setenv("DAGSTER_PG_PASSWORD", parts.get("password", ""))
    with _instance("dagster.yaml", tmp_path / "home") as instance:
        assert isinstance(instance.run_storage, PostgresRunStorage)
        assert isinstance(instance.event_log_storage, PostgresEventLogStorage)
        assert isinstance(instance.schedule_storage, PostgresScheduleStorage)
        assert _one_run_at_a_time(instance)
        assert instance.get_runs() == []
    with target.admin() as admin:
        tables = {t for (t,) in admin.execute("select tablename from pg_tables where schemaname = 'public'")}
    assert {"runs", "event_logs", "jobs"} <= tables


def test_the_dev_instance_queues_runs_one_at_a_time(tmp_path):
    with _instance("dagster.dev.yaml", tmp_path / "home") as instance:
        assert _one_run_at_a_time(instance)
