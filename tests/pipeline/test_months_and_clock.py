"""The marts' months come from the plan and the folders, never from what a rejected file typed;
the refresh's "today" is Beijing's, whatever the host's time zone."""

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from orchestration import settings
from tests.conftest import use_directories
from tests.reliability.hostile import filled_template
from tineng_demo.year import generate_demo


@pytest.fixture(scope="module")
def refreshed_on_a_us_clock(tmp_path_factory):
    root = tmp_path_factory.mktemp("clock")
    with pytest.MonkeyPatch.context() as patch:
        space = use_directories(root / "raw", root / "warehouse", patch)
        generate_demo(space.raw, through="2021-03")
        filled_template(space.raw / "2021-03" / "径河街11月报表.xlsx", "S03", period="2021-11")
        # Los Angeles is 16 hours behind Beijing: before 16:00 in Beijing its date is the day before
        env = {**os.environ, "TZ": "America/Los_Angeles"}
        tineng = Path(sys.executable).parent / "tineng"
        done = subprocess.run([str(tineng), "run", "--no-report"], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        yield space


def test_a_rejected_file_that_typed_november_does_not_extend_the_months(refreshed_on_a_us_clock):
    space = refreshed_on_a_us_clock
    assert space.query(
        "select status, period from marts.fct_submission where file_name = '径河街11月报表.xlsx'"
    ) == [("rejected", "2021-03")]
    for mart in ("mart_unit_scorecard", "mart_submission_compliance", "mart_deliverable_status"):
        assert space.query(f"select max(period) from marts.{mart}") == [("2021-03",)], mart


def test_the_refresh_takes_its_date_from_beijing_not_from_the_host(refreshed_on_a_us_clock):
    beijing_today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    connection = duckdb.connect(str(settings.published_db()), read_only=True)
    try:
        (as_of,) = connection.execute("select as_of_date from raw.run_context").fetchone()
    finally:
        connection.close()
    assert as_of == beijing_today
