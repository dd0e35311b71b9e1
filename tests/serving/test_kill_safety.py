"""A refresh killed with SIGKILL part-way never damages the published warehouse, and a rerun
converges to what an uninterrupted refresh gives."""

import random
import signal
import time

import psutil
import pytest

from orchestration import settings
from tests.serving.refresh_process import refresh, start_refresh
from tests.serving.snapshot_checks import error_check_failures, results_digest
from tineng_demo.year import generate_demo


def _uninterrupted_digest(root, monkeypatch) -> str:
    with monkeypatch.context() as patch:
        patch.setenv("TINENG_RAW_DIR", str(root / "raw"))
        patch.setenv("TINENG_WAREHOUSE_DIR", str(root / "warehouse"))
        generate_demo(settings.raw_dir(), through="2021-05")
        refresh()
        return results_digest(settings.published_db())


def _kill_and_rerun(workspace, tmp_path, monkeypatch, trials: int, seed: int) -> None:
    expected = _uninterrupted_digest(tmp_path / "uninterrupted", monkeypatch)
    generate_demo(workspace.raw, through="2021-03")
    refresh()
    before = results_digest(settings.published_db())
    generate_demo(workspace.raw, through="2021-05")  # more files arrive; refreshes get killed

    rng = random.Random(seed)
    for _ in range(trials):
        process = start_refresh()
        time.sleep(rng.uniform(0.5, 25))
        process.send_signal(signal.SIGKILL)
        process.wait()
        # the published file is the last good snapshot or the new complete one, nothing between
        assert results_digest(settings.published_db()) in {before, expected}
        assert error_check_failures(settings.published_db()) == []

    refresh()
    assert results_digest(settings.published_db()) == expected


def test_a_killed_refresh_takes_its_dbt_with_it(workspace):
    """Else dbt runs on alone, holding the build database's lock against the next refresh."""
    generate_demo(workspace.raw, through="2021-02")
    process = start_refresh()
    refresh_process = psutil.Process(process.pid)
    deadline = time.monotonic() + 120
    while not (dbt := [c for c in refresh_process.children() if "tineng-dbt" in " ".join(c.cmdline())]):
        assert process.poll() is None and time.monotonic() < deadline, "the refresh never started dbt"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    _, alive = psutil.wait_procs(dbt, timeout=10)
    assert not alive
    refresh()


def test_killed_refreshes_leave_a_good_snapshot_and_a_rerun_converges(workspace, tmp_path, monkeypatch):
    _kill_and_rerun(workspace, tmp_path, monkeypatch, trials=2, seed=7)


@pytest.mark.slow
def test_many_killed_refreshes(workspace, tmp_path, monkeypatch):
    _kill_and_rerun(workspace, tmp_path, monkeypatch, trials=15, seed=11)
