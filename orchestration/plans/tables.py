"""The tables a plan consists of: their names, columns and what each holds.

One plan year is these tables, as transcribed from (or filled in for) that year's 实施方案. The
plan workbook (workbook.py) is how the office reads and writes them; the plans directory
(store.py) is where loaded plans live; dbt reads them from there (macro plan_table) and holds
every rule about them.
"""

from typing import NamedTuple


class Table(NamedTuple):
    name: str
    columns: tuple[str, ...]
    title_zh: str


TABLES: tuple[Table, ...] = (
    Table("plan_units", ("unit_code", "unit_name", "unit_type", "annex2_row", "source"), "单位"),
    Table("plan_unit_aliases", ("alias", "unit_code", "source"), "单位别名"),
    Table("plan_unit_groups", ("group_code", "group_name", "member_unit_type", "source"), "单位组"),
    Table(
        "plan_items",
        ("item_code", "item_group", "annex1_seq", "item_name", "annex1_text", "annex2_column", "source"),
        "任务",
    ),
    Table(
        "plan_measures",
        (
            "measure_code",
            "item_code",
            "measure_name",
            "measure_name_en",
            "uom",
            "kind",
            "target_type",
            "is_additive",
            "source",
        ),
        "指标",
    ),
    Table(
        "plan_district_targets",
        ("item_code", "measure_code", "source_doc", "target_value", "is_challenge", "target_text", "source"),
        "全区目标",
    ),
    Table(
        "plan_annex2_columns", ("column_no", "item_code", "header_text", "total_text", "source"), "附件2列"
    ),
    Table(
        "plan_annex2_targets",
        ("column_no", "measure_code", "value_kind", "target_value", "value_text", "source"),
        "附件2表头与合计",
    ),
    Table(
        "plan_allocations",
        ("unit_code", "column_no", "measure_code", "cell_text", "allocated_value", "is_allocated", "source"),
        "附件2分解",
    ),
    Table(
        "plan_owners",
        ("item_code", "role", "unit_ref", "source_doc", "source", "source_text"),
        "牵头与责任单位",
    ),
    Table(
        "plan_deliverables",
        ("deliverable_code", "measure_code", "unit_code", "deliverable_name", "source"),
        "重点项目",
    ),
    Table(
        "plan_milestones", ("measure_code", "unit_code", "planned_month", "set_by", "source"), "计划完成月份"
    ),
    Table(
        "plan_confirmations",
        ("code", "rule", "chosen_source", "chosen_value", "confirmed_by", "confirmed_on", "note"),
        "口径确认",
    ),
)

TABLE_NAMES = tuple(t.name for t in TABLES)

# Columns the plans directory adds to every stored row: the year and version it belongs to and
# its position in the table (the order the office wrote the rows in: templates list measures so).
STORED_COLUMNS = ("plan_year", "plan_version", "row_no")

Rows = list[dict[str, str]]
Plan = dict[str, Rows]  # table name -> rows (column -> text, "" for empty)


def empty_plan() -> Plan:
    return {name: [] for name in TABLE_NAMES}
