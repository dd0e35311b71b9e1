"""Two plan years side by side, as `tineng demo` and `tineng demo --year 2022` write them: 同比
compares the same month of the two years, the renamed unit keeps its code and old name, the
measure added and the one dropped belong to their own year, the 2022 bulletin reads 2022's plan,
and a file for a year with no plan is refused naming the missing plan.

The synthetic 2022 plan (tineng_demo/plan_2022.py) renames 现代服务业办 (P06) 现代服务业发展办,
adds T10 and drops M02 (引进产业领军人才), and raises 技术合同成交额 from 28 to 32 亿元.
"""

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import openpyxl
import pytest

from orchestration.submissions.templates import set_period

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    root = tmp_path_factory.mktemp("two-years")
    env = {
        **os.environ,
        "TINENG_RAW_DIR": str(root / "raw"),
        "TINENG_WAREHOUSE_DIR": str(root / "warehouse"),
        "TINENG_LEDGER_DIR": str(root / "ledger"),
        "TINENG_PLANS_DIR": str(root / "plans"),
    }

    def tineng(*args: str) -> None:
        done = subprocess.run(
            [str(BIN / "tineng"), *args], env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    tineng("demo", "--through", "2021-03")
    tineng("demo", "--year", "2022", "--through", "2022-03")
    # a 2022 template with its month changed to 2023, a year no plan covers
    source = next((root / "raw" / "2022-01").glob("2022-01_S01_*.xlsx"))
    book = openpyxl.load_workbook(source)
    set_period(book, "2023-01", datetime(2023, 1, 25, 9, 0))
    (root / "raw" / "2023-01").mkdir()
    book.save(root / "raw" / "2023-01" / "2023-01_S01_吴家山街.xlsx")
    tineng("run", "--all")
    connection = duckdb.connect(str(root / "warehouse" / "tineng.duckdb"), read_only=True)
    yield connection, root
    connection.close()


def one(connection, sql: str, params=()) -> tuple:
    return connection.execute(sql, list(params)).fetchone()


def test_year_on_year_compares_march_2022_with_march_2021(two_years):
    connection, _ = two_years
    march_2021 = one(
        connection,
        "select ytd_value from marts.mart_district_progress where period = '2021-03' and measure_code = 'I02'",
    )[0]
    row = one(
        connection,
        "select previous_period, previous_ytd_value, ytd_value, ytd_change from marts.mart_progress_year_on_year"
        " where period = '2022-03' and unit_code = '全区' and measure_code = 'I02'",
    )
    assert row[0] == "2021-03" and row[1] == march_2021
    assert row[3] == pytest.approx(row[2] - march_2021)


def test_a_measure_new_in_2022_has_no_previous_year(two_years):
    connection, _ = two_years
    rows = connection.execute(
        "select previous_period from marts.mart_progress_year_on_year where measure_code = 'T10'"
    ).fetchall()
    assert rows and all(previous is None for (previous,) in rows)


def test_each_year_keeps_its_own_measures_and_targets(two_years):
    connection, _ = two_years
    targets = dict(
        connection.execute(
            "select plan_year, district_target from marts.dim_indicator where measure_code = 'I07'"
        ).fetchall()
    )
    assert targets == {2021: 28, 2022: 32}
    years = {
        code: sorted(y for (y,) in connection.execute(
            "select plan_year from marts.dim_indicator where measure_code = ?", [code]
        ).fetchall())
        for code in ("T10", "M02")
    }  # fmt: skip
    assert years == {"T10": [2022], "M02": [2021]}


def test_the_renamed_unit_keeps_its_code_and_its_old_name(two_years):
    connection, _ = two_years
    assert one(connection, "select unit_name from marts.dim_unit where unit_code = 'P06'") == (
        "现代服务业发展办",
    )
    assert one(connection, "select unit_code from marts.dim_unit_alias where alias = '现代服务业办'") == (
        "P06",
    )
    scored = connection.execute(
        "select distinct plan_year from marts.mart_unit_scorecard where unit_code = 'P06' and has_report"
    ).fetchall()
    assert sorted(scored) == [(2021,), (2022,)]


def test_the_2022_bulletin_reads_the_2022_plan(two_years):
    _, root = two_years
    page = next((root / "warehouse" / "reports" / "2022-03" / "latest").glob("*.html")).read_text(
        encoding="utf-8"
    )
    assert "现代服务业发展办" in page
    assert "引进产业领军人才" not in page


def test_a_file_for_a_year_without_a_plan_is_refused_naming_the_missing_plan(two_years):
    connection, _ = two_years
    (status,) = one(connection, "select status from marts.fct_submission where folder_period = '2023-01'")
    assert status == "rejected"
    texts = [t for (t,) in connection.execute(
        "select message_zh from marts.fct_submission_message where period = '2023-01'"
    ).fetchall()]  # fmt: skip
    assert any("2023年方案尚未导入" in t for t in texts)


def test_the_demo_plan_is_labelled_synthetic(two_years):
    _, root = two_years
    version = (root / "plans" / "2022" / "v1" / "version.json").read_text(encoding="utf-8")
    assert "合成" in version and "非真实方案" in version
