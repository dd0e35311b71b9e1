"""The submission contract (DESIGN.md section 5): what a unit's monthly workbook looks like.

The template writer lays workbooks out from these definitions and the reader recognises them,
including the spellings people use when they edit a template by hand.
"""

from dataclasses import dataclass

# Bump when the layout changes; the reader warns about files made from an older template.
# Version 3 added the instructions block and the 审核人 and 填报日期 lines, and moved the version
# from the visible header block into the hidden _meta sheet.
TEMPLATE_VERSION = "3"

PROGRESS_SHEET = "月度进展"
DELIVERABLES_SHEET = "重点项目"
# Hidden sheet holding the version stamp and the pre-filled identity (key in column A, value in B).
META_SHEET = "_meta"
META_KEYS = ("template_version", "unit_code", "unit_name", "period", "generated_at")

TITLE = "东西湖区科技创新提能工作月度进展报表"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    label_en: str
    aliases: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        return (self.label, self.label_en, *self.aliases)


# Header block above the table: a label cell followed by its value ("填报单位 | 金银湖街"),
# or label and value in one cell ("填报单位：金银湖街").
HEADER_FIELDS = (
    Field("unit", "填报单位", "Unit", ("报送单位", "单位名称", "责任单位", "unit name")),
    Field("unit_code", "单位编码", "Unit code", ("单位代码",)),
    Field(
        "period", "报送月份", "Month", ("填报月份", "统计月份", "月份", "报告期", "period", "reporting month")
    ),
    Field("reporter", "填报人", "Filled by", ("联系人", "经办人")),
    Field("phone", "联系电话", "Phone", ("电话", "手机")),
    Field("reviewer", "审核人", "Reviewed by", ("审核", "复核人", "审核负责人")),
    Field("filled_on", "填报日期", "Date filled", ("填表日期", "报送日期")),
    # Templates up to version 2 showed their version in the header block.
    Field("template_version", "模板版本", "Template version", ("版本",)),
)
# The template's instructions to the clerk sit in one cell starting with this heading; the 联系人
# and 联系电话 in it are the office's, so the reader never takes them for the unit's.
INSTRUCTIONS_HEADING = "填报说明"

PROGRESS_COLUMNS = (
    Field("seq", "序号", "No.", ("编号", "no")),
    Field("measure_code", "指标编码", "Code", ("编码", "指标代码", "代码", "measure code", "indicator code")),
    Field(
        "measure_name",
        "指标名称",
        "Indicator",
        ("指标", "名称", "目标名称", "任务名称", "indicator name", "measure"),
    ),
    Field("uom", "计量单位", "Unit of measure", ("单位", "uom")),
    Field("annual_target", "年度目标", "Annual target", ("目标", "目标值", "全年目标", "target")),
    Field(
        "month_value",
        "本月完成",
        "This month",
        ("本月", "当月完成", "本月完成数", "当月完成数", "本月完成值", "本月数", "当月", "month value"),
    ),
    Field(
        "ytd_value",
        "累计完成",
        "Year to date",
        (
            "累计",
            "累计完成数",
            "累计完成值",
            "累计数",
            "年度累计",
            "今年累计",
            "截至本月累计",
            "自年初累计",
            "ytd",
        ),
    ),
    Field("note", "进展情况说明", "Notes", ("说明", "备注", "进展情况", "情况说明", "notes")),
)
# A progress table needs a way to name the measure and at least one value column.
PROGRESS_REQUIRED_ANY = (("measure_code", "measure_name"), ("month_value", "ytd_value"))

DELIVERABLE_COLUMNS = (
    Field("seq", "序号", "No.", ("编号",)),
    Field("deliverable_code", "项目编码", "Code", ("编码",)),
    Field("deliverable_name", "项目名称", "Project", ("名称", "项目")),
    Field("measure", "所属指标", "Indicator", ("指标", "所属任务")),
    Field("status", "进展状态", "Status", ("状态", "进度状态")),
    Field("note", "说明", "Notes", ("备注", "进展情况说明")),
)
# A project table needs a way to name the project and its status.
DELIVERABLES_REQUIRED_ANY = (("deliverable_code", "deliverable_name"), ("status",))

# Marks a totals row the reader keeps apart from the detail rows.
TOTAL_ROW_LABELS = ("合计", "总计", "小计", "total")
# Written where a value does not apply.
NOT_APPLICABLE = ("/", "／", "—", "——", "-", "--", "无", "不适用", "n/a", "na")

ACCEPTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


# In the name the portal gives an upload in raw/: the unit and month come from the clerk's account
# and the form, so the reader does not hold the name against the workbook.
PORTAL_NAME_MARK = "_网页上传_"

# The 填报人 and 审核人 the demo generator (tineng_demo) writes into its files; the ledger marks a
# file with this reporter as demo data.
DEMO_REPORTER = "演示数据"


def template_file_name(period: str, unit_code: str, unit_name: str) -> str:
    return f"{period}_{unit_code}_{unit_name}.xlsx"
