"""A synthetic 2022 plan for the demo: the 2021 plan with a few changes, each labelled as made up.

It shows what a new year brings: two targets changed, a unit renamed (its code stays, its old
name still resolves), a measure added and one dropped. Every row it changes says so in `source`.
"""

import copy

from orchestration import reference
from orchestration.plans import reference_build, store
from orchestration.plans.tables import Plan

YEAR = 2022
SOURCE = "合成演示数据：2022年示例方案（非真实方案）"
LOADED_AS = "演示：合成的2022年方案（非真实方案，基于2021年方案改动）"

RENAMED_UNIT = ("P06", "现代服务业发展办")
ADDED_MEASURE = "T10"
DROPPED_MEASURE = "M02"
# measure -> (old target, new target) in every row that states the district target
CHANGED_TARGETS = {"I07": (28, 32), "T02": (1, 2)}

CHANGES_ZH = (
    "技术合同成交额目标由28亿元调为32亿元",
    "建设孵化器目标由1个调为2个",
    "现代服务业办更名为现代服务业发展办（编码P06不变）",
    "新增指标“新增专精特新中小企业”（T10，区科经局承担）",
    "取消指标“引进产业领军人才”（M02）",
)


def ensure_loaded() -> bool:
    """Load the synthetic 2022 plan unless a 2022 plan is loaded; True if it loaded it."""
    store.install_default()
    if YEAR in store.years():
        return False
    store.add(YEAR, synthetic_plan(store.read(store.DEFAULT_YEAR)), added_by="演示", source=LOADED_AS)
    reference.forget()
    reference_build.current_database()
    return True


def synthetic_plan(base: Plan) -> Plan:
    """The 2022 demo plan made from `base` (the 2021 plan's tables)."""
    plan = copy.deepcopy(base)
    _change_targets(plan)
    _rename_unit(plan)
    _add_measure(plan)
    _drop_measure(plan)
    return plan


def _change_targets(plan: Plan) -> None:
    for row in plan["plan_district_targets"]:
        if row["measure_code"] in CHANGED_TARGETS and row["is_challenge"] != "true":
            old, new = CHANGED_TARGETS[row["measure_code"]]
            row["target_value"] = str(new)
            row["target_text"] = row["target_text"].replace(str(old), str(new))
            row["source"] = SOURCE


def _rename_unit(plan: Plan) -> None:
    code, name = RENAMED_UNIT
    for row in plan["plan_units"]:
        if row["unit_code"] == code:
            row["unit_name"], row["source"] = name, SOURCE
    plan["plan_unit_aliases"].append({"alias": name, "unit_code": code, "source": SOURCE})


def _add_measure(plan: Plan) -> None:
    code = ADDED_MEASURE
    name = "新增专精特新中小企业"
    seq = str(1 + max(int(r["annex1_seq"] or 0) for r in plan["plan_items"] if r["item_group"] == "重点任务"))
    plan["plan_items"].append(
        {
            "item_code": code, "item_group": "重点任务", "annex1_seq": seq, "item_name": name,
            "annex1_text": "新增 20 家", "annex2_column": "", "source": SOURCE,
        }
    )  # fmt: skip
    plan["plan_measures"].append(
        {
            "measure_code": code, "item_code": code, "measure_name": name,
            "measure_name_en": "New specialised SMEs", "uom": "家", "kind": "count",
            "target_type": "cumulative", "is_additive": "true", "source": SOURCE,
        }
    )  # fmt: skip
    plan["plan_district_targets"].append(
        {
            "item_code": code, "measure_code": code, "source_doc": "附件1", "target_value": "20",
            "is_challenge": "false", "target_text": "新增 20 家", "source": SOURCE,
        }
    )  # fmt: skip
    for role in ("lead", "sole_owner"):
        plan["plan_owners"].append(
            {
                "item_code": code, "role": role, "unit_ref": "D02", "source_doc": "备注" if role == "sole_owner" else "正文",
                "source": SOURCE, "source_text": "区科经局承担新增专精特新中小企业20家（合成演示）",
            }
        )  # fmt: skip


def _drop_measure(plan: Plan) -> None:
    code = DROPPED_MEASURE
    for table in ("plan_items", "plan_district_targets", "plan_owners"):
        plan[table] = [r for r in plan[table] if r["item_code"] != code]
    for table in ("plan_measures", "plan_milestones", "plan_deliverables", "plan_annex2_targets"):
        plan[table] = [r for r in plan[table] if r["measure_code"] != code]
    plan["plan_confirmations"] = [r for r in plan["plan_confirmations"] if r["code"] != code]
