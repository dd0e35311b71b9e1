"""Read-only clients are never blocked by a refresh and always see a complete snapshot."""

import subprocess
import sys
from pathlib import Path

import pytest

from orchestration import settings
from tests.client_pool import client_pool
from tests.serving.reader_client import query_in_a_loop
from tests.serving.refresh_process import refresh
from tineng_demo.year import generate_demo

CLIENTS = 8


def _readers_during_refreshes(workspace, months: list[str], max_queries: int) -> None:
    generate_demo(workspace.raw, through=months[0])
    refresh("--no-report")
    with client_pool(CLIENTS) as (_, pool, stop):
        pending = [
            pool.apply_async(query_in_a_loop, (str(settings.published_db()), stop, max_queries))
            for _ in range(CLIENTS)
        ]
        for month in months[1:]:
            generate_demo(workspace.raw, through=month)
            refresh("--no-report")
            # an analyst's one-off query works while readers hold the file
            answer = subprocess.run(
                [
                    str(Path(sys.executable).parent / "tineng"),
                    "sql",
                    "--csv",
                    "select count(*) from marts.dim_unit",
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            assert answer.returncode == 0, answer.stderr
        stop.set()
        outcomes = [p.get(timeout=120) for p in pending]
    assert all(queries > 0 for queries, _ in outcomes)
    assert [errors for _, errors in outcomes] == [[]] * CLIENTS


def test_eight_readers_during_a_refresh(workspace):
    # one publish swap under load is the case; the slow soak below runs a year of them
    _readers_during_refreshes(workspace, ["2021-01", "2021-02"], max_queries=2000)


@pytest.mark.slow
def test_readers_soak(workspace):
    months = [f"2021-{m:02d}" for m in range(1, 13)]
    _readers_during_refreshes(workspace, months, max_queries=20000)
