"""`tineng plan check` refuses a broken plan with messages naming sheet, row and column, and
changes nothing; a contradiction the loaded plans already carry stays a warning.

Expected numbers come from the plan text: 附件2 allocates 院士专家项目落地 8 in all, 2 of them to
金银湖街 (S06); 建设众创空间 (T03) is led by 区科经局 in 正文 二(三).
"""

import subprocess
import sys
from pathlib import Path

import pytest

from orchestration.plans import store
from orchestration.plans.check import ERROR, WARNING, check_workbook
from orchestration.plans.workbook import write_workbook
from tests.plans.workbooks import edit

BIN = Path(sys.executable).parent


def exported_2022(tmp_path: Path) -> Path:
    path = tmp_path / "方案2022.xlsx"
    write_workbook(store.default_plan(), 2022, path)
    return path


def rows_of(sheet) -> list[tuple[int, dict]]:
    names = [cell.value for cell in sheet[2]]
    return [
        (row[0].row, {name: cell for name, cell in zip(names, row, strict=False)})
        for row in sheet.iter_rows(min_row=3)
        if any(cell.value not in (None, "") for cell in row)
    ]


def texts(checked, severity: str) -> list[str]:
    return [f.text_zh for f in checked.findings if f.severity == severity]


def test_the_2021_plan_as_next_years_plan_has_no_errors_only_the_known_contradictions(own_plans, tmp_path):
    checked = check_workbook(exported_2022(tmp_path))
    assert checked.year == 2022
    assert texts(checked, ERROR) == []
    # 附件2 高新技术企业净增数: the 合计 row says 100, the header 94 (carried over from 2021)
    assert any("高新技术企业净增数（I02）" in t and "100" in t and "94" in t for t in texts(checked, WARNING))


def test_a_broken_total_is_refused_naming_the_measure_and_the_numbers(own_plans, tmp_path):
    def broken(book):
        matrix = book["附件2 任务清单"]
        codes = [cell.value for cell in matrix[2]]
        row = next(r for r in range(4, matrix.max_row + 1) if matrix.cell(r, 1).value == "S06")
        matrix.cell(row, codes.index("I10") + 1).value = "3"

    checked = check_workbook(edit(exported_2022(tmp_path), broken))
    errors = texts(checked, ERROR)
    assert any(
        "院士专家项目落地数（I10）" in t and "9" in t and "8" in t and "附件2 任务清单" in t for t in errors
    )


def test_a_measure_without_a_lead_is_refused(own_plans, tmp_path):
    def leaderless(book):
        sheet = book["牵头与责任单位"]
        for number, row in reversed(rows_of(sheet)):
            if row["item_code"].value == "T03" and row["role"].value in ("lead", "sole_owner"):
                sheet.delete_rows(number)

    checked = check_workbook(edit(exported_2022(tmp_path), leaderless))
    assert any("T03" in t and "牵头与责任单位" in t for t in texts(checked, ERROR))


def test_an_owner_naming_an_unknown_unit_is_refused_with_its_cell(own_plans, tmp_path):
    def unknown(book):
        sheet = book["牵头与责任单位"]
        _, row = rows_of(sheet)[0]
        row["unit_ref"].value = "X99"

    checked = check_workbook(edit(exported_2022(tmp_path), unknown))
    assert any("工作表“牵头与责任单位”第3行" in t and "X99" in t for t in texts(checked, ERROR))


def test_a_duplicated_measure_code_is_refused_naming_both_rows(own_plans, tmp_path):
    def duplicated(book):
        sheet = book["指标"]
        rows = rows_of(sheet)
        rows[1][1]["measure_code"].value = rows[0][1]["measure_code"].value

    checked = check_workbook(edit(exported_2022(tmp_path), duplicated))
    assert any("I01" in t and "第3行" in t and "第4行" in t for t in texts(checked, ERROR))


@pytest.mark.parametrize("command", ["check", "add"])
def test_a_refused_plan_changes_nothing_and_exits_non_zero(own_plans, tmp_path, command):
    def duplicated(book):
        rows = rows_of(book["指标"])
        rows[1][1]["measure_code"].value = rows[0][1]["measure_code"].value

    before = sorted(p.relative_to(own_plans) for p in own_plans.rglob("*"))
    path = edit(exported_2022(tmp_path), duplicated)
    done = subprocess.run([str(BIN / "tineng"), "plan", command, str(path)], capture_output=True, text=True)
    assert done.returncode == 1
    assert "错误" in done.stdout
    assert sorted(p.relative_to(own_plans) for p in own_plans.rglob("*")) == before
