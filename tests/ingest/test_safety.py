"""Files that are not what they claim, or built to hurt the reader, are refused before parsing."""

import zipfile

import openpyxl
import pytest
import xlwt

from orchestration.ingest import messages
from orchestration.ingest.model import FileStatus
from orchestration.ingest.read import read_submission
from tests.ingest.conftest import (
    measure_row,
    only,
    progress_sheet,
    template_sheets,
    values,
    write_csv,
    write_xlsx,
)
from tests.reliability import hostile

REFUSALS = [
    ("far_cell", "月度进展.xlsx", "sheet_too_large", "XFD1048576"),
    ("far_cell_disguised", "a.xlsx", "sheet_too_large", "XFD1048576"),
    ("cell_beyond_grid_alone", "a.xlsx", "sheet_too_large", "A99999999999"),
    ("shared_string_bomb", "a.xlsx", "sheet_text_too_large", "重复引用的文字"),
    ("whitespace_64mb", "a.xlsx", "archive_suspicious", "xl/worksheets/sheet1.xml"),
    ("truncated_xlsx", "a.xlsx", "file_damaged", "损坏"),
    ("bit_flipped_xlsx", "a.xlsx", "file_damaged", "损坏"),
    ("styles_fail_crc", "a.xlsx", "file_damaged", "损坏"),
    ("deflate64_sheet", "a.xlsx", "file_damaged", "损坏"),
    ("pdf_renamed", "a.xlsx", "not_a_spreadsheet", "“.xlsx”"),
    ("docx_renamed", "a.xlsx", "not_a_spreadsheet", "不是电子表格"),
    ("password_protected", "a.xlsx", "encrypted", "密码"),
    ("oversized", "a.xlsx", "file_too_large", "20MB"),
]


@pytest.mark.parametrize(("make", "name", "code", "said"), REFUSALS)
def test_hostile_file_is_refused_with_a_specific_message(tmp_path, make, name, code, said):
    path = getattr(hostile, make)(tmp_path / name)
    parsed = read_submission(path, "2021-06")

    assert parsed.status == FileStatus.REJECTED
    message = only(parsed, code)
    assert said in message.text_zh
    assert message.text_en and "Traceback" not in message.text_en + message.text_zh
    assert parsed.rows == [] and len(parsed.messages) == 1


def test_a_far_cell_on_a_sheet_the_report_does_not_use_costs_nothing(month_dir):
    path = write_xlsx(month_dir / "a.xlsx", {**template_sheets(), "草稿": [["草稿"]]})
    book = openpyxl.load_workbook(path)
    book["草稿"]["XFD1048576"] = 1  # never read, so never a danger
    book.save(path)

    parsed = read_submission(path, "2021-06")

    assert parsed.status == FileStatus.ACCEPTED, parsed.messages
    assert values(parsed)["I02"] == (1, 5)


def test_other_kinds_of_files_are_refused(tmp_path):
    (tmp_path / "说明.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "空.xlsx").write_bytes(b"")

    assert only(read_submission(tmp_path / "说明.docx", None), "unsupported_type").text_zh.startswith(
        "系统不接收“.docx”"
    )
    assert only(read_submission(tmp_path / "空.xlsx", None), "file_empty")


def test_a_flood_of_row_problems_is_listed_once_and_counted(month_dir):
    rows = [measure_row(1, "I02", 1, 1)] + [
        [i, f"X{i}", f"自定义指标{i}", "个", None, 1, 1] for i in range(100)
    ]
    parsed = read_submission(write_csv(month_dir / "a.csv", progress_sheet(rows)), None)

    assert [m.code for m in parsed.messages].count("measure_unknown") == messages.MAX_PER_CODE
    assert "另有80处同类问题" in only(parsed, "more_of_the_same").text_zh


def test_an_ods_of_repeated_cells_is_refused_before_calamine_expands_it(tmp_path):
    parsed = read_submission(hostile.repeated_cells_ods(tmp_path / "a.ods"), None)

    message = only(parsed, "sheet_too_large")
    assert "GJH10000" in message.text_zh and "50,000,000" in message.text_zh


def test_an_xls_with_a_far_cell_on_an_unused_sheet_is_refused_before_calamine_opens_it(tmp_path):
    # calamine builds every sheet of an .xls as it opens it: IV65536 alone costs over a gigabyte.
    path = tmp_path / "a.xls"
    book = xlwt.Workbook(encoding="utf-8")
    book.add_sheet("月度进展").write(0, 0, "填报单位")
    book.add_sheet("草稿").write(65535, 255, 1)
    book.save(str(path))

    message = only(read_submission(path, None), "sheet_too_large")
    assert message.sheet == "草稿" and "IV65536" in message.text_zh


def test_an_ods_whose_sheets_are_too_large_together_is_refused(tmp_path):
    # Three sheets of 1.5 million cells each: every one under the limit, 4.5 million together.
    odf = "urn:oasis:names:tc:opendocument:xmlns"
    table = (
        '<table:table table:name="{}"><table:table-row table:number-rows-repeated="1500">'
        '<table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"/>'
        "</table:table-row></table:table>"
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{odf}:office:1.0" '
        f'xmlns:table="{odf}:table:1.0" office:version="1.2"><office:body><office:spreadsheet>'
        + "".join(table.format(f"表{i}") for i in range(3))
        + "</office:spreadsheet></office:body></office:document-content>"
    )
    path = tmp_path / "a.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)

    message = only(read_submission(path, None), "workbook_too_large")
    assert "4,500,000" in message.text_zh and "3个工作表" in message.text_zh
