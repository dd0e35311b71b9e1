"""The monthly schedule and the raw/ sensor request the right months."""

import os
from datetime import datetime
from zoneinfo import ZoneInfo

import dagster as dg

from orchestration.definitions import defs

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_tick_on_the_fifth_requests_the_month_just_ended():
    schedule = defs.resolve_schedule_def("monthly_refresh")
    assert schedule.cron_schedule == "0 6 5 * *"
    assert schedule.execution_timezone == "Asia/Shanghai"
    for when, expected in (
        (datetime(2021, 7, 5, 6, tzinfo=SHANGHAI), "2021-06"),
        (datetime(2022, 1, 5, 6, tzinfo=SHANGHAI), "2021-12"),
    ):
        result = schedule.evaluate_tick(dg.build_schedule_context(scheduled_execution_time=when))
        assert [r.partition_key for r in result.run_requests] == [expected]


def _tick(cursor: str | None, instance: dg.DagsterInstance | None = None) -> tuple[list[str], str | None]:
    sensor = defs.resolve_sensor_def("raw_files")
    context = dg.build_sensor_context(
        cursor=cursor, definitions=defs, instance=instance or dg.DagsterInstance.ephemeral()
    )
    result = sensor.evaluate_tick(context)
    return sorted(r.partition_key for r in result.run_requests), result.cursor


def _write(path, content: bytes, mtime: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    os.utime(path, (mtime, mtime))


def test_sensor_requests_exactly_the_changed_months_once_per_file_version(workspace):
    t0 = datetime(2021, 7, 2, 9, tzinfo=SHANGHAI).timestamp()
    _write(workspace.raw / "2021-05" / "a.xlsx", b"may", t0)
    _write(workspace.raw / "2021-06" / "b.xlsx", b"june", t0)
    (workspace.raw / "not-a-month").mkdir()

    months, cursor = _tick(None)
    assert months == ["2021-05", "2021-06"]
    assert _tick(cursor)[0] == []

    # a late file for June, and a correction of May's file (same name, new bytes and time)
    _write(workspace.raw / "2021-06" / "c.xlsx", b"late", t0 + 86400 * 5)
    months, cursor = _tick(cursor)
    assert months == ["2021-06"]
    _write(workspace.raw / "2021-05" / "a.xlsx", b"may, corrected", t0 + 86400 * 6)
    months, cursor = _tick(cursor)
    assert months == ["2021-05"]
    assert _tick(cursor)[0] == []


def test_sensor_ignores_months_outside_the_partitions(workspace):
    _write(workspace.raw / "2019-03" / "old.xlsx", b"x", 0)
    _write(workspace.raw / "2099-01" / "future.xlsx", b"x", 0)
    assert _tick(None)[0] == []


def test_sensor_retries_a_month_whose_refresh_failed_and_only_so_often(workspace, monkeypatch):
    _write(workspace.raw / "2021-05" / "a.xlsx", b"may", datetime(2021, 6, 2, 9, tzinfo=SHANGHAI).timestamp())
    instance = dg.DagsterInstance.ephemeral()
    months, cursor = _tick(None, instance)
    assert months == ["2021-05"]
    assert _tick(cursor, instance)[0] == []  # its refresh has not failed

    def failed_refresh() -> None:
        with monkeypatch.context() as patch:  # the share is not mounted: the refresh fails at once
            patch.setenv("TINENG_RAW_DIR", str(workspace.raw / "unmounted"))
            run = defs.resolve_job_def("refresh").execute_in_process(
                partition_key="2021-05", instance=instance, raise_on_error=False
            )
        assert not run.success

    for _ in range(3):
        failed_refresh()
        months, cursor = _tick(cursor, instance)
        assert months == ["2021-05"]
        assert _tick(cursor, instance)[0] == []  # the same failure is retried once
    failed_refresh()
    assert _tick(cursor, instance)[0] == []  # three retries of the same files, then it waits for new ones
    _write(
        workspace.raw / "2021-05" / "a.xlsx",
        b"may, corrected",
        datetime(2021, 6, 9, tzinfo=SHANGHAI).timestamp(),
    )
    assert _tick(cursor, instance)[0] == ["2021-05"]
