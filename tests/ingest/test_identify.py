"""Who sent the file and for which month: from the sheet, checked against folder and file name."""

import datetime as dt

import pytest

from orchestration.ingest.identify import identify
from orchestration.ingest.layout import Located
from orchestration.ingest.model import FileStatus, Severity
from orchestration.ingest.read import read_submission
from tests.ingest.conftest import codes, measure_row, only, progress_sheet, template_sheets, write_xlsx


def _read(folder, name, folder_period="2021-06", **sheet):
    return read_submission(write_xlsx(folder / name, {"月度进展": progress_sheet(**sheet)}), folder_period)


@pytest.mark.parametrize(
    ("written", "code"),
    [("东西湖区金银湖街道办事处", "S06"), ("金银湖街道", "S06"), ("保税物流产业办", "P02"), ("Ｓ06", "S06")],
)
def test_unit_aliases_resolve(month_dir, written, code):
    rows = [measure_row(1, "I02", 1, 2, unit=code)]
    parsed = _read(month_dir, "a.xlsx", rows=rows, unit=written, unit_code="")

    assert parsed.status == FileStatus.ACCEPTED, parsed.messages
    assert (parsed.unit_code, parsed.unit_as_written) == (code, written)


def test_unit_from_the_code_cell_or_the_template_stamp(month_dir):
    by_code = _read(month_dir, "a.xlsx", unit="", unit_code="S06")
    sheets = template_sheets(unit="", unit_code="")
    by_stamp = read_submission(write_xlsx(month_dir / "b.xlsx", sheets), "2021-06")

    assert by_code.unit_code == "S06" and by_code.messages == []
    assert by_stamp.unit_code == "S06" and by_stamp.messages == []


def test_unknown_unit_is_rejected_and_located(month_dir):
    parsed = _read(month_dir, "a.xlsx", unit="金银湖社区", unit_code="")

    message = only(parsed, "unit_unknown")
    assert parsed.status == FileStatus.REJECTED
    assert (message.sheet, message.row, message.column) == ("月度进展", 2, "B")
    assert "“金银湖社区”" in message.text_zh and "金银湖社区" in message.text_en


def test_missing_unit_is_rejected(month_dir):
    assert "unit_missing" in codes(_read(month_dir, "a.xlsx", unit="", unit_code=""))


def test_a_template_made_for_another_unit_is_rejected(month_dir):
    sheets = template_sheets(unit="径河街", unit_code="")  # _meta still says 金银湖街
    parsed = read_submission(write_xlsx(month_dir / "a.xlsx", sheets), "2021-06")

    message = only(parsed, "unit_conflict")
    assert message.severity == Severity.ERROR
    assert "径河街" in message.text_zh and "金银湖街" in message.text_zh


@pytest.mark.parametrize(
    "written",
    [
        "2021-06",
        "2021年6月",
        "2021.6",
        "202106",
        "2021/06",
        "２０２１年０６月",
        "2021年六月份",
        dt.datetime(2021, 6, 1),
        202106,
    ],
)
def test_period_spellings(month_dir, written):
    parsed = _read(month_dir, "a.xlsx", period=written)

    assert parsed.messages == []
    assert parsed.period == "2021-06"


def test_unreadable_and_missing_periods_are_rejected(month_dir):
    unreadable = _read(month_dir, "a.xlsx", period="上半年")
    missing = _read(month_dir, "b.xlsx", period="")

    message = only(unreadable, "period_unreadable")
    assert (message.row, message.column) == (3, "B")
    assert "“上半年”" in message.text_zh
    assert codes(missing) == ["period_missing"]


def test_period_outside_the_plan_year(month_dir):
    parsed = _read(month_dir, "a.xlsx", folder_period=None, period="2020-12")

    assert codes(parsed) == ["period_outside_plan_year"]
    assert "2021" in only(parsed, "period_outside_plan_year").text_zh


def test_period_in_the_future():
    header = {"unit": Located("金银湖街", 1, 1), "period": Located("2021-08", 2, 1)}
    later = identify("月度进展", header, {}, "a.xlsx", None, dt.date(2021, 7, 5))
    current = identify(
        "月度进展", {**header, "period": Located("2021-07", 2, 1)}, {}, "a.xlsx", None, dt.date(2021, 7, 5)
    )

    assert [m.code for m in later.messages] == ["period_in_future"]
    assert current.messages == []


def test_file_in_another_months_folder_is_rejected(month_dir):
    parsed = _read(month_dir, "a.xlsx", period="2021-05")

    message = only(parsed, "folder_period_mismatch")
    assert "2021-06" in message.text_zh and "2021-05" in message.text_zh


@pytest.mark.parametrize(
    ("name", "mismatch"),
    [
        ("2021-06_S06_金银湖街.xlsx", None),
        ("金银湖街6月进展表.xlsx", None),
        ("金银湖街报表（20210705报送）.xlsx", None),
        ("2021-05_S06_金银湖街.xlsx", "filename_period_mismatch"),
        ("金银湖街5月进展表.xlsx", "filename_period_mismatch"),
        ("2021-06_S07_径河街.xlsx", "filename_unit_mismatch"),
        ("径河街道办事处.xlsx", "filename_unit_mismatch"),
        ("S07.xlsx", "filename_unit_mismatch"),
        ("C:\\Users\\张三\\Desktop\\金银湖街 (1).xlsx", None),
        ("..金银湖街\u200b★最终版✔.xlsx", None),
    ],
)
def test_file_name_is_checked_never_trusted(month_dir, name, mismatch):
    parsed = _read(month_dir, name)

    assert parsed.unit_code == "S06" and parsed.period == "2021-06"
    assert codes(parsed) == ([mismatch] if mismatch else [])
    if mismatch:
        assert name in only(parsed, mismatch).text_zh
