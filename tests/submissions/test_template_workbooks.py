"""The templates the office sends out: open the real files and check what a unit would see."""

import math
import re
import unicodedata

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook, SheetVisibleEnum

from orchestration import reference
from orchestration.submissions import contract, templates

PERIOD = "2021-03"
FIRST = templates.FIRST_MEASURE_ROW
MONTH = templates.column_number("month_value")
YTD = templates.column_number("ytd_value")
NOTE = templates.column_number("note")


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("templates")
    return {path.name: path for path in templates.write_templates(PERIOD, out_dir)}


@pytest.fixture(scope="module")
def books(written):
    return {code: openpyxl.load_workbook(written[name]) for code, name in _names().items()}


def _names() -> dict[str, str]:
    return {
        u.code: contract.template_file_name(PERIOD, u.code, u.name) for u in reference.submitting_units(2021)
    }


def _cells(sheet, row, first, last):
    return [sheet.cell(row, column) for column in range(first, last + 1)]


def test_one_template_per_submitting_unit_named_by_the_contract(written):
    assert len(reference.submitting_units(2021)) == 21
    assert set(written) == set(_names().values())


def test_each_unit_gets_exactly_its_measures_and_targets(written):
    measures = reference.measures(2021)
    for code, name in _names().items():
        book = CalamineWorkbook.from_path(str(written[name]))
        table = book.get_sheet_by_name(contract.PROGRESS_SHEET).to_python()[FIRST - 1 :]
        expected = [
            [
                float(seq),
                a.measure_code,
                measures[a.measure_code].name,
                measures[a.measure_code].uom,
                a.target,
            ]
            for seq, a in enumerate(reference.assignments_for(2021, code), start=1)
        ]
        assert [row[:5] for row in table] == expected, code
        assert all(row[5:] == ["", "", ""] for row in table), "value cells are left for the unit"
    s06 = CalamineWorkbook.from_path(str(written[_names()["S06"]])).get_sheet_by_name(contract.PROGRESS_SHEET)
    assert s06.to_python()[FIRST - 1][:5] == [1.0, "I01", "高新技术产业增加值增速", "%", 14.0]


def test_header_block_names_unit_and_month_and_leaves_the_sign_off_lines_to_the_unit(books):
    sheet = books["P06"][contract.PROGRESS_SHEET]
    assert sheet.cell(1, 1).value == contract.TITLE
    assert [c.value for c in _cells(sheet, 2, 1, 5)] == ["填报单位", "现代服务业办", None, "单位编码", "P06"]
    assert [c.value for c in _cells(sheet, 3, 1, 5)] == ["报送月份", PERIOD, None, None, None]
    assert [c.value for c in _cells(sheet, 4, 1, 5)] == ["填报人", None, None, "联系电话", None]
    assert [c.value for c in _cells(sheet, 5, 1, 5)] == ["审核人", None, None, "填报日期", None]
    assert sheet.cell(6, 1).value.startswith("填报说明：")
    assert [c.value for c in _cells(sheet, templates.PROGRESS_HEADER_ROW - 1, 1, 8)] == [None] * 8
    headings = [c.value for c in _cells(sheet, templates.PROGRESS_HEADER_ROW, 1, 8)]
    assert headings == [
        "序号",
        "指标编码",
        "指标名称",
        "计量单位",
        "年度目标",
        "本月完成",
        "累计完成",
        "进展情况说明",
    ]


def _visible_texts(wb):
    """Every text a clerk can see or be prompted with on the visible sheets, above the table rows."""
    for sheet in wb.worksheets:
        if sheet.sheet_state != "visible":
            continue
        header_row = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "序号")
        for row in sheet.iter_rows(max_row=header_row):
            yield from (c.value for c in row if isinstance(c.value, str))
        for validation in sheet.data_validations.dataValidation:
            yield from (t for t in (validation.promptTitle, validation.prompt, validation.error) if t)


def test_the_clerk_sees_no_english_and_no_version(books):
    for code, wb in books.items():
        texts = list(_visible_texts(wb))
        assert any("填报人" in t for t in texts), code  # the walk reaches the header block
        english = [t for t in texts if re.search(r"[A-Za-z]{3,}", t)]
        assert english == [], code
        assert not [t for t in texts if "版本" in t or "version" in t.lower()], code


def test_instructions_state_the_due_date_the_folder_and_the_contact(tmp_path, monkeypatch):
    monkeypatch.setenv("TINENG_SUBMISSION_FOLDER", r"\\fileserver\科技月报")
    monkeypatch.setenv("TINENG_CONTACT", "区科经局 王五")
    monkeypatch.setenv("TINENG_CONTACT_PHONE", "027-83891234")
    monkeypatch.delenv("TINENG_PORTAL_URL", raising=False)
    path = templates.write_template("S06", "2021-06", tmp_path / "june.xlsx")
    text = openpyxl.load_workbook(path)[contract.PROGRESS_SHEET].cell(templates.INSTRUCTIONS_ROW, 1).value

    assert "报送截止日：2021年7月4日" in text
    assert r"“\\fileserver\科技月报”中的“2021-06”子文件夹" in text
    assert "联系人：区科经局 王五；联系电话：027-83891234" in text
    assert "平台" not in text and "http" not in text


def test_december_is_due_in_january_and_the_portal_is_named_only_when_configured(tmp_path, monkeypatch):
    monkeypatch.setenv("TINENG_PORTAL_URL", "https://tb.example.gov.cn")
    monkeypatch.delenv("TINENG_CONTACT", raising=False)
    monkeypatch.delenv("TINENG_CONTACT_PHONE", raising=False)
    path = templates.write_template("S06", "2021-12", tmp_path / "december.xlsx")
    text = openpyxl.load_workbook(path)[contract.PROGRESS_SHEET].cell(templates.INSTRUCTIONS_ROW, 1).value

    assert "报送截止日：2022年1月4日" in text
    assert "“2021-12”子文件夹，或登录报送平台 https://tb.example.gov.cn 上传" in text
    assert "3. 联系人：区科经局（领导小组办公室）。\n" in text  # no telephone when none is set


def _display_width(text: str, size: float) -> float:
    """Column-width units a line needs: two for a wide or full-width character, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text) * size / 11


def _label_cells(sheet):
    """(cell, total width of the columns it spans) for every text cell above and in the header row."""
    header_row = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "序号")
    spans = {(r.min_row, r.min_col): range(r.min_col, r.max_col + 1) for r in sheet.merged_cells.ranges}
    for row in sheet.iter_rows(max_row=header_row):
        for cell in row:
            if isinstance(cell.value, str):
                columns = spans.get((cell.row, cell.column), [cell.column])
                yield cell, sum(sheet.column_dimensions[get_column_letter(c)].width for c in columns)


def test_no_header_or_label_is_clipped_at_100_percent_zoom(books):
    for code, wb in books.items():
        for name in (contract.PROGRESS_SHEET, contract.DELIVERABLES_SHEET):
            sheet = wb[name]
            measured = 0
            for cell, width in _label_cells(sheet):
                size = cell.font.sz or 11
                lines = cell.value.splitlines()
                if cell.alignment.wrap_text:  # wrapped lines must fit the row's height
                    needed = sum(math.ceil((_display_width(line, size) + 1) / width) for line in lines)
                    height = sheet.row_dimensions[cell.row].height or 15
                    assert height >= needed * size * 1.25, (code, name, cell.coordinate)
                else:
                    assert all(_display_width(line, size) + 1 <= width for line in lines), (
                        code, name, cell.coordinate, width,
                    )  # fmt: skip
                measured += 1
            assert measured >= 8, (code, name)


def test_labels_fit_on_one_line_in_their_column(books):
    sheet = books["P06"][contract.PROGRESS_SHEET]
    width = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFGH"}
    assert width["A"] >= 9  # 填报单位, 报送月份: four characters, eight units, and a margin
    assert width["D"] >= 9  # 单位编码, 联系电话, 填报日期
    assert width["H"] >= 13  # 进展情况说明


def test_only_input_cells_are_unlocked_on_protected_sheets(books):
    for code, wb in books.items():
        progress = wb[contract.PROGRESS_SHEET]
        assert progress.protection.sheet, code
        assert wb[contract.DELIVERABLES_SHEET].protection.sheet, code
        assert wb.security.lockStructure
        inputs = {templates.header_value_cell(k) for k in ("reporter", "phone", "reviewer", "filled_on")}
        rows = range(FIRST, progress.max_row + 1)
        inputs |= {(row, column) for row in rows for column in (MONTH, YTD, NOTE)}
        for row in progress.iter_rows():
            for cell in row:
                if isinstance(cell, MergedCell):  # part of the cell to its left, e.g. 填报人's value
                    continue
                expected = (cell.row, cell.column) not in inputs
                assert cell.protection.locked == expected, (code, cell.coordinate)


def _covering(sheet, coordinate):
    return [dv for dv in sheet.data_validations.dataValidation if coordinate in dv.sqref]


def test_value_cells_accept_numbers_only(books):
    measures = reference.measures(2021)
    for code, wb in books.items():
        sheet = wb[contract.PROGRESS_SHEET]
        for row in range(FIRST, sheet.max_row + 1):
            measure = measures[sheet.cell(row, 2).value]
            for column in (MONTH, YTD):
                (validation,) = _covering(sheet, sheet.cell(row, column).coordinate)
                assert validation.type == "decimal"
                assert validation.showErrorMessage and validation.showInputMessage
                assert validation.prompt.startswith("填")
                if measure.is_cumulative:
                    assert (validation.operator, validation.formula1) == ("greaterThanOrEqual", "0"), code
                else:  # growth rates and net increases can be negative
                    assert validation.operator == "between", code


def test_project_status_is_a_list_of_the_known_statuses(books):
    measures = reference.measures(2021)
    status_column = templates.column_number("status", contract.DELIVERABLE_COLUMNS)
    for code, wb in books.items():
        sheet = wb[contract.DELIVERABLES_SHEET]
        projects = reference.deliverables_for(2021, code)
        assert sheet.max_row == templates.FIRST_DELIVERABLE_ROW - 1 + len(projects), code
        for row, item in enumerate(projects, start=templates.FIRST_DELIVERABLE_ROW):
            seq = row - templates.FIRST_DELIVERABLE_ROW + 1
            cells = [c.value for c in _cells(sheet, row, 1, 4)]
            assert cells == [seq, item.code, item.name, measures[item.measure_code].name]
            status = sheet.cell(row, status_column)
            assert not status.protection.locked
            (validation,) = _covering(sheet, status.coordinate)
            assert validation.type == "list"
            assert validation.formula1 == '"' + ",".join(reference.deliverable_statuses()) + '"'


def test_a_unit_without_projects_still_gets_the_projects_sheet(books):
    assert reference.deliverables_for(2021, "S01") == []
    sheet = books["S01"][contract.DELIVERABLES_SHEET]
    headings = [c.value for c in _cells(sheet, templates.DELIVERABLES_HEADER_ROW, 1, 6)]
    assert headings == ["序号", "项目编码", "项目名称", "所属指标", "进展状态", "说明"]


def test_no_formulas_anywhere(written):
    for path in written.values():
        wb = openpyxl.load_workbook(path)
        for sheet in wb.worksheets:
            for row in sheet.iter_rows():
                assert all(cell.data_type != "f" for cell in row), (path.name, sheet.title)


def test_hidden_meta_sheet_stamps_version_unit_and_month(written):
    book = CalamineWorkbook.from_path(str(written[_names()["D02"]]))
    visibility = {m.name: m.visible for m in book.sheets_metadata}
    assert visibility == {
        contract.PROGRESS_SHEET: SheetVisibleEnum.Visible,
        contract.DELIVERABLES_SHEET: SheetVisibleEnum.Visible,
        contract.META_SHEET: SheetVisibleEnum.Hidden,
    }
    meta = dict(book.get_sheet_by_name(contract.META_SHEET).to_python())
    assert list(meta) == list(contract.META_KEYS)
    assert [meta[k] for k in ("template_version", "unit_code", "unit_name", "period")] == [
        contract.TEMPLATE_VERSION,
        "D02",
        "区科经局",
        PERIOD,
    ]
    assert meta["generated_at"].endswith("+08:00")


def test_prints_on_one_landscape_a4_page_wide_with_the_header_frozen(books):
    sheet = books["P06"][contract.PROGRESS_SHEET]
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.freeze_panes == f"A{FIRST}"
    assert sheet.cell(FIRST, 3).alignment.wrap_text


def test_a_month_that_is_not_yyyy_mm_is_refused(tmp_path):
    with pytest.raises(ValueError, match="YYYY-MM"):
        templates.write_template("S01", "2021-3", tmp_path / "x.xlsx")
    assert not list(tmp_path.iterdir())
