"""The template as the writer makes it, filled in with openpyxl and read back by the reader: the
sign-off lines and the instructions are read for what they are, and nothing else."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from orchestration import settings
from orchestration.ingest.model import FileStatus
from orchestration.ingest.read import read_submission
from orchestration.submissions import contract, templates
from tests.reliability import hostile

PERIOD = "2021-06"
ISSUED = datetime(2021, 6, 25, 9, 0, tzinfo=ZoneInfo(settings.TIMEZONE))


@pytest.fixture(autouse=True)
def office_contact(monkeypatch):
    """The office's contact and telephone on the instructions, which the reader must not take."""
    monkeypatch.setenv("TINENG_CONTACT", "区科经局 王五")
    monkeypatch.setenv("TINENG_CONTACT_PHONE", "027-83891234")


def _filled(tmp_path, **header: object):
    """金银湖街's June template with every measure filled and `header` typed into the header block."""
    wb = templates.build_template("S06", PERIOD, ISSUED)
    sheet = wb[contract.PROGRESS_SHEET]
    hostile.fill(sheet, hostile.good_values)
    for key, value in header.items():
        sheet.cell(*templates.header_value_cell(key)).value = value
    folder = tmp_path / "raw" / PERIOD
    folder.mkdir(parents=True)
    path = templates.save_workbook(wb, folder / contract.template_file_name(PERIOD, "S06", "金银湖街"))
    return read_submission(path, PERIOD)


def test_a_filled_template_is_accepted_with_its_sign_off_lines_read_as_typed(tmp_path):
    parsed = _filled(tmp_path, reporter="张三", phone="13800000000", reviewer="李四", filled_on="2021-07-02")

    assert parsed.status == FileStatus.ACCEPTED, parsed.messages
    assert (parsed.unit_code, parsed.period, parsed.template_version) == ("S06", PERIOD, "3")
    assert (parsed.reporter, parsed.phone) == ("张三", "13800000000")
    assert len(parsed.rows) == len(hostile.measures_of("S06"))


def test_blank_reporter_and_phone_warn_naming_their_cells_and_the_file_is_still_accepted(tmp_path):
    parsed = _filled(tmp_path, reviewer="李四")

    assert parsed.status == FileStatus.ACCEPTED_WITH_WARNINGS
    assert [(m.code, m.sheet, m.row, m.column) for m in parsed.messages] == [
        ("reporter_missing", "月度进展", 4, "B"),
        ("phone_missing", "月度进展", 4, "E"),
    ]
    reporter, phone = parsed.messages
    assert reporter.text_zh.startswith("工作表“月度进展”第4行B列没有填写“填报人”。请填写填报本表的人员姓名")
    assert phone.text_zh.startswith(
        "工作表“月度进展”第4行E列没有填写“联系电话”。请填写填报人的手机或办公电话"
    )
    assert reporter.text_en.startswith("Sheet '月度进展', row 4, column B: 'Filled by' (填报人) is blank.")
    # The office's contact and telephone in the instructions are not the unit's.
    assert (parsed.reporter, parsed.phone) == (None, None)
    assert len(parsed.rows) == len(hostile.measures_of("S06"))


def test_the_hidden_stamp_of_an_older_template_gives_the_outdated_warning(tmp_path):
    wb = templates.build_template("S06", PERIOD, ISSUED)
    wb[contract.META_SHEET].cell(contract.META_KEYS.index("template_version") + 1, 2).value = "2"
    sheet = wb[contract.PROGRESS_SHEET]
    hostile.fill(sheet, hostile.good_values)
    sheet.cell(*templates.header_value_cell("reporter")).value = "张三"
    sheet.cell(*templates.header_value_cell("phone")).value = "13800000000"
    folder = tmp_path / "raw" / PERIOD
    folder.mkdir(parents=True)
    path = templates.save_workbook(wb, folder / contract.template_file_name(PERIOD, "S06", "金银湖街"))
    parsed = read_submission(path, PERIOD)

    assert [m.code for m in parsed.messages] == ["template_outdated"]
    assert "版本2的模板，当前为版本3" in parsed.messages[0].text_zh
    assert parsed.status == FileStatus.ACCEPTED_WITH_WARNINGS
