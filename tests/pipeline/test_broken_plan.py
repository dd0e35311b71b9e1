"""A deliberately broken allocation makes the total check fail and name the measure and numbers."""

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from expectations import reference
from expectations.runner import validate
from orchestration import settings


def test_broken_allocation_fails_the_total_check(reference_warehouse, tmp_path, monkeypatch):
    broken = tmp_path / "build" / "tineng.duckdb"
    broken.parent.mkdir()
    shutil.copyfile(settings.published_db(), broken)
    connection = duckdb.connect(str(broken))
    # 院士专家项目落地: 金银湖街 has 2 of the 8; make it 3 so the cells add up to 9.
    connection.execute(
        "update reference.plan_allocations set allocated_value = 3 where unit_code = 'S06' and measure_code = 'I10'"
    )
    connection.close()

    monkeypatch.setenv("TINENG_BUILD_DB", str(broken))
    dbt = Path(sys.executable).parent / "dbt"
    subprocess.run(
        [dbt, "run", "--quiet", "--select", "int_target_reconciliation"],
        cwd=settings.dbt_project_dir(),
        check=True,
    )

    connection = duckdb.connect(str(broken), read_only=True)
    frame = connection.table("intermediate.int_target_reconciliation").df()
    connection.close()
    rule = next(r for r in reference.RULES if r.name == "expect_unit_cells_sum_to_annex2_total")
    outcome = validate(rule, frame)
    assert not outcome.passed
    messages = [f.message_zh for f in outcome.findings]
    assert "院士专家项目落地数（I10）：附件2各单位分解之和为 9，合计行为 8。" in messages
