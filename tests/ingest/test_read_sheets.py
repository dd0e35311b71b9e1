"""Which sheets are read: visible ones only (the hidden _meta stamp aside), and one unit per file."""

import pytest

from orchestration.ingest.model import FileStatus
from orchestration.ingest.read import read_submission
from tests.ingest.conftest import (
    codes,
    measure_row,
    only,
    progress_sheet,
    template_sheets,
    values,
    write_xls,
    write_xlsx,
)
from tests.reliability import hostile

MARCH = progress_sheet([measure_row(1, "I04", 1, 3)])
HIDDEN = progress_sheet([measure_row(1, "I04", 9, 9)])


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_progress_sheet_is_never_read_in_place_of_the_visible_one(month_dir, state):
    sheets = {"进展表": MARCH, "月度进展": HIDDEN}
    path = write_xlsx(month_dir / "a.xlsx", sheets, states={"月度进展": state})
    parsed = read_submission(path, "2021-06")

    assert parsed.status == FileStatus.ACCEPTED, parsed.messages
    assert values(parsed) == {"I04": (1, 3)}
    assert parsed.rows[0].sheet == "进展表"


def test_a_hidden_progress_sheet_in_an_xls_is_not_read(month_dir):
    path = write_xls(month_dir / "a.xls", {"进展表": MARCH, "月度进展": HIDDEN}, hidden=("月度进展",))
    parsed = read_submission(path, "2021-06")

    assert values(parsed) == {"I04": (1, 3)}


def test_a_very_hidden_table_next_to_a_sheet_of_notes_is_not_read(month_dir):
    parsed = read_submission(hostile.very_hidden_progress_sheet(month_dir / "a.xlsx"), "2021-03")

    assert codes(parsed) == ["unit_missing", "period_missing", "no_progress_table"]
    assert parsed.rows == []


def test_the_visible_sheet_of_another_month_is_read_not_the_hidden_one(month_dir):
    parsed = read_submission(hostile.hidden_progress_sheet(month_dir / "a.xlsx"), "2021-03")

    assert codes(parsed) == ["folder_period_mismatch"]
    assert parsed.period == "2021-02"


def test_the_hidden_template_stamp_keeps_working(month_dir):
    sheets = template_sheets(unit="", unit_code="")
    parsed = read_submission(write_xlsx(month_dir / "a.xlsx", sheets), "2021-06")

    assert parsed.unit_code == "S06" and parsed.messages == []


def test_two_units_in_one_workbook_are_refused_naming_both(month_dir):
    parsed = read_submission(hostile.two_units_in_one_workbook(month_dir / "a.xlsx"), "2021-03")

    message = only(parsed, "two_units_in_workbook")
    assert parsed.status == FileStatus.REJECTED
    assert "工作表“金银湖街”是金银湖街的" in message.text_zh and "工作表“径河街”是径河街的" in message.text_zh
    assert "'径河街'" in message.text_en


def test_a_second_progress_sheet_of_the_same_unit_is_named_as_not_read(month_dir):
    sheets = {"月度进展": MARCH, "月度进展（备份）": HIDDEN}
    parsed = read_submission(write_xlsx(month_dir / "a.xlsx", sheets), "2021-06")

    message = only(parsed, "progress_sheet_not_read")
    assert parsed.status == FileStatus.ACCEPTED_WITH_WARNINGS
    assert "“月度进展（备份）”" in message.text_zh and "只读取了工作表“月度进展”" in message.text_zh
    assert values(parsed) == {"I04": (1, 3)}
