"""Templates edited by hand: moved, merged, reordered, and numbers written the way people write them."""

import openpyxl
import pytest

from orchestration.ingest.model import FileStatus
from orchestration.ingest.read import read_submission
from tests.ingest.conftest import (
    TITLE,
    codes,
    measure_row,
    only,
    progress_sheet,
    values,
    write_xlsx,
)


def test_header_rows_shifted_down_and_right(month_dir):
    sheet = [[], ["（请于每月5日前报送）"], [], *progress_sheet()[:4], [], []]
    sheet += progress_sheet()[4:]
    sheet = [[None, None, *row] for row in sheet]
    parsed = read_submission(write_xlsx(month_dir / "a.xlsx", {"月度进展": sheet}), "2021-06")

    assert parsed.status == FileStatus.ACCEPTED, parsed.messages
    assert parsed.unit_code == "S06"
    assert values(parsed)["I02"] == (1, 5)
    assert parsed.rows[0].row == 11


def test_columns_added_removed_and_reordered_with_english_headers(month_dir):
    header = ["Year to date", "Indicator", "Code", "责任人", "This month"]
    rows = [[5, "高新技术企业净增数", "I02", "李四", 1], [10, "高新技术企业申报数", "I04", "王五", 2]]
    parsed = read_submission(
        write_xlsx(month_dir / "a.xlsx", {"月度进展": progress_sheet(rows, header=header)}), None
    )

    assert parsed.status == FileStatus.ACCEPTED, parsed.messages
    assert values(parsed) == {"I02": (1, 5), "I04": (2, 10)}


def test_only_the_year_to_date_column(month_dir):
    rows = [["高新技术企业净增数", 5], ["高新技术企业申报数", 10]]
    sheet = progress_sheet(rows, header=["指标名称", "累计完成"])
    parsed = read_submission(write_xlsx(month_dir / "a.xlsx", {"月度进展": sheet}), None)

    assert parsed.status == FileStatus.ACCEPTED, parsed.messages
    assert values(parsed) == {"I02": (None, 5), "I04": (None, 10)}


def test_merged_cells_and_a_header_over_two_rows(month_dir):
    sheet = [
        [TITLE],
        ["填报单位", None, "金银湖街", None, "单位编码", "S06"],
        ["报送月份", None, "2021-06"],
        ["序号", "指标编码", "指标名称", "计量单位", "年度目标", "完成情况", None, "进展情况说明"],
        [None, None, None, None, None, "本月", "累计", None],
        [1, "T01-2", "人工智能创新应用先导区", "个", 1, 0, 1],
        [2, "T01-3", None, "家", 1, 1, 1],
    ]
    merged = [
        "A1:H1",
        "A2:B2",
        "C2:D2",
        "A3:B3",
        "A4:A5",
        "B4:B5",
        "C4:C5",
        "D4:D5",
        "E4:E5",
        "F4:G4",
        "C6:C7",
    ]
    parsed = read_submission(
        write_xlsx(month_dir / "a.xlsx", {"月度进展": sheet}, {"月度进展": merged}), None
    )

    assert parsed.status == FileStatus.ACCEPTED, parsed.messages
    assert parsed.unit_code == "S06"
    assert values(parsed) == {"T01-2": (0, 1), "T01-3": (1, 1)}
    assert [r.row for r in parsed.rows] == [6, 7]


def test_label_and_value_in_one_cell(month_dir):
    sheet = [
        [TITLE],
        ["填报单位（盖章）：东西湖区金银湖街道办事处", None, None, "报送月份：2021年6月"],
        ["填报人：张三    联系电话：027-88888888"],
        *progress_sheet()[4:],
    ]
    parsed = read_submission(write_xlsx(month_dir / "a.xlsx", {"月度进展": sheet}), "2021-06")

    assert parsed.status == FileStatus.ACCEPTED, parsed.messages
    assert (parsed.unit_code, parsed.unit_as_written) == ("S06", "东西湖区金银湖街道办事处")
    assert (parsed.period, parsed.period_as_written) == ("2021-06", "2021年6月")
    assert (parsed.reporter, parsed.phone) == ("张三", "027-88888888")


def test_blank_rows_section_rows_and_a_trailing_totals_row(month_dir):
    rows = [
        ["一、重点指标"],
        measure_row(1, "I02", 1, 5),
        [],
        [None, None, None, None, None, None, None, None],
        measure_row(2, "I04", 2, 10),
        ["合计", None, None, None, None, 3, 15],
        [],
        ["注：本表由各单位于每月5日前报送。"],
    ]
    parsed = read_submission(write_xlsx(month_dir / "a.xlsx", {"月度进展": progress_sheet(rows)}), None)

    assert parsed.status == FileStatus.ACCEPTED, parsed.messages
    assert values(parsed) == {"I02": (1, 5), "I04": (2, 10)}
    assert [(t.row, t.month_value, t.ytd_value) for t in parsed.totals] == [(11, 3, 15)]


@pytest.mark.parametrize(
    ("month", "ytd", "expected"),
    [
        ("１", "１２", (1, 12)),  # full-width digits
        ("2家", "1,200", (2, 1200)),
        ("3 家", "1，200家", (3, 1200)),
        ("2个", "12家（含A公司、B公司）", (2, 12)),
        ("/", "—", (None, None)),
        ("无", "-", (None, None)),
        ("", "不适用", (None, None)),
    ],
)
def test_counts_as_people_write_them(month_dir, month, ytd, expected):
    sheet = progress_sheet([measure_row(1, "I04", month, ytd)])
    parsed = read_submission(write_xlsx(month_dir / "a.xlsx", {"月度进展": sheet}), None)

    assert parsed.messages == []
    assert values(parsed) == {"I04": expected}
    assert (parsed.rows[0].month_text, parsed.rows[0].ytd_text) == (month or None, ytd)


@pytest.mark.parametrize(
    ("written", "expected"),
    [("0.5亿元", 0.5), ("5000万元", 0.5), ("3000万", 0.3), ("1.2亿", 1.2), ("5,000万元", 0.5), (2.5, 2.5)],
)
def test_money_in_other_units_is_converted_to_the_measures_unit(month_dir, written, expected):
    rows = [measure_row(1, "I07", None, written, unit="D02")]
    sheet = progress_sheet(rows, unit="区科经局", unit_code="D02")
    parsed = read_submission(write_xlsx(month_dir / "a.xlsx", {"月度进展": sheet}), None)

    assert parsed.messages == []
    assert values(parsed) == {"I07": (None, expected)}


def test_a_unit_that_does_not_fit_the_measure_is_not_counted(month_dir):
    rows = [measure_row(1, "I07", "5场", "1.5亿元", unit="D02")]
    sheet = progress_sheet(rows, unit="区科经局", unit_code="D02")
    parsed = read_submission(write_xlsx(month_dir / "a.xlsx", {"月度进展": sheet}), None)

    assert parsed.status == FileStatus.ACCEPTED_WITH_WARNINGS
    message = only(parsed, "value_unit_mismatch")
    assert (message.sheet, message.row, message.column) == ("月度进展", 6, "F")
    assert "“5场”" in message.text_zh and "亿元" in message.text_zh
    assert values(parsed) == {"I07": (None, 1.5)}


def test_rates_written_with_a_percent_sign_or_formatted_as_percent(month_dir):
    path = write_xlsx(
        month_dir / "a.xlsx", {"月度进展": progress_sheet([measure_row(1, "I01", "13.5%", 0.125)])}
    )
    book = openpyxl.load_workbook(path)
    book["月度进展"]["G6"].number_format = "0.0%"  # Excel stores 12.5% typed by the clerk as 0.125
    book.save(path)
    parsed = read_submission(path, None)

    assert parsed.messages == []
    assert values(parsed) == {"I01": (13.5, 12.5)}


def test_a_percent_sign_on_a_count_is_a_unit_mismatch(month_dir):
    parsed = read_submission(
        write_xlsx(month_dir / "a.xlsx", {"月度进展": progress_sheet([measure_row(1, "I02", "5%", 3)])}), None
    )

    assert codes(parsed) == ["value_unit_mismatch"]
    assert values(parsed) == {"I02": (None, 3)}
