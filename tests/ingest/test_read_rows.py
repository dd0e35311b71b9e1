"""What the reader says about the rows of a sheet: skipped with a warning, or the file rejected."""

from orchestration.ingest.model import FileStatus, Severity
from orchestration.ingest.read import read_submission
from tests.ingest.conftest import (
    PROJECT_HEADER,
    TITLE,
    codes,
    measure_row,
    only,
    progress_sheet,
    values,
    write_xlsx,
)


def _read(folder, rows, **sheet):
    return read_submission(write_xlsx(folder / "a.xlsx", {"月度进展": progress_sheet(rows, **sheet)}), None)


def test_unknown_measure_is_skipped_with_a_warning(month_dir):
    rows = [measure_row(1, "I02", 1, 5), [2, "X99", "科技成果展示会", "场", None, 1, 2]]
    rows += [[3, None, "科技成果发布会", "场", None, 3, 3], [4, "X98", "未填写的新指标"], ["（二）重点任务"]]
    parsed = _read(month_dir, rows)

    assert parsed.status == FileStatus.ACCEPTED_WITH_WARNINGS
    assert [(m.code, m.row, m.column) for m in parsed.messages] == [
        ("measure_unknown", 7, "B"),
        ("measure_unknown", 8, "C"),
        ("measure_unknown", 9, "B"),
    ]
    assert "“X99”" in parsed.messages[0].text_zh and "“科技成果发布会”" in parsed.messages[1].text_zh
    assert values(parsed) == {"I02": (1, 5)}


def test_measure_found_by_name_alone_or_by_item_name(month_dir):
    rows = [
        [1, None, "高新技术企业（净增）", "家", None, 1, 5],
        [2, None, "技术合同成交额（亿元）", None, None, 0, 1],
    ]
    parsed = _read(month_dir, rows[1:], unit="区科经局", unit_code="D02")
    by_item = _read(month_dir, [[1, None, "高新技术企业", "家", None, 1, 5]])

    assert values(parsed) == {"I07": (0, 1)} and parsed.messages == []
    assert values(by_item) == {"I02": (1, 5)} and by_item.messages == []


def test_code_and_name_naming_different_measures_is_a_warning(month_dir):
    parsed = _read(
        month_dir, [[1, "I02", "高新技术企业申报数", "家", None, 1, 5], measure_row(2, "I04", 1, 2)]
    )

    assert codes(parsed) == ["measure_ambiguous"]
    assert values(parsed) == {"I04": (1, 2)}


def test_measure_not_assigned_to_the_unit_is_landed_marked_and_the_unit_told(month_dir):
    parsed = _read(month_dir, [measure_row(1, "I02", 1, 5), measure_row(2, "I07", 0.1, 0.3, unit="D02")])

    message = only(parsed, "measure_not_assigned")
    assert message.severity == Severity.WARNING and message.row == 7
    assert "技术合同成交额" in message.text_zh and "金银湖街" in message.text_zh
    assert "已登记但不计分" in message.text_zh
    # the warehouse decides: fct_progress marks it unassigned and the checks name it
    assert values(parsed) == {"I02": (1, 5), "I07": (0.1, 0.3)}


def test_duplicate_measure_rows_reject_the_file(month_dir):
    parsed = _read(
        month_dir, [measure_row(1, "I02", 1, 5), measure_row(2, "I04", 1, 2), measure_row(3, "I02", 2, 6)]
    )

    message = only(parsed, "measure_duplicate")
    assert parsed.status == FileStatus.REJECTED
    assert message.row == 8 and "第6行和第8行" in message.text_zh


def test_negative_count_rejects_the_file(month_dir):
    parsed = _read(month_dir, [measure_row(1, "I04", -1, 5)])

    message = only(parsed, "value_negative")
    assert parsed.status == FileStatus.REJECTED
    assert (message.row, message.column) == (6, "F")
    assert "“-1”" in message.text_zh


def test_a_net_decrease_or_a_falling_rate_may_be_negative(month_dir):
    parsed = _read(month_dir, [measure_row(1, "I02", -1, 0), measure_row(2, "I01", None, -2.5)])

    assert parsed.messages == []
    assert values(parsed) == {"I02": (-1, 0), "I01": (None, -2.5)}


def test_text_in_a_number_cell_rejects_the_file_naming_the_cell(month_dir):
    parsed = _read(month_dir, [measure_row(1, "I02", 1, "abc")])

    message = only(parsed, "value_not_number")
    assert parsed.status == FileStatus.REJECTED
    assert (message.sheet, message.row, message.column) == ("月度进展", 6, "G")
    assert message.text_zh.startswith("工作表“月度进展”第6行G列“累计完成”的值“abc”不是数字")
    assert "'abc'" in message.text_en and "Year to date" in message.text_en


def test_year_to_date_below_this_month_is_a_warning_for_cumulative_measures(month_dir):
    parsed = _read(
        month_dir, [measure_row(1, "I04", 5, 3), measure_row(2, "I02", 5, 3)]
    )  # I02 is a net change

    message = only(parsed, "ytd_below_month")
    assert parsed.status == FileStatus.ACCEPTED_WITH_WARNINGS
    assert message.row == 6 and "（3）" in message.text_zh and "（5）" in message.text_zh
    assert values(parsed) == {"I04": (5, 3), "I02": (5, 3)}


def test_a_file_without_values_is_rejected(month_dir):
    no_rows = _read(month_dir, [])
    nothing_filled = _read(month_dir, [measure_row(1, "I02", None, None), measure_row(2, "I04", "", "")])

    assert codes(no_rows) == ["no_measure_rows"]
    assert codes(nothing_filled) == ["no_measure_rows"]
    assert nothing_filled.status == FileStatus.REJECTED


def test_no_recognisable_header_is_rejected_saying_what_was_expected(month_dir):
    sheet = [
        [TITLE],
        ["填报单位", "金银湖街"],
        ["报送月份", "2021-06"],
        ["项目", "数量"],
        ["高新技术企业", 3],
    ]
    parsed = read_submission(write_xlsx(month_dir / "a.xlsx", {"Sheet1": sheet}), None)

    message = only(parsed, "no_progress_table")
    assert parsed.status == FileStatus.REJECTED
    assert parsed.unit_code == "S06"  # still identified, so the unit can be told
    assert "指标编码" in message.text_zh and "累计完成" in message.text_zh
    assert "Year to date" in message.text_en


def test_formulas_saved_without_their_results_ask_for_a_resave(month_dir):
    parsed = _read(month_dir, [measure_row(1, "I02", 1, "=F6+4"), measure_row(2, "I04", 2, "=F7+8")])

    message = only(parsed, "formula_without_value")
    assert parsed.status == FileStatus.REJECTED
    assert "G6" in message.text_zh and "2个" in message.text_zh and "WPS" in message.text_zh


def test_project_sheet_with_an_unknown_status(month_dir):
    projects = [
        PROJECT_HEADER,
        [1, "D-I10-01", "航达飞机起落架大修中心", "I10", "已完成", ""],
        [2, None, "金银湖新建众创空间", "建设创新楼宇", "快完成了", "新增项目"],
    ]
    sheets = {"月度进展": progress_sheet(), "重点项目": projects}
    parsed = read_submission(write_xlsx(month_dir / "a.xlsx", sheets), None)

    message = only(parsed, "status_unknown")
    assert (message.sheet, message.row, message.column) == ("重点项目", 3, "E")
    done, new = parsed.deliverables
    assert (done.deliverable_code, done.status_code) == ("D-I10-01", "completed")
    assert (new.deliverable_code, new.measure_code, new.status_code) == (None, "T04-2", None)
    assert (new.status_as_written, new.note) == ("快完成了", "新增项目")


def test_a_wrong_code_next_to_a_known_name_is_blamed_at_the_code_cell_and_read_by_name(month_dir):
    parsed = _read(month_dir, [[1, "I99", "高新技术企业申报数", "家", None, 1, 2]])

    message = only(parsed, "measure_code_unknown")
    assert parsed.status == FileStatus.ACCEPTED_WITH_WARNINGS
    assert (message.row, message.column) == (6, "B")
    assert "“I99”" in message.text_zh and "I04" in message.text_zh
    assert values(parsed) == {"I04": (1, 2)}


def test_messages_about_a_code_point_at_the_code_cell(month_dir):
    rows = [
        [1, "I02", "高新技术企业申报数", "家", None, 1, 2],  # code and name disagree
        measure_row(2, "I07", 0.1, 0.3, unit="D02"),  # not 金银湖街's
        [3, "I04\u200b", None, "家", None, 1, 2],  # a zero-width space after the code
        measure_row(4, "I08", 5, 3),  # year to date below this month
    ]
    parsed = _read(month_dir, rows)

    assert [(m.code, m.row, m.column) for m in parsed.messages] == [
        ("measure_ambiguous", 6, "B"),
        ("measure_not_assigned", 7, "B"),
        ("measure_unknown", 8, "B"),
        ("ytd_below_month", 9, "G"),
    ]
    assert "“I04[零宽空格]”" in parsed.messages[2].text_zh
    assert "删除后即为“I04”" in parsed.messages[2].text_zh


def test_a_number_with_an_invisible_character_says_what_it_would_read(month_dir):
    parsed = _read(month_dir, [measure_row(1, "I04", "12\u200b", 20)])

    message = only(parsed, "value_not_number")
    assert "“12[零宽空格]”" in message.text_zh and "删除后即为“12”" in message.text_zh


def test_a_status_with_an_invisible_character_says_what_it_would_read(month_dir):
    projects = [PROJECT_HEADER, [1, "D-I10-01", "航达飞机起落架大修中心", "I10", "已完成\ufeff", ""]]
    parsed = read_submission(
        write_xlsx(month_dir / "a.xlsx", {"月度进展": progress_sheet(), "重点项目": projects}), None
    )

    message = only(parsed, "status_unknown")
    assert "“已完成[BOM字符]”" in message.text_zh and "删除后即为“已完成”" in message.text_zh
