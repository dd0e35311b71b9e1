# (a catalogue of sentences: one sentence per line reads best)
"""Every message the reader gives about a file: one template per code, Chinese first.

Messages are written for the clerk who filled the report. A located message starts with where it
applies (sheet, 1-based row, column letter as Excel shows them); the template says the rest.
A value the message quotes is cut to a readable length, and a character the clerk cannot see in
the cell (a zero-width space, a BOM, a control character) is shown by name: [零宽空格].
"""

from collections import Counter

from orchestration.ingest.model import Message, Severity
from orchestration.ingest.values import invisible_name

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
# Messages of one kind listed per file; the rest are counted in one more_of_the_same message.
MAX_PER_CODE = 20
_RESAVE_ZH = "用Excel或WPS打开文件，另存为.xlsx后重新提交"
_RESAVE_EN = "open the file in Excel or WPS, save it as .xlsx and send it again"
_TRIM_ZH = "删除表格下方和右侧多余的行列（包括只有空格的单元格）后另存，再重新提交"
_TRIM_EN = "delete the extra rows and columns below and right of the table (including cells that hold only spaces), save and send it again"
_CONTACT_ZH = "如仍有问题请联系区科经局（领导小组办公室）"
_CONTACT_EN = "if that does not help, contact the lead office at the district science and economy bureau"
# A quoted value longer than this is cut in the message (the cell keeps it all).
MAX_QUOTED = 100
# Fields the reader composes from its own words: never cut.
_COMPOSED = {
    "action",
    "action_en",
    "expected",
    "expected_en",
    "allowed",
    "first",
    "second",
    "first_en",
    "second_en",
}

CATALOGUE: dict[str, tuple[Severity, str, str]] = {
    # --- the file as a whole ---
    "file_empty": (
        ERROR,
        "文件是空的（0字节），请重新导出报表后提交。",
        "The file is empty (0 bytes); export the report again and send it.",
    ),
    "file_too_large": (
        ERROR,
        "文件大小为{size_mb:.1f}MB，超过{limit_mb}MB的上限，系统未读取。请只保留本单位的月度报表（删除图片和多余的工作表）后重新提交。",
        "The file is {size_mb:.1f} MB, over the {limit_mb} MB limit, so it was not read. Keep only your monthly report (remove pictures and extra sheets) and send it again.",
    ),
    "unsupported_type": (
        ERROR,
        f"系统不接收“{{suffix}}”格式的文件，请{_RESAVE_ZH}（.xls或.csv也可以）。",
        f"Files of type '{{suffix}}' are not accepted; {_RESAVE_EN} (.xls or .csv also work).",
    ),
    "not_a_spreadsheet": (
        ERROR,
        f"文件扩展名是“{{suffix}}”，但内容不是电子表格（可能是改了扩展名的其他文件）。请{_RESAVE_ZH}。",
        f"The file is named '{{suffix}}' but its content is not a spreadsheet (perhaps another kind of file was renamed); {_RESAVE_EN}.",
    ),
    "encrypted": (
        ERROR,
        "文件设置了打开密码，系统无法读取。请在Excel或WPS中取消文件密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后重新提交。",
        "The file is protected with a password, so it cannot be read. Remove the password in Excel or WPS (File → Info → Protect Workbook → Encrypt with Password, clear it) and send it again.",
    ),
    "file_damaged": (
        ERROR,
        f"文件已损坏或不完整，无法打开。请确认文件能在Excel或WPS中正常打开，再{_RESAVE_ZH}。",
        f"The file is damaged or incomplete and cannot be opened. Check that it opens in Excel or WPS, then {_RESAVE_EN}.",
    ),
    "file_still_arriving": (
        ERROR,
        "文件刚刚被修改且内容不完整，可能仍在复制或保存中；系统会在下次刷新时重新读取，无需处理。如果这条提示一再出现，请重新保存文件后再提交。",
        "The file was modified moments ago and is incomplete: it may still be being copied or saved. It will be read again at the next refresh; nothing to do. If this keeps appearing, save the file again and send it.",
    ),
    "xls_formats_unreadable": (
        ERROR,
        f"无法读取这个.xls文件的单元格格式（如百分比格式），系统不能确定其中的数值。请{_RESAVE_ZH}。",
        f"The cell formats of this .xls file (such as percentages) cannot be read, so its values cannot be trusted; {_RESAVE_EN}.",
    ),
    "csv_encoding_unknown": (
        ERROR,
        f"CSV文件的文字编码无法识别（应为UTF-8或GBK），请{_RESAVE_ZH}。",
        f"The text encoding of the CSV file is not recognised (UTF-8 or GBK expected); {_RESAVE_EN}.",
    ),
    "archive_too_large": (
        ERROR,
        "文件解压后的内容过大（约{expanded_mb:.0f}MB，上限{limit_mb}MB），系统未读取。请删除多余的工作表、图片和空白行列后另存，再重新提交。",
        "Unpacked, the file is too large (about {expanded_mb:.0f} MB, limit {limit_mb} MB), so it was not read. Delete extra sheets, pictures and blank rows and columns, save and send it again.",
    ),
    "archive_too_many_parts": (
        ERROR,
        f"文件内部包含{{parts:,}}个部件，超过{{limit:,}}个的上限（正常的报表只有几十个），系统未读取。请{_RESAVE_ZH}。",
        f"The file holds {{parts:,}} internal parts, over the limit of {{limit:,}} (a normal report has a few dozen), so it was not read; {_RESAVE_EN}.",
    ),
    "archive_suspicious": (
        ERROR,
        f"文件内部的“{{part}}”压缩比异常（约{{ratio:.0f}}倍），通常是含有大量空白或异常内容，系统未读取。请{_TRIM_ZH}。",
        f"The part '{{part}}' inside the file is compressed abnormally (about {{ratio:.0f}} times), usually because of huge blank or abnormal content, so it was not read. Please {_TRIM_EN}.",
    ),
    "sheet_too_large": (
        ERROR,
        f"的数据区域过大（延伸到{{last_cell}}，约{{cells:,}}个单元格），系统未读取。请{_TRIM_ZH}。",
        f"the data area is too large (it reaches {{last_cell}}, about {{cells:,}} cells), so it was not read. Please {_TRIM_EN}.",
    ),
    "workbook_too_large": (
        ERROR,
        f"文件中{{sheets}}个工作表的数据区域合计约{{cells:,}}个单元格，超过{{limit:,}}个的上限，系统未读取。请删除多余的工作表，再{_TRIM_ZH}。",
        f"The data areas of the file's {{sheets}} sheets hold about {{cells:,}} cells together, over the limit of {{limit:,}}, so it was not read. Delete the extra sheets, then {_TRIM_EN}.",
    ),
    "sheet_text_too_large": (
        ERROR,
        "中重复引用的文字展开后过大（约{expanded_mb:.0f}MB），系统未读取。请删除多余内容后另存，再重新提交。",
        "the repeated text is too large once expanded (about {expanded_mb:.0f} MB), so it was not read. Delete the extra content, save and send it again.",
    ),
    # --- when the reader could not finish ---
    "worker_timeout": (
        ERROR,
        f"读取文件超过{{seconds:g}}秒仍未完成，系统已停止读取。文件可能过大或结构异常，请删除多余的工作表和空白行列，再{_RESAVE_ZH}；{_CONTACT_ZH}。",
        f"Reading the file took longer than {{seconds:g}} seconds and was stopped. The file may be too large or abnormal: delete extra sheets and blank rows and columns, then {_RESAVE_EN}; {_CONTACT_EN}.",
    ),
    "worker_out_of_memory": (
        ERROR,
        f"读取文件所需的内存超过了{{limit_mb}}MB的上限，系统已停止读取。文件可能含有异常大的表格区域或已损坏，请删除多余的行列，再{_RESAVE_ZH}。",
        f"Reading the file needed more than the {{limit_mb}} MB memory limit and was stopped. The file may hold an abnormally large area or be damaged: delete extra rows and columns, then {_RESAVE_EN}.",
    ),
    "worker_crashed": (
        ERROR,
        f"读取程序在读这个文件时意外中止，文件可能已损坏。请{_RESAVE_ZH}；{_CONTACT_ZH}。",
        f"The reader stopped unexpectedly on this file, which may be damaged; {_RESAVE_EN}; {_CONTACT_EN}.",
    ),
    "reader_failed": (
        ERROR,
        "系统读取此文件时出现内部错误，这不是填报的问题。请联系区科经局（领导小组办公室）处理。",
        "The system hit an internal error while reading this file; this is not a problem with your report. Please contact the lead office at the district science and economy bureau.",
    ),
    # --- layout ---
    "no_progress_table": (
        ERROR,
        "没有找到月度进展表的表头行。表头应含有“指标编码”或“指标名称”，以及“本月完成”或“累计完成”（模板的表头为：{expected}）。请使用下发的模板填报。",
        "No header row of the monthly progress table was found. It needs 'Code' or 'Indicator' and 'This month' or 'Year to date' (the template's headers are: {expected_en}). Please fill in the template you were sent.",
    ),
    "formula_without_value": (
        ERROR,
        "中有{count}个公式单元格（如{first_cell}）没有保存计算结果，系统读不到它们的值。请用Excel或WPS打开文件，确认数值显示正常后保存，再重新提交。",
        "{count} formula cell(s) (e.g. {first_cell}) have no saved result, so their values cannot be read. Open the file in Excel or WPS, check that the numbers show, save it and send it again.",
    ),
    "two_units_in_workbook": (
        ERROR,
        "一个文件中有两个单位的月度进展表：工作表“{first_sheet}”是{first_unit}的，工作表“{second_sheet}”是{second_unit}的。一个文件只能报送一个单位，请把每个单位的报表分别保存为单独的文件后重新提交。",
        "The file holds the monthly progress of two units: sheet '{first_sheet}' is {first_unit}'s and sheet '{second_sheet}' is {second_unit}'s. One file can report for one unit only; save each unit's report as a file of its own and send them again.",
    ),
    "progress_sheet_not_read": (
        WARNING,
        "文件中的工作表“{other}”也是一张月度进展表，但系统只读取了工作表“{read_sheet}”，“{other}”中的数据未读取。如需报送其中的数据，请合并到一张表后重新提交。",
        "Sheet '{other}' is a monthly progress table too, but only sheet '{read_sheet}' was read; the data on '{other}' was not. To report it, put it on one sheet and send the file again.",
    ),
    "text_too_long": (
        WARNING,
        "的“{label}”有{length:,}个字，超过{limit}字的上限，只保留了前{limit}个字。请精简后在下次报送时填写。",
        "the '{label_en}' is {length:,} characters long, over the limit of {limit}, so only its first {limit} characters were kept. Please shorten it next time.",
    ),
    "template_outdated": (
        WARNING,
        "模板版本过旧：文件使用的是版本{found}的模板，当前为版本{current}。本次数据已读取，下次请使用新下发的模板。",
        "Template version too old: the file was made from template version {found}, the current one is version {current}. The data was read this time; please use the new template next time.",
    ),
    # --- who and when ---
    "unit_missing": (
        ERROR,
        "表头没有填写“填报单位”，无法确认是哪个单位报送的。请在“填报单位”后填写本单位名称后重新提交。",
        "The header does not give the reporting unit ('填报单位'), so it is not known who sent it. Fill in your unit's name and send it again.",
    ),
    "unit_unknown": (
        ERROR,
        "“填报单位”填写的“{written}”不是本方案中的单位，系统无法识别。请填写本单位的规范名称（如“金银湖街”）后重新提交。",
        "the reporting unit '{written}' is not a unit of the plan and cannot be recognised. Write your unit's standard name (e.g. 金银湖街) and send it again.",
    ),
    "unit_conflict": (
        ERROR,
        "表内的单位信息不一致：{first}，{second}。系统不会自行判断是哪个单位，请改正后重新提交。",
        "The unit is given inconsistently: {first_en}; {second_en}. The system will not guess which is right; correct it and send it again.",
    ),
    "reporter_missing": (
        WARNING,
        "没有填写“填报人”。请填写填报本表的人员姓名，以便核对数据时联系；本次数据已照常读取。",
        "'Filled by' (填报人) is blank. Write the name of the person who filled in the report, so that the office can reach them about the data; the data was read as usual.",
    ),
    "phone_missing": (
        WARNING,
        "没有填写“联系电话”。请填写填报人的手机或办公电话，以便核对数据时联系；本次数据已照常读取。",
        "'Phone' (联系电话) is blank. Write the mobile or office number of the person who filled in the report, so that the office can reach them about the data; the data was read as usual.",
    ),
    "period_missing": (
        ERROR,
        "表头没有填写“报送月份”。{action}",
        "The header does not give the reporting month ('报送月份'). {action_en}",
    ),
    "period_unreadable": (
        ERROR,
        "“报送月份”填写的“{written}”无法识别为月份。{action}",
        "the reporting month '{written}' is not a recognisable month. {action_en}",
    ),
    "period_date_serial": (
        ERROR,
        "“报送月份”的值“{written}”像是Excel的日期序列号，对应的日期是{date}（即{period}），系统不会自行换算。{action}",
        "the reporting month '{written}' looks like an Excel date serial number, which would be {date} (that is {period}); the system will not convert it. {action_en}",
    ),
    "period_outside_plan_year": (
        ERROR,
        "报送月份{period}所在的{year}年方案尚未导入（已导入：{loaded}）。{action}",
        "The reporting month {period} falls in {year}, for which no plan is loaded (loaded: {loaded}). {action_en}",
    ),
    "period_in_future": (
        ERROR,
        "报送月份{period}还没有到。{action}",
        "The reporting month {period} has not come yet. {action_en}",
    ),
    "folder_period_mismatch": (
        ERROR,
        "文件收在{folder}的报送文件夹中，但表内报送月份为{period}，系统不会自行改动月份。如果这是{period}的报表，请把文件放到{period}的文件夹中（网上报送时选择{period}）；{action}",
        "The file was filed under {folder}, but its reporting month is {period}; the system will not change the month. If it is the report for {period}, put the file in the {period} folder (or choose {period} when uploading); {action_en}",
    ),
    "filename_period_mismatch": (
        ERROR,
        "文件名“{name}”中的月份（{found}）与表内报送月份（{period}）不一致，系统不会自行判断哪个是对的。如果这是{period}的报表，请把文件改名为“{suggested}”后重新提交；{action}",
        "The month in the file name '{name}' ({found}) differs from the reporting month in the sheet ({period}); the system will not guess which is right. If it is the report for {period}, rename the file to '{suggested}' and send it again; {action_en}",
    ),
    "filename_unit_mismatch": (
        ERROR,
        "文件名“{name}”中的单位（{found}）与表内填报单位（{unit}）不一致。系统不会自行判断哪个是对的，请改正文件名或填报单位后重新提交。",
        "The unit in the file name '{name}' ({found}) differs from the reporting unit in the sheet ({unit}). The system will not guess which is right; correct one of them and send it again.",
    ),
    # --- rows of the progress table ---
    "measure_missing": (
        WARNING,
        "填写了数值，但没有填写指标编码或指标名称，该行未读取。请填写模板中的指标编码和名称。",
        "the row has values but no indicator code or name, so the row was not read. Fill in the code and name from the template.",
    ),
    "measure_unknown": (
        WARNING,
        "的指标“{written}”不在本方案的指标目录中，系统无法识别，该行未读取。请使用模板中的指标编码和名称。",
        "the indicator '{written}' is not in the plan's catalogue and cannot be recognised, so the row was not read. Use the code and name from the template.",
    ),
    "measure_code_unknown": (
        WARNING,
        "的指标编码“{written}”不在本方案的指标目录中，已按指标名称“{name}”读取为{measure_code}。请改正指标编码（应为{measure_code}）。",
        "the indicator code '{written}' is not in the plan's catalogue; the row was read by its name '{name}' as {measure_code}. Correct the code (it should be {measure_code}).",
    ),
    "measure_ambiguous": (
        WARNING,
        "的指标编码“{measure_code}”与指标名称“{name}”不是同一个指标，该行未读取。请核对编码和名称后重新提交。",
        "the indicator code '{measure_code}' and the indicator name '{name}' are different indicators, so the row was not read. Check the code and name.",
    ),
    "measure_not_assigned": (
        WARNING,
        "的指标“{name}”（{measure_code}）不是分配给{unit}的指标，该行已登记但不计分。如确需报送，请与区科经局联系。",
        "the indicator '{name}' ({measure_code}) is not assigned to {unit}: the row is recorded but not scored. Contact the district science and economy bureau if you do need to report it.",
    ),
    "measure_duplicate": (
        ERROR,
        "：指标“{name}”（{measure_code}）在第{first_row}行和第{second_row}行重复出现，系统无法判断哪一行是对的。请删除重复的行后重新提交。",
        "the indicator '{name}' ({measure_code}) appears both in row {first_row} and in row {second_row}; it is not known which is right. Delete the duplicate row and send it again.",
    ),
    "value_not_number": (
        ERROR,
        "“{label}”的值“{written}”不是数字，请填写数字（不适用请填“/”）。",
        "the value '{written}' of '{label_en}' is not a number; enter a number (or '/' when it does not apply).",
    ),
    "value_spreadsheet_error": (
        ERROR,
        "“{label}”的值是公式错误“{written}”（{meaning}），不能当作数字或空白读取。请改正公式或直接填写数字（不适用请填“/”）后重新提交。",
        "the value of '{label_en}' is the formula error '{written}' ({meaning_en}), which is neither a number nor blank. Correct the formula or enter a number (or '/' when it does not apply) and send it again.",
    ),
    "value_not_finite": (
        ERROR,
        "“{label}”的值“{written}”不是有限的数字（非数值NaN或无穷大），通常是公式计算出错所致。请填写实际数字后重新提交。",
        "the value '{written}' of '{label_en}' is not a finite number (NaN or infinity), usually the result of a failed formula. Enter the actual number and send it again.",
    ),
    "value_spaced_digits": (
        ERROR,
        "“{label}”的值“{written}”中数字之间有空格，无法确定是一个数还是几个数（如“5 6”可能是56，也可能是5和6）。请删除空格，只填写一个数字（千位可用逗号，如“1,200”）后重新提交。",
        "the value '{written}' of '{label_en}' has a space between digits, so it is not clear whether it is one number or several ('5 6' may be 56, or 5 and 6). Delete the space and enter one number (thousands may be separated by commas, as in '1,200') and send it again.",
    ),
    "value_in_merged_cells": (
        ERROR,
        "“{label}”的单元格与{first_cell}合并在一起，数值“{written}”只填写了一次，系统无法判断它属于哪一行或哪一栏。请取消合并单元格，逐格填写后重新提交。",
        "the '{label_en}' cell is merged with {first_cell}, so the value '{written}' was entered once for several cells and it is not known which it belongs to. Unmerge the cells, fill in each one and send it again.",
    ),
    "value_negative": (
        ERROR,
        "“{label}”的值“{written}”是负数，完成数不能为负，请改正后重新提交。",
        "the value '{written}' of '{label_en}' is negative; progress cannot be negative. Correct it and send it again.",
    ),
    "value_unit_mismatch": (
        WARNING,
        "“{label}”的值“{written}”所带的单位与该指标的计量单位“{uom}”不符，该值未计入。请只填写以“{uom}”为单位的数字。",
        "the value '{written}' of '{label_en}' carries a unit that does not match the indicator's unit '{uom}', so it was not counted. Enter a plain number in '{uom}'.",
    ),
    "value_stated_unit_mismatch": (
        ERROR,
        "“{label}”的值“{written}”：{stated_by}标明的单位“{stated}”与该指标的计量单位“{uom}”不相容，系统无法换算。请恢复模板的表头和计量单位，按“{uom}”填写数字后重新提交。",
        "the value '{written}' of '{label_en}': the unit '{stated}' stated by {stated_by_en} does not fit the indicator's unit '{uom}' and cannot be converted. Restore the template's header and unit of measure, enter the number in '{uom}' and send it again.",
    ),
    "rate_read_as_percent": (
        WARNING,
        "“{label}”的值{written}已按{written}%读取（该指标以%计，单元格不是百分比格式）。如本意是{percent}%，请填写{percent}。",
        "the value {written} of '{label_en}' was read as {written} % (the indicator is in %, and the cell is not formatted as a percentage). If {percent} % was meant, enter {percent}.",
    ),
    "ytd_below_month": (
        WARNING,
        "的“累计完成”（{ytd}）小于“本月完成”（{month}），请核对：累计完成应包含本月完成数。",
        "'Year to date' ({ytd}) is smaller than 'This month' ({month}); please check: the year-to-date figure includes this month.",
    ),
    "no_measure_rows": (
        ERROR,
        "中没有读到任何填写了数值的指标行。请在模板中逐行填写各指标的本月完成和累计完成后重新提交。",
        "no indicator row with values was found. Fill in this month and year to date for each indicator in the template and send it again.",
    ),
    "total_unreadable": (
        WARNING,
        "合计行“{label}”的值“{written}”不是数字，未用于核对合计数。",
        "the totals row's '{label_en}' value '{written}' is not a number, so it was not used to check the totals.",
    ),
    "more_of_the_same": (
        INFO,
        "另有{count}处同类问题（{kind}）未逐条列出，请按上面的说明一并改正。",
        "{count} more problems of the same kind ({kind}) are not listed one by one; correct them as described above.",
    ),
    # --- rows of the project table ---
    "status_unknown": (
        WARNING,
        "“进展状态”填写的“{written}”不是可选的状态（{allowed}），该状态未读取。",
        "the status '{written}' is not one of the allowed statuses ({allowed}), so it was not read.",
    ),
}


def column_letter(index: int) -> str:
    """0-based column index -> Excel column letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    """0-based row and column -> Excel cell name ("F12")."""
    return f"{column_letter(column)}{row + 1}"


def _where(sheet: str | None, row: int | None, column: str | None) -> tuple[str, str]:
    zh = (
        (f"工作表“{sheet}”" if sheet else "")
        + (f"第{row}行" if row else "")
        + (f"{column}列" if column else "")
    )
    en = ", ".join(
        p for p in (sheet and f"sheet '{sheet}'", row and f"row {row}", column and f"column {column}") if p
    )
    return zh, f"{en}: " if en else ""


def _quoted(text: str, english: bool, limit: int | None = MAX_QUOTED) -> str:
    """A value as a message quotes it: cut to `limit` characters, invisible ones named."""
    cut = text[:limit]
    shown = "".join(f"[{names[english]}]" if (names := invisible_name(c)) else c for c in cut)
    if limit is not None and len(text) > limit:
        shown += f"… ({len(text):,} characters)" if english else f"…（共{len(text):,}字）"
    return shown


def _invisible_note(fields: dict, clean_reading: str | None) -> tuple[str, str]:
    """The sentence that says a quoted value holds characters the clerk cannot see."""
    texts = [value[:MAX_QUOTED] for value in fields.values() if isinstance(value, str)]
    if not any(invisible_name(c) for text in texts for c in text):
        return "", ""
    if clean_reading:
        return (
            f"（方括号标出的是单元格中看不见的字符，删除后即为“{clean_reading}”，可以识别。）",
            f" (The bracketed names are characters that cannot be seen in the cell; without them it reads '{clean_reading}', which is recognised.)",
        )
    return (
        "（方括号标出的是单元格中看不见的字符，请删除。）",
        " (The bracketed names are characters that cannot be seen in the cell; delete them.)",
    )


def make(
    code: str,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    clean_reading: str | None = None,
    **fields,
) -> Message:
    """The message `code` located at sheet / row (1-based) / column (letter), its template filled.

    Text fields are quoted as `_quoted` shows them; `clean_reading` is what a quoted value
    reads as without its invisible characters, when that is recognised."""
    severity, zh, en = CATALOGUE[code]
    zh_fields, en_fields = (
        {
            key: _quoted(value, english, None if key in _COMPOSED else MAX_QUOTED)
            if isinstance(value, str)
            else value
            for key, value in fields.items()
        }
        for english in (False, True)
    )
    note_zh, note_en = _invisible_note(fields, clean_reading)
    where_zh, where_en = _where(sheet, row, column)
    en = where_en + en.format(**en_fields) + note_en
    zh = where_zh + zh.format(**zh_fields) + note_zh
    return Message(severity, code, zh, en[0].upper() + en[1:], sheet, row, column)


_OFFICE_ZH = "区科经局（领导小组办公室）"
_OFFICE_EN = "the lead office at the district science and economy bureau"
# What a clerk can do about the month. The template's 报送月份 cell is locked, so a clerk who
# filled the template is sent for the right template, never to "fix the month in the sheet".
_PERIOD_ACTIONS = {
    ("fill_in", True): (
        f"模板中的“报送月份”已锁定，不能修改：请从{_OFFICE_ZH}下载或索取本月的模板重新填报。",
        f"The template's reporting month is locked and cannot be changed: get this month's template from {_OFFICE_EN} and fill it in again.",
    ),
    ("fill_in", False): (
        "请按“2021-06”的格式填写“报送月份”（单元格设为文本格式）后重新提交。",
        "Write the reporting month as 2021-06 (in a cell formatted as text) and send it again.",
    ),
    ("other_year", True): (
        f"如果这是其他年度的模板，请从{_OFFICE_ZH}下载或索取本月的模板重新填报；如确为{{year}}年的报表，请待{{year}}年方案导入后重新提交。",
        f"If this is another year's template, get this month's template from {_OFFICE_EN} and fill it in again; if it really is a {{year}} report, send it again once the {{year}} plan is loaded.",
    ),
    ("other_year", False): (
        "请确认“报送月份”填写正确后重新提交；如确为{year}年的报表，请待{year}年方案导入后重新提交。",
        "Check the reporting month and send it again; if it really is a {year} report, send it again once the {year} plan is loaded.",
    ),
    ("future", True): (
        f"如果报送的是本月的数据，请从{_OFFICE_ZH}下载或索取本月的模板重新填报。",
        f"If this is this month's report, get this month's template from {_OFFICE_EN} and fill it in again.",
    ),
    ("future", False): (
        "请把“报送月份”改为实际报送的月份后重新提交。",
        "Change the reporting month to the month reported and send it again.",
    ),
    ("folder", True): (
        f"如果是{{folder}}的报表，请从{_OFFICE_ZH}下载或索取{{folder}}的模板重新填报（模板中的报送月份已锁定，不能修改）。",
        f"if it is the report for {{folder}}, get the {{folder}} template from {_OFFICE_EN} and fill it in again (the template's month is locked and cannot be changed).",
    ),
    ("folder", False): (
        "如果是{folder}的报表，请把表内“报送月份”改为{folder}后重新提交。",
        "if it is the report for {folder}, change the reporting month in the sheet to {folder} and send it again.",
    ),
    ("file_name", True): (
        f"如果表内月份不对，请从{_OFFICE_ZH}下载或索取正确月份的模板重新填报（模板中的报送月份已锁定，不能修改）。",
        f"if the month in the sheet is wrong, get the right month's template from {_OFFICE_EN} and fill it in again (the template's month is locked and cannot be changed).",
    ),
    ("file_name", False): (
        "如果表内月份不对，请改正表内“报送月份”后重新提交。",
        "if the month in the sheet is wrong, correct the reporting month in the sheet and send it again.",
    ),
}


def period_action(situation: str, template: bool, **fields) -> dict[str, str]:
    """The `action` and `action_en` fields of a period message: what the clerk can do."""
    zh, en = _PERIOD_ACTIONS[situation, template]
    return {"action": zh.format(**fields), "action_en": en.format(**fields)}


def capped(found: list[Message]) -> list[Message]:
    """At most MAX_PER_CODE messages of each kind: a file with 5,000 bad rows gets a readable list."""
    seen, kept = Counter(), []
    for message in found:
        seen[message.code] += 1
        if seen[message.code] <= MAX_PER_CODE:
            kept.append(message)
    more = [
        make("more_of_the_same", count=n - MAX_PER_CODE, kind=code)
        for code, n in seen.items()
        if n > MAX_PER_CODE
    ]
    return kept + more
