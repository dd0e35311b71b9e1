"""Every refresh takes the one lock: a Dagster run started while another refresh holds it waits,
with a message, and goes on once it is free."""

import os
import subprocess
import sys
import time

from filelock import FileLock

from orchestration import settings
from tineng_demo.year import generate_demo

_DAGSTER_RUN = """
import dagster as dg
from orchestration.cli.refresh import partition_tags
from orchestration.definitions import defs
result = defs.resolve_job_def("refresh").execute_in_process(
    tags=partition_tags(["2021-01"]), instance=dg.DagsterInstance.ephemeral(), raise_on_error=False
)
print("RUN SUCCESS", result.success)
"""


def test_a_dagster_run_waits_for_the_refresh_that_holds_the_lock(workspace):
    generate_demo(workspace.raw, through="2021-01")
    settings.ledger_dir().mkdir(parents=True, exist_ok=True)
    held = FileLock(settings.refresh_lock())
    held.acquire()
    try:
        run = subprocess.Popen(
            [sys.executable, "-c", _DAGSTER_RUN],
            env=dict(os.environ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline and run.poll() is None:
            time.sleep(1)
        assert run.poll() is None, run.communicate()
        assert not settings.published_db().exists()
        assert not settings.ledger_db().exists()  # nothing was read while it waited
    finally:
        held.release()
    stdout, stderr = run.communicate(timeout=600)
    assert "RUN SUCCESS True" in stdout, stderr[-3000:]
    assert "另一个刷新正在进行，等待其结束" in stderr
    assert settings.published_db().exists()
