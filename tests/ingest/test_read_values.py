"""Values are what the clerk meant, or the file says why not: percentages in every format, values
that are no finite number, digits apart, units stated by a header or a row, rates typed as
fractions, and texts too long to keep."""

import pytest

from orchestration.ingest.model import FileStatus, Severity
from orchestration.ingest.read import read_submission
from orchestration.ingest.values import NOTE_LIMIT
from tests.ingest.conftest import (
    HEADER,
    PROJECT_HEADER,
    ErrorCell,
    Percent,
    codes,
    measure_row,
    only,
    progress_sheet,
    values,
    write_csv,
    write_ods_cells,
    write_xls,
    write_xlsx,
)
from tests.reliability import hostile

WRITERS = {"xlsx": write_xlsx, "ods": write_ods_cells, "xls": write_xls}


def _read(folder, rows, suffix="xlsx", **sheet):
    path = WRITERS[suffix](folder / f"a.{suffix}", {"月度进展": progress_sheet(rows, **sheet)})
    return read_submission(path, None)


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_a_percentage_cell_is_read_as_the_percent_it_shows_in_every_format(month_dir, suffix):
    parsed = _read(month_dir, [measure_row(1, "I01", Percent(0.14), Percent(0.125))], suffix)

    assert parsed.messages == []
    assert values(parsed) == {"I01": (14, 12.5)}
    assert (parsed.rows[0].month_text, parsed.rows[0].ytd_text) == ("14%", "12.5%")


def test_a_whole_hundred_percent_in_an_xls_is_100(month_dir):
    parsed = _read(month_dir, [measure_row(1, "I01", Percent(1), Percent(0))], "xls")

    assert parsed.messages == []
    assert values(parsed) == {"I01": (100, 0)}


def test_a_percentage_cell_of_a_count_is_not_scaled(month_dir):
    parsed = _read(month_dir, [measure_row(1, "I04", Percent(3), 5)], "ods")

    assert values(parsed) == {"I04": (3, 5)}


# openpyxl writes NaN and infinity as an empty <v/> (a blank cell); a script's <v>nan</v> is below.
@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_nan_and_infinity_are_refused_naming_the_cell(month_dir, suffix):
    parsed = _read(month_dir, [measure_row(1, "I04", float("nan"), float("inf"))], suffix)

    assert parsed.status == FileStatus.REJECTED
    assert [(m.code, m.row, m.column) for m in parsed.messages] == [
        ("value_not_finite", 6, "F"),
        ("value_not_finite", 6, "G"),
    ]
    assert "不是有限的数字" in parsed.messages[0].text_zh
    assert values(parsed) == {"I04": (None, None)}


def test_nan_and_infinity_written_by_a_script_are_refused(tmp_path):
    xlsx = read_submission(hostile.nan_and_infinity(tmp_path / "a.xlsx"), None)
    csv = read_submission(hostile.nan_and_infinity_csv(tmp_path / "a.csv"), None)

    for parsed in (xlsx, csv):
        assert codes(parsed) == ["value_not_finite", "value_not_finite"]
        assert values(parsed)["I04"] == (None, None)
    assert "“inf”" in xlsx.messages[1].text_zh and "“-inf”" in csv.messages[1].text_zh


@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_an_error_cell_is_refused_naming_the_cell_and_the_error(month_dir, suffix):
    rows = [measure_row(1, "I04", ErrorCell("#DIV/0!"), ErrorCell("#N/A")), measure_row(2, "I02", 1, 2)]
    parsed = _read(month_dir, rows, suffix)

    assert parsed.status == FileStatus.REJECTED
    first, second = parsed.messages
    assert (first.code, first.row, first.column, second.column) == ("value_spreadsheet_error", 6, "F", "G")
    assert "“#DIV/0!”（除数为零）" in first.text_zh and "division by zero" in first.text_en
    assert "“#N/A”" in second.text_zh
    assert values(parsed) == {"I04": (None, None), "I02": (1, 2)}
    assert parsed.rows[0].month_text == "#DIV/0!"


@pytest.mark.parametrize(
    "error", ["#DIV/0!", "#VALUE!", "#N/A", "#REF!", "#NAME?", "#NUM!", "#NULL!", "Err:502"]
)
def test_an_error_typed_into_a_csv_is_refused(month_dir, error):
    parsed = read_submission(
        write_csv(month_dir / "a.csv", progress_sheet([measure_row(1, "I04", error, 1)])), None
    )

    message = only(parsed, "value_spreadsheet_error")
    assert (message.row, message.column) == (6, "F")
    assert f"“{error}”" in message.text_zh


def test_a_text_cell_showing_an_error_in_an_xlsx_is_refused(month_dir):
    parsed = _read(month_dir, [measure_row(1, "I04", "#REF!", 1)])

    assert codes(parsed) == ["value_spreadsheet_error"]


@pytest.mark.parametrize("written", ["5 6", "1 200", "5\u00a06", "5\u30006", "1 2.5"])
def test_digits_apart_are_not_one_number(month_dir, written):
    parsed = _read(month_dir, [measure_row(1, "I04", written, 60)])

    message = only(parsed, "value_spaced_digits")
    assert parsed.status == FileStatus.REJECTED
    assert (message.row, message.column) == (6, "F")
    assert values(parsed) == {"I04": (None, 60)}


def _d02(rows, header=None):
    return progress_sheet(rows, unit="区科经局", unit_code="D02", header=header)


@pytest.mark.parametrize(
    ("month_header", "ytd_header", "month", "ytd", "expected"),
    [
        ("本月完成（万元）", "累计完成(亿元)", 5000, 1.5, (0.5, 1.5)),
        ("本月完成(万元)", "累计完成（单位：万元）", "3000", 15000, (0.3, 1.5)),
        ("本月完成（万元）", "累计完成", "0.3亿元", 2, (0.3, 2)),  # the cell's own unit wins
        ("本月完成（元）", "累计完成", 20_000_000, 2, (0.2, 2)),
    ],
)
def test_a_header_that_states_its_unit_converts_to_the_measures_unit(
    month_dir, month_header, ytd_header, month, ytd, expected
):
    header = [*HEADER[:5], month_header, ytd_header, HEADER[7]]
    path = write_xlsx(
        month_dir / "a.xlsx", {"月度进展": _d02([measure_row(1, "I07", month, ytd, unit="D02")], header)}
    )
    parsed = read_submission(path, None)

    assert parsed.messages == []
    assert values(parsed) == {"I07": expected}


def test_a_header_stating_a_unit_the_measure_cannot_take_refuses_the_value(month_dir):
    header = [*HEADER[:5], "本月完成（万元）", *HEADER[6:]]
    rows = [measure_row(1, "I04", 3, 5), measure_row(2, "I01", 2, 4)]
    parsed = _read(month_dir, rows, header=header)

    assert parsed.status == FileStatus.REJECTED
    first, second = parsed.messages
    assert (first.code, first.row, first.column, second.row) == ("value_stated_unit_mismatch", 6, "F", 7)
    assert "表头“本月完成（万元）”" in first.text_zh and "“万元”" in first.text_zh and "“家”" in first.text_zh
    assert "“%”" in second.text_zh
    assert values(parsed) == {"I04": (None, 5), "I01": (None, 4)}


def test_a_percent_header_on_a_rate_changes_nothing(month_dir):
    header = [*HEADER[:5], "本月完成（%）", "累计完成（%）", HEADER[7]]
    parsed = _read(month_dir, [measure_row(1, "I01", 14, Percent(0.125))], header=header)

    assert parsed.messages == []
    assert values(parsed) == {"I01": (14, 12.5)}


def test_a_row_whose_unit_of_measure_says_wan_yuan_is_converted_or_refused(month_dir):
    wan = [1, "I07", "技术合同成交额", "万元", None, 5000, 15000]
    count = [2, "I05", "科技型中小企业入库数", "万元", None, 3, 5]
    parsed = read_submission(write_xlsx(month_dir / "a.xlsx", {"月度进展": _d02([wan, count])}), None)

    assert values(parsed) == {"I07": (0.5, 1.5), "I05": (None, None)}
    message = parsed.messages[0]
    assert (message.code, message.row, message.column) == ("value_stated_unit_mismatch", 7, "F")
    assert "“计量单位”列的“万元”" in message.text_zh


def test_a_rate_typed_as_a_fraction_is_kept_with_a_warning_naming_the_cell(month_dir):
    parsed = _read(month_dir, [measure_row(1, "I01", 0.14, "0.5%")])

    message = only(parsed, "rate_read_as_percent")
    assert message.severity == Severity.WARNING and (message.row, message.column) == (6, "F")
    assert "0.14已按0.14%读取" in message.text_zh and "请填写14" in message.text_zh
    assert "read as 0.14 %" in message.text_en
    assert values(parsed) == {"I01": (0.14, 0.5)}


def test_a_rate_typed_as_a_fraction_in_a_csv_gets_the_warning_too(month_dir):
    parsed = read_submission(
        write_csv(month_dir / "a.csv", progress_sheet([measure_row(1, "I01", "0.125", 14)])), None
    )

    assert codes(parsed) == ["rate_read_as_percent"]


def test_a_long_note_is_cut_with_a_warning_naming_the_cell(month_dir):
    note = "进展顺利。" * 400
    projects = [PROJECT_HEADER, [1, "D-I10-01", "航达飞机起落架大修中心", "I10", "推进中", note]]
    sheets = {"月度进展": progress_sheet([measure_row(1, "I04", 1, 2, note=note)]), "重点项目": projects}
    parsed = read_submission(write_xlsx(month_dir / "a.xlsx", sheets), None)

    assert parsed.status == FileStatus.ACCEPTED_WITH_WARNINGS
    progress, project = parsed.messages
    assert (progress.code, progress.sheet, progress.row, progress.column) == (
        "text_too_long",
        "月度进展",
        6,
        "H",
    )
    assert (project.code, project.sheet, project.row, project.column) == ("text_too_long", "重点项目", 2, "F")
    assert "2,000个字" in progress.text_zh and "500" in progress.text_zh
    assert parsed.rows[0].note == note[:NOTE_LIMIT]
    assert parsed.deliverables[0].note == note[:NOTE_LIMIT]


def test_a_reporter_longer_than_a_name_is_cut_with_a_warning(month_dir):
    sheet = progress_sheet([measure_row(1, "I04", 1, 2)])
    sheet[3][1] = "张" * 300
    parsed = read_submission(write_xlsx(month_dir / "a.xlsx", {"月度进展": sheet}), None)

    message = only(parsed, "text_too_long")
    assert (message.row, message.column) == (4, "B")
    assert len(parsed.reporter) == 100


def test_a_total_that_is_not_a_number_is_left_out_with_a_warning(month_dir):
    rows = [measure_row(1, "I04", 1, 2), ["合计", None, None, None, None, float("inf"), ErrorCell("#REF!")]]
    parsed = _read(month_dir, rows, "xls")

    assert [(m.code, m.row, m.column) for m in parsed.messages] == [
        ("total_unreadable", 7, "F"),
        ("total_unreadable", 7, "G"),
    ]
    assert [(t.month_value, t.ytd_value) for t in parsed.totals] == [(None, None)]


def test_one_number_merged_over_two_rows_or_columns_is_refused(month_dir):
    rows = [measure_row(1, "I04", 3, 5), measure_row(2, "I08", None, 6), measure_row(3, "I09", 2, None)]
    path = write_xlsx(
        month_dir / "a.xlsx", {"月度进展": progress_sheet(rows)}, {"月度进展": ["F6:F7", "F8:G8"]}
    )
    parsed = read_submission(path, None)

    assert parsed.status == FileStatus.REJECTED
    assert [(m.code, m.row, m.column) for m in parsed.messages] == [
        ("value_in_merged_cells", 7, "F"),
        ("value_in_merged_cells", 8, "G"),
    ]
    assert "与F6合并" in parsed.messages[0].text_zh
    assert values(parsed) == {"I04": (3, 5), "I08": (None, 6), "I09": (2, None)}


def test_a_not_applicable_mark_merged_over_rows_is_fine(month_dir):
    rows = [measure_row(1, "I04", "/", 5), measure_row(2, "I08", None, 6)]
    path = write_xlsx(month_dir / "a.xlsx", {"月度进展": progress_sheet(rows)}, {"月度进展": ["F6:F7"]})

    assert read_submission(path, None).messages == []
