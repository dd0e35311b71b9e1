"""Who sent the file and for which month: from the sheet, checked against folder and file name."""

import datetime as dt

import pytest

from orchestration.ingest.identify import identify
from orchestration.ingest.layout import Located
from orchestration.ingest.model import FileStatus, Severity
from orchestration.ingest.read import read_submission
from tests.ingest.conftest import (
    codes,
    measure_row,
    only,
    progress_sheet,
    template_sheets,
    write_ods_cells,
    write_xlsx,
)
from tests.reliability import hostile


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


def test_a_month_whose_year_has_no_plan_names_the_missing_plan(month_dir):
    parsed = _read(month_dir, "a.xlsx", folder_period=None, period="2020-12")

    assert codes(parsed) == ["period_outside_plan_year"]
    text = only(parsed, "period_outside_plan_year").text_zh
    assert "2020年方案尚未导入" in text and "已导入：2021年" in text


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


@pytest.mark.parametrize("written", [44256, 44256.0, "44256", "44256.0"])
def test_a_date_serial_number_as_the_month_says_what_date_it_would_be(month_dir, written):
    parsed = _read(month_dir, "a.xlsx", folder_period="2021-03", period=written)

    message = only(parsed, "period_date_serial")
    assert parsed.status == FileStatus.REJECTED and parsed.period is None
    assert (message.row, message.column) == (3, "B")
    assert "Excel的日期序列号" in message.text_zh and "2021-03-01（即2021-03）" in message.text_zh
    assert "4425" not in message.text_zh.replace("44256", "")


def test_a_five_digit_month_outside_the_serial_range_is_still_read(month_dir):
    parsed = _read(month_dir, "a.xlsx", period="20216")

    assert parsed.period == "2021-06" and parsed.messages == []


def _template(folder, name, folder_period, **sheet):
    return read_submission(write_xlsx(folder / name, template_sheets(**sheet)), folder_period)


def test_month_messages_on_the_template_never_ask_to_edit_its_locked_month(month_dir):
    wrong_folder = _template(month_dir, "a.xlsx", "2021-07")
    unreadable = _template(month_dir, "b.xlsx", "2021-06", period="六月")
    wrong_name = _template(month_dir, "2021-05_S06_金银湖街.xlsx", "2021-06")
    other_year = _template(month_dir, "c.xlsx", None, period="2020-06")

    folder = only(wrong_folder, "folder_period_mismatch")
    assert "请把文件放到2021-06的文件夹中" in folder.text_zh
    assert "下载或索取2021-07的模板" in folder.text_zh and "已锁定" in folder.text_zh
    unreadable_month = only(unreadable, "period_unreadable")
    assert (unreadable_month.row, unreadable_month.column) == (None, None)  # not the locked cell
    assert "已锁定" in unreadable_month.text_zh and "本月的模板" in unreadable_month.text_zh
    name = only(wrong_name, "filename_period_mismatch")
    assert "改名为“2021-06_S06_金银湖街.xlsx”" in name.text_zh and "已锁定" in name.text_zh
    assert "下载或索取本月的模板" in only(other_year, "period_outside_plan_year").text_zh
    for message in (folder, unreadable_month, name):
        assert "改为2021" not in message.text_zh and "请按“2021-06”的格式填写" not in message.text_zh
        assert "locked" in message.text_en


def test_month_messages_on_a_hand_made_sheet_ask_to_correct_the_month(month_dir):
    parsed = _read(month_dir, "a.xlsx", folder_period="2021-07")

    message = only(parsed, "folder_period_mismatch")
    assert "请把表内“报送月份”改为2021-07" in message.text_zh and "已锁定" not in message.text_zh


def test_an_invisible_character_in_the_unit_is_shown_and_named_as_the_reason(month_dir):
    parsed = _read(month_dir, "a.xlsx", unit="金银湖街\u200b", unit_code="")

    message = only(parsed, "unit_unknown")
    assert "“金银湖街[零宽空格]”" in message.text_zh and "删除后即为“金银湖街”" in message.text_zh
    assert (
        "'金银湖街[zero-width space]'" in message.text_en
        and "without them it reads '金银湖街'" in message.text_en
    )
    assert "\u200b" not in message.text_zh + message.text_en


def test_an_invisible_character_in_an_unknown_unit_is_shown_without_a_reading(month_dir):
    parsed = _read(month_dir, "a.xlsx", unit="火星\ufeff街", unit_code="")

    message = only(parsed, "unit_unknown")
    assert "“火星[BOM字符]街”" in message.text_zh and "请删除" in message.text_zh
    assert "删除后即为" not in message.text_zh


@pytest.mark.parametrize(
    ("make", "name"),
    [
        ("pdf_renamed", "2021-06_S06_金银湖街.xlsx"),
        ("png_renamed", "金银湖街6月报表.xlsx"),
        ("jpeg_photo", "金银湖街6月报表.jpg"),
        ("empty_file", "S06.xlsx"),
        ("truncated_xlsx", "金银湖街道办事处.xlsx"),
        ("password_protected", "2021-06_S06_金银湖街.xlsx"),
        ("docx_renamed", "金银湖街.xlsx"),
    ],
)
def test_a_file_that_is_no_spreadsheet_is_still_its_units(month_dir, make, name):
    parsed = read_submission(getattr(hostile, make)(month_dir / name), "2021-06")

    assert parsed.status == FileStatus.REJECTED and len(parsed.messages) == 1
    assert parsed.unit_code == "S06"
    assert parsed.rows == []


def test_a_file_whose_name_names_no_unit_or_two_is_nobodys(month_dir):
    none = read_submission(hostile.pdf_renamed(month_dir / "扫描件.xlsx"), "2021-06")
    two = read_submission(hostile.pdf_renamed(month_dir / "金银湖街和径河街.xlsx"), "2021-06")

    assert none.unit_code is None and two.unit_code is None


def test_a_sheet_naming_no_unit_is_its_file_names_unit(month_dir):
    parsed = _read(month_dir, "2021-06_S06_金银湖街.xlsx", unit="", unit_code="")

    assert codes(parsed) == ["unit_missing"]
    assert parsed.unit_code == "S06"


def test_a_month_cell_holding_infinity_is_unreadable_not_a_crash(month_dir):
    path = write_ods_cells(month_dir / "a.ods", {"月度进展": progress_sheet(period=float("inf"))})

    assert codes(read_submission(path, "2021-06")) == ["period_unreadable"]


def test_a_version_2_sheet_with_its_visible_version_line_is_read_with_the_outdated_warning(month_dir):
    parsed = _read(month_dir, "a.xlsx", version="2")

    assert codes(parsed) == ["template_outdated"]
    assert parsed.template_version == "2"
    assert len(parsed.rows) == 9


def test_a_blank_phone_beside_a_reviewer_is_not_read_as_the_phone(month_dir):
    sheet = progress_sheet()
    sheet[3] = ["填报人", "张三", "联系电话", None, "审核人", "李四", "填报日期", "2021-07-02"]
    parsed = read_submission(write_xlsx(month_dir / "a.xlsx", {"月度进展": sheet}), "2021-06")

    assert (parsed.reporter, parsed.phone, parsed.period) == ("张三", None, "2021-06")
    assert [(m.code, m.row, m.column) for m in parsed.messages] == [("phone_missing", 4, "D")]
    assert parsed.status == FileStatus.ACCEPTED_WITH_WARNINGS


def test_a_reporter_label_with_nothing_after_its_colon_warns_at_the_cell_beside_it(month_dir):
    sheet = progress_sheet()
    sheet[3] = ["填报人：", None, "联系电话：13800000000"]
    parsed = read_submission(write_xlsx(month_dir / "a.xlsx", {"月度进展": sheet}), "2021-06")

    assert parsed.phone == "13800000000"
    assert [(m.code, m.row, m.column) for m in parsed.messages] == [("reporter_missing", 4, "B")]
