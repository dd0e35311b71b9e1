"""The kinds of files of the hostile batch (raw/2021-03/): where each goes, and what it must get.

Where a kind found a bug in the project (all fixed since), a comment marked FOUND says what used
to happen; its expectation is the correct behaviour, so the bug cannot come back unseen.
"""

from collections.abc import Callable
from pathlib import Path

from orchestration.submissions import templates
from tests.reliability import hostile as h
from tests.reliability.batch import RECEIVED, Kind

M = "2021-03/"
PROGRESS = "月度进展"
FIRST = templates.FIRST_MEASURE_ROW  # the row of a template's first measure
# The hand-made sheets (hostile.sheet_rows) have their table header in row 6 and data from row 7.
HAND_MADE_FIRST = 7

Make = Callable[[Path], object]


def row_of(unit: str, measure: str) -> int:
    """The row of `measure` on `unit`'s template."""
    return FIRST + h.measures_of(unit).index(measure)


def rejected(name: str, path: str, make: Make, *codes: str, where=None, says=()) -> Kind:
    return Kind(name, M + path, make, "rejected", codes, where, says)


def accepted(name: str, path: str, make: Make, unit: str, *codes: str, where=None, says=(), **more) -> Kind:
    status = "accepted_with_warnings" if codes else "accepted"
    return Kind(name, M + path, make, status, codes, where, says, unit, **more)


def ignored(name: str, path: str, make: Make) -> Kind:
    """A file or folder that is never read (nor registered)."""
    return Kind(name, path, make, None)


def good(unit: str, name: str) -> Kind:
    return accepted(f"good: {name} template", f"2021-03_{unit}_{name}.xlsx", h.good_file(unit), unit)


def saved_by_libreoffice(unit: str, name: str, suffix: str) -> Kind:
    """The unit's filled template, its rate in percentage cells (1 % held as 0.01), saved by
    LibreOffice: its rows must land as typed, 1 and 3 for the rate too."""
    return accepted(
        f"good: {name} template saved by LibreOffice as .{suffix}", f"2021-03_{unit}_{name}.{suffix}",
        h.libreoffice_template(unit, suffix), unit,
    )  # fmt: skip


# Where LibreOffice is installed the good files are its .ods, .xls and .xlsx (every unit of the
# plan has an accepted file in the batch, so these three take the good templates' units).
# FOUND: the .ods and .xls rate read as 0.01 and 0.03 (percentages were only read from .xlsx).
GOOD = (
    [
        saved_by_libreoffice("S01", "吴家山街", "ods"),
        saved_by_libreoffice("S02", "慈惠街", "xls"),
        saved_by_libreoffice("S03", "长青街", "xlsx"),
    ]
    if h.libreoffice()
    else [good("S01", "吴家山街"), good("S02", "慈惠街"), good("S03", "长青街")]
)

S06_I04 = row_of("S06", "I04")
H_I04 = h.measures_of("S06").index("I04")  # I04's place among a hand-made sheet's rows

HOSTILE = [
    # --- the file as a whole ---
    rejected("truncated xlsx", "截断.xlsx", h.truncated_xlsx, "file_damaged"),
    rejected("empty xlsx (0 bytes)", "空文件.xlsx", h.empty_file, "file_empty"),
    rejected("bit-flipped xlsx", "坏道.xlsx", h.bit_flipped_xlsx, "file_damaged"),
    rejected("PDF renamed .xlsx", "扫描件.xlsx", h.pdf_renamed, "not_a_spreadsheet", says=("“.xlsx”",)),
    rejected("PNG renamed .xlsx", "截图.xlsx", h.png_renamed, "not_a_spreadsheet"),
    rejected("docx renamed .xlsx", "说明（改名）.xlsx", h.docx_renamed, "not_a_spreadsheet"),
    rejected("password-protected (OLE EncryptedPackage)", "加密.xlsx", h.password_protected, "encrypted"),
    rejected("password-protected .ods", "加密.ods", h.encrypted_ods, "encrypted"),
    rejected("21 MB file (sparse)", "超大.xlsx", h.oversized, "file_too_large", says=("20MB",)),
    rejected("unsupported type .docx", "说明.docx", h.unsupported_type, "unsupported_type", says=("“.docx”",)),
    # FOUND: no unit: 金银湖街 never heard that its photo was not a report (the unit is checked in
    # test_the_months_report_is_written_for_every_unit_that_filed and tests/ingest).
    rejected("photo named for its unit", "金银湖街3月报表.jpg", h.jpeg_photo, "unsupported_type", says=("“.jpg”",)),
    rejected("no suffix at all", "月报", h.good_file("S06"), "unsupported_type", says=("“月报”",)),
    # --- bombs and limits ---
    rejected(
        "cell at XFD1048576", "远端单元格.xlsx", h.far_cell, "sheet_too_large",
        where=(PROGRESS, None, None), says=("XFD1048576",),
    ),
    # A reference beyond the grid, refused up front (not by the worker dying allocating 311 GB).
    rejected(
        "cell at A99999999999", "越界单元格.xlsx", h.cell_beyond_grid, "sheet_too_large",
        where=(PROGRESS, None, None), says=("99999999999",),
    ),
    rejected(
        "shared-string bomb", "共享字符串.xlsx", h.shared_string_bomb, "sheet_text_too_large",
        where=(PROGRESS, None, None),
    ),
    rejected("400 MB whitespace sheet", "空白400MB.xlsx", h.whitespace_400mb, "archive_too_large", says=("400MB",)),
    rejected(
        "64 MB whitespace sheet", "空白64MB.xlsx", h.whitespace_64mb, "archive_suspicious",
        says=("xl/worksheets/sheet1.xml",),
    ),
    rejected("billion laughs in sharedStrings", "实体炸弹1.xlsx", h.billion_laughs_shared_strings, "file_damaged"),
    rejected("billion laughs in sheet XML", "实体炸弹2.xlsx", h.billion_laughs_sheet, "file_damaged"),
    rejected("external entity /etc/passwd", "外部实体.xlsx", h.external_entity, "file_damaged"),
    # FOUND: refused as archive_too_large, whose message says "about 0 MB, limit 200 MB".
    rejected("zip with 3,000 entries", "多部件.xlsx", h.many_entries_zip, "archive_too_many_parts", says=("3,005",)),
    rejected("zip sizes that lie", "尺寸造假.xlsx", h.lying_zip_sizes, "file_damaged"),
    rejected("sheet relationship to /etc/passwd", "关系越界.xlsx", h.rels_outside_archive, "file_damaged"),
    # FOUND (these three): a zip error raised outside the checks' except clauses reaches the pool, so the
    # file gets reader_failed ("internal error, not a problem with your report") although it is damaged.
    rejected("styles part fails its CRC", "样式损坏.xlsx", h.styles_fail_crc, "file_damaged"),
    rejected("zip version 8.4 required", "版本过新.xlsx", h.zip_version_too_new, "file_damaged"),
    rejected("Deflate64 sheet", "压缩方式.xlsx", h.deflate64_sheet, "file_damaged"),
    rejected("zip entries encrypted", "压缩包密码.xlsx", h.zip_encrypted_entries, "file_damaged"),
    # FOUND: read until the worker died (worker_out_of_memory): calamine expands every .ods sheet as it
    # opens the file, so all are weighed from content.xml first.
    rejected(
        "50 million repeated .ods cells", "重复单元格.ods", h.repeated_cells_ods, "sheet_too_large",
        where=(PROGRESS, None, None), says=("GJH10000",),
    ),
    rejected(
        "100,000 rows of one measure", "十万行.xlsx", h.rows_100k, *["measure_duplicate"] * 20, "more_of_the_same",
        where=(PROGRESS, HAND_MADE_FIRST + 1, None), says=("第7行", "第8行"),
    ),
    rejected(
        "CSV of 100,001 rows", "十万行.csv", h.csv_over_row_limit, "sheet_too_large",
        where=("十万行.csv", None, None), says=("H100001",),
    ),
    accepted("200 sheets, the table last", "二百个工作表.xlsx", h.many_sheets, "P03"),
    accepted("merged area to XFD1048576", "2021-03_P04_合并单元格.xlsx", h.huge_merged_range, "P04"),
    accepted("zip-slip entry name", "2021-03_P05_路径穿越.xlsx", h.zip_slip, "P05"),
    # --- who and when ---
    rejected(
        "wrong unit (填报单位 vs 单位编码)", "单位不一致.xlsx", h.wrong_unit, "unit_conflict",
        says=("慈惠街", "S06"),
    ),
    rejected(
        "unknown unit", "未知单位.xlsx", h.unknown_unit, "unit_unknown",
        where=(PROGRESS, 2, "B"), says=("火星街道",),
    ),
    # FOUND: accepted as 金银湖街: the hidden template stamp (S06) silently wins over the visible 填报单位.
    rejected(
        "unknown unit on another unit's template", "借用模板.xlsx", h.unknown_unit_on_template, "unit_unknown",
        where=(PROGRESS, 2, "B"), says=("火星街道",),
    ),
    rejected("no 填报单位", "无单位.xlsx", h.missing_unit, "unit_missing"),
    # FOUND: "fix the month in the sheet", though the template's 报送月份 cell is locked.
    rejected(
        "wrong period (February in March's folder)", "上月报表.xlsx", h.wrong_period, "folder_period_mismatch",
        says=("2021-02", "下载或索取2021-03的模板", "已锁定"),
    ),
    rejected(
        "future period (2030-05)", "未来月份.xlsx", h.future_period,
        "period_outside_plan_year", "folder_period_mismatch", says=("2030-05",),
    ),
    rejected(
        "unreadable period (2021年13月)", "月份错误.xlsx", h.unreadable_period, "period_unreadable",
        where=(PROGRESS, 3, "B"), says=("2021年13月",),
    ),
    rejected(
        "a unit filing for another", "2021-03_S02_慈惠街（代报）.xlsx", h.filing_for_another,
        "filename_unit_mismatch", says=("慈惠街", "金银湖街"),
    ),
    rejected(
        "file name says April", "2021-04_金银湖街.xlsx", h.file_name_month_differs, "filename_period_mismatch",
        says=("2021-04",),
    ),
    # --- rows and values ---
    rejected(
        "duplicate measure rows", "重复指标.xlsx", h.duplicate_measure_rows, "measure_duplicate",
        where=(PROGRESS, FIRST + len(h.measures_of("S06")), None), says=(f"第{S06_I04}行",),
    ),
    rejected(
        "negative cumulative value", "负数.xlsx", h.negative_cumulative, "value_negative", "ytd_below_month",
        where=(PROGRESS, S06_I04, "G"), says=("-5",),
    ),
    accepted("absurd value 1e12", "2021-03_S04_走马岭街.xlsx", h.absurd_values, "S04"),
    rejected(
        "text in number cells", "文字.xlsx", h.text_in_numbers, "value_not_number", "value_not_number",
        where=(PROGRESS, S06_I04, "F"), says=("大约五家",),
    ),
    rejected(
        "formulas without cached values", "公式.xlsx", h.formulas_without_values, "formula_without_value",
        where=(PROGRESS, None, None), says=(f"F{FIRST}",),
    ),
    accepted(
        "template version 1", "2021-03_S05_新沟镇街.xlsx", h.old_template_version, "S05", "template_outdated",
        says=("版本1",),
    ),
    rejected("no progress table", "工作总结.xlsx", h.no_progress_table, "no_progress_table"),
    # FOUND (each of the following, until the next section): NaN and infinity stored as values.
    rejected(
        "NaN and infinity in number cells", "非数值.xlsx", h.nan_and_infinity, "value_not_finite", "value_not_finite",
        where=(PROGRESS, HAND_MADE_FIRST + H_I04, "F"), says=("“nan”",),
    ),
    rejected(
        "nan and -inf typed in a CSV", "非数值.csv", h.nan_and_infinity_csv, "value_not_finite", "value_not_finite",
        where=("非数值.csv", HAND_MADE_FIRST + H_I04, "F"),
    ),
    # #DIV/0! and #N/A read as empty cells.
    rejected(
        "formula errors #DIV/0! and #N/A", "公式错误.xlsx", h.formula_errors,
        "value_spreadsheet_error", "value_spreadsheet_error", where=(PROGRESS, S06_I04, "F"), says=("#DIV/0!", "除数为零"),
    ),
    # "5 6" read as 56 and "1 200" as 1200.
    rejected(
        "digits apart (5 6)", "数字空格.xlsx", h.digits_apart, "value_spaced_digits", "value_spaced_digits",
        where=(PROGRESS, S06_I04, "F"), says=("“5 6”",),
    ),
    # Values under 本月完成（万元） stored in the indicators' own units.
    rejected(
        "header states 万元", "表头单位.xlsx", h.header_states_wan_yuan,
        *["value_stated_unit_mismatch"] * len(h.measures_of("S06")),
        where=(PROGRESS, FIRST, "F"), says=("本月完成（万元）", "万元", "“%”"),
    ),
    # A rate typed 0.01 stored as 0.01 % without a word (the file is February's, so its rows do not land).
    rejected(
        "rate typed as a fraction", "增速小数.xlsx", h.rate_as_fraction_in_february,
        "folder_period_mismatch", "rate_read_as_percent", "rate_read_as_percent",
    ),
    # 44256 read as 4425-06.
    rejected(
        "报送月份 as a date serial number", "日期序列号.xlsx", h.period_date_serial, "period_date_serial",
        where=(PROGRESS, 3, "B"), says=("44256", "2021-03-01"),
    ),
    # The hidden 月度进展 (March) read instead of the visible sheet (February).
    rejected("hidden 月度进展 next to a visible sheet", "隐藏工作表.xlsx", h.hidden_progress_sheet, "folder_period_mismatch"),
    # A very hidden 月度进展 read although no visible sheet holds a table.
    rejected(
        "very hidden 月度进展", "深度隐藏.xlsx", h.very_hidden_progress_sheet,
        "unit_missing", "period_missing", "no_progress_table",
    ),
    # Read as 金银湖街's; 径河街's sheet silently ignored.
    rejected(
        "two units' sheets in one workbook", "两个单位.xlsx", h.two_units_in_one_workbook, "two_units_in_workbook",
        says=("金银湖街", "径河街"),
    ),
    # The zero-width space was in the message, invisible.
    rejected(
        "zero-width space in 填报单位", "零宽空格.xlsx", h.invisible_character_in_unit, "unit_unknown",
        where=(PROGRESS, 2, "B"), says=("[零宽空格]", "删除后即为“金银湖街”"),
    ),
    # Each code and name naming different indicators: a message about the row, not the code cell.
    rejected(
        "code column sorted on its own", "编码错位.xlsx", h.code_column_sorted_alone,
        *["measure_ambiguous"] * len(h.measures_of("S06")), "no_measure_rows", where=(PROGRESS, FIRST, "B"),
    ),
    # A note of any length kept whole (one of 14 MB made a 14 MB bulletin).
    accepted(
        "a 630-character note", "2021-03_S06_金银湖街.xlsx", h.long_note, "S06", "text_too_long",
        where=(PROGRESS, S06_I04, "H"), says=("630", "500"),
    ),
    # FOUND: located at the row only, not at the code cell that names the measure.
    accepted(
        "a measure of another unit", "2021-03_P06_现代服务业办.xlsx", h.measure_not_assigned, "P06",
        "measure_not_assigned", where=(PROGRESS, FIRST + len(h.measures_of("P06")), "B"), says=("I05",),
    ),
    rejected(
        "terminal escapes in number cells", "控制字符.csv", h.control_characters_csv,
        "value_not_number", "value_not_number", where=("控制字符.csv", HAND_MADE_FIRST, "F"),
    ),
    # --- saved by LibreOffice (where it is installed) ---
    *(
        [
            rejected(
                "formula errors in a LibreOffice .ods", "公式错误.ods", h.libreoffice_formula_errors,
                "value_spreadsheet_error", "value_spreadsheet_error", where=(PROGRESS, S06_I04, "F"),
                says=("#DIV/0!",),
            )
        ]
        if h.libreoffice()
        else []
    ),
    # --- CSV and disguised formats ---
    accepted("CSV with BOM and CRLF", "2021-03_S07_径河街.csv", h.csv_bom_crlf, "S07"),
    # FOUND: a UTF-16 CSV without a BOM is called "not a spreadsheet (perhaps another file renamed)".
    rejected("CSV in UTF-16 without BOM", "UTF16.csv", h.csv_utf16_no_bom, "csv_encoding_unknown"),
    rejected("CSV of random bytes", "乱码.csv", h.csv_random_bytes, "csv_encoding_unknown"),
    # FOUND: a field over the csv module's 128 KB limit raises csv.Error: reader_failed.
    rejected("CSV with a 1 MB field", "超长说明.csv", h.csv_huge_field, "file_damaged"),
    # FOUND: it has the same (no) bytes as 空文件.xlsx: one of the two becomes a 'duplicate' of the
    # other, with no message, and its unit is never told the file was empty.
    rejected("zero-byte CSV", "空文件.csv", h.empty_file, "file_empty"),
    accepted(".xls that is an .xlsx", "2021-03_S08_将军路街.xls", h.xls_that_is_xlsx, "S08"),
    accepted(".xlsm with a VBA project", "2021-03_D05_区人社局.xlsm", h.xlsm_with_macros, "D05"),
    accepted("upper-case .XLSX", "2021-03_D02_区科经局.XLSX", h.good_file("D02"), "D02"),
    # --- names and the file system ---
    accepted("name with U+2215 slashes", h.SLASH_LOOKALIKE_NAME, h.good_file("S09"), "S09"),
    accepted("name with RTL override", h.RTL_OVERRIDE_NAME, h.good_file("S10"), "S10"),
    accepted("name with emoji", h.EMOJI_NAME, h.good_file("S11"), "S11"),
    accepted("254-byte name", h.LONG_NAME, h.good_file("P01"), "P01"),
    # FOUND: accepted, but the report step then fails (after publishing): openpyxl refuses the ESC and
    # BEL of the file name, and of 控制字符.csv's messages, in the feedback workbook.
    accepted("name with escapes and a newline", h.CONTROL_CHARACTER_NAME, h.good_file("D01"), "D01"),
    accepted(
        "60 nested folders", "/".join(["子目录"] * 60) + "/2021-03_P02_保税产业办.xlsx", h.good_file("P02"), "P02"
    ),
    accepted("mtime in year 2446", "2021-03_D13_区金融办.xlsx", h.far_future_mtime, "D13", received=None),
    # Names starting with a dot are hidden files (.~lock, macOS ._ files): never read, by design.
    ignored("..∕..∕x.xlsx (a hidden file)", M + h.DOT_SLASH_LOOKALIKE_NAME, h.good_file("S06")),
    ignored("symlink to /etc/passwd", M + "passwd.csv", h.symlink_to_passwd),
    ignored("symlink to /etc", M + "etc", h.symlink_to_etc),
    ignored("named pipe", M + "管道.csv", h.fifo),
    ignored("folder named .xlsx", M + "文件夹.xlsx", h.directory_named_xlsx),
    ignored("Excel lock file", M + "~$2021-03_S01_吴家山街.xlsx", h.office_lock_file),
    ignored("file outside the month folders", "2021-03_S06_金银湖街.xlsx", h.good_file("S06")),
    ignored("folder that is not a month", "2021-13/2021-03_S06_金银湖街.xlsx", h.good_file("S06")),
    Kind(
        "the same hostile file twice", M + "截断 (1).xlsx", h.copy_of("截断.xlsx"), "duplicate",
        received=RECEIVED + 3600,
    ),
]  # fmt: skip

KINDS = GOOD + HOSTILE
