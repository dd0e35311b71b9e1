"""What a verdict depended on decides when the same bytes are judged again; arrival order decides
which correction is current."""

import os
import shutil

import openpyxl

from orchestration.cli.refresh import months_to_refresh, run_refresh
from tineng_demo.year import generate_demo

_FILES = "select file_name, folder_period, status, is_current from marts.fct_submission where unit_code = ? order by version"


def _codes(workspace, file_name: str) -> set[str]:
    rows = workspace.query(
        "select m.code from marts.fct_submission_message as m join marts.fct_submission as f using (file_id)"
        " where f.file_name = ?",
        [file_name],
    )
    return {code for (code,) in rows}


def test_a_rejection_for_the_name_or_folder_is_judged_again_once_the_clerk_fixes_it(workspace):
    generate_demo(workspace.raw, through="2021-01")
    month = workspace.raw / "2021-01"
    misnamed = month / "2021-03_S02_慈惠街.xlsx"
    (month / "2021-01_S02_慈惠街.xlsx").rename(misnamed)
    (workspace.raw / "2021-02").mkdir()
    misfiled = workspace.raw / "2021-02" / "2021-01_S03_径河街.xlsx"
    shutil.move(next(month.glob("2021-01_S03_*.xlsx")), misfiled)

    run_refresh(months_to_refresh(None), report=False)
    assert workspace.query(_FILES, ["S02"]) == [("2021-03_S02_慈惠街.xlsx", "2021-01", "rejected", False)]
    assert "filename_period_mismatch" in _codes(workspace, misnamed.name)
    assert "folder_period_mismatch" in _codes(workspace, misfiled.name)

    misnamed.rename(month / "2021-01_S02_慈惠街.xlsx")
    shutil.move(misfiled, month / misfiled.name)
    second = run_refresh(months_to_refresh(None), report=False)

    assert second.ingest["duplicates"] == 0
    assert workspace.query(_FILES, ["S02"]) == [
        ("2021-03_S02_慈惠街.xlsx", "2021-01", "rejected", False),
        ("2021-01_S02_慈惠街.xlsx", "2021-01", "accepted", True),
    ]
    assert workspace.query(_FILES, ["S03"])[-1][1:] == ("2021-01", "accepted", True)


def test_a_correction_saved_with_an_old_clock_still_supersedes_the_file_it_corrects(workspace):
    generate_demo(workspace.raw, through="2021-01")
    run_refresh(months_to_refresh(None), report=False)
    original = workspace.raw / "2021-01" / "2021-01_S02_慈惠街.xlsx"
    correction = original.with_name("2021-01_S02_慈惠街（更正）.xlsx")
    openpyxl.load_workbook(original).save(correction)
    os.utime(correction, (315_532_800, 315_532_800))  # 1980-01-01

    run_refresh(months_to_refresh(None), report=False)

    assert workspace.query(_FILES, ["S02"]) == [
        (original.name, "2021-01", "accepted", False),
        (correction.name, "2021-01", "accepted", True),
    ]
