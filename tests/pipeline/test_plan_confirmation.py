"""A recorded 口径确认 settles one of the plan's contradictions: the check stops warning about it,
the bulletin says once which figure counts, and district completion uses that figure. The other
contradictions stay warnings."""

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from orchestration.plans import store

BIN = Path(sys.executable).parent
# 高新技术企业净增数: the 附件2 合计 row says 100, its column header (and 附件1) 94
CONFIRMATION = {
    "code": "I02",
    "rule": "expect_annex2_total_matches_header",
    "chosen_source": "附件2合计行",
    "chosen_value": "100",
    "confirmed_by": "区科经局",
    "confirmed_on": "2021-03-01",
    "note": "以各单位分解之和为准",
}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def confirmed(tmp_path_factory):
    root = tmp_path_factory.mktemp("confirmed")
    plan = store.default_plan()
    plan["plan_confirmations"].append(CONFIRMATION)
    store.write_version(root / "plans" / "2021", plan, store.candidate_record(2021))
    env = {
        **os.environ,
        "TINENG_PLANS_DIR": str(root / "plans"),
        "TINENG_RAW_DIR": str(root / "raw"),
        "TINENG_WAREHOUSE_DIR": str(root / "warehouse"),
        "TINENG_BUILD_DB": str(root / "warehouse" / "build" / "tineng.duckdb"),
    }
    _run([str(BIN / "tineng"), "demo", "--through", "2021-06"], env)
    _run([str(BIN / "tineng"), "run", "--all"], env)
    connection = duckdb.connect(str(root / "warehouse" / "tineng.duckdb"), read_only=True)
    page = next((root / "warehouse" / "reports" / "2021-06" / "latest").glob("*.html")).read_text(
        encoding="utf-8"
    )
    yield connection, page
    connection.close()


def test_the_settled_contradiction_is_no_longer_a_warning_and_the_others_still_are(confirmed):
    connection, _ = confirmed
    findings = connection.execute(
        "select check_name, measure_code from audit.check_findings where check_name = ?",
        [CONFIRMATION["rule"]],
    ).fetchall()
    codes = {code for _, code in findings}
    assert "I02" not in codes
    assert {"I08", "I09"} <= codes  # 12 vs 10 and 72 vs 60: not confirmed, still warnings


def test_district_completion_uses_the_confirmed_figure(confirmed):
    connection, _ = confirmed
    target, source_doc = connection.execute(
        "select district_target, district_target_source_doc from marts.dim_indicator where measure_code = 'I02'"
    ).fetchone()
    assert (target, source_doc) == (100.0, "已确认口径")
    ytd, completion = connection.execute(
        "select ytd_value, completion_pct from marts.mart_district_progress where period = '2021-06' and measure_code = 'I02'"
    ).fetchone()
    assert completion == round(100.0 * ytd / 100, 1)


def test_the_bulletin_says_once_which_figure_counts(confirmed):
    _, page = confirmed
    assert page.count("高新技术企业净增数（I02）：以附件2合计行 100 为准") == 1
    assert "高新技术企业净增数（I02）：附件2合计行为 100，列标题为 94" not in page
    assert "科技成果转化对接活动场次（I08）：附件2合计行为 12，列标题为 10" in page
