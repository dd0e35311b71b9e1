"""Total and owner constraints of the plan itself (reference data from the dbt seeds).

The plan contradicts itself in places; those rules are warnings that name the measure and the
numbers. Rules on what our own models derive (codes resolve, rates never summed) are errors.
"""

from expectations.rule import Rule, Severity


def _gx():
    import great_expectations as gx

    return gx.expectations


ANNEX1 = "is_annex1_item == True"

RULES = (
    Rule(
        name="expect_unit_cells_sum_to_annex2_total",
        schema="intermediate",
        relation="int_target_reconciliation",
        severity=Severity.WARNING,
        why_zh="附件2各单位分解数之和应等于合计行；不等时以哪个数为准需由牵头单位确认。",
        why_en="Annex 2 unit allocations should add up to its 合计 row; the lead office must say which is right.",
        expectation=lambda: _gx().ExpectColumnPairValuesToBeEqual(
            column_A="unit_sum", column_B="total_value", ignore_row_if="either_value_is_missing"
        ),
        finding_zh="{line_name}（{line_code}）：附件2各单位分解之和为 {unit_sum}，合计行为 {total_value}。",
        finding_en="{line_name} ({line_code}): Annex 2 unit cells add up to {unit_sum}, the 合计 row says {total_value}.",
    ),
    Rule(
        name="expect_annex2_total_matches_header",
        schema="intermediate",
        relation="int_target_reconciliation",
        severity=Severity.WARNING,
        why_zh="附件2合计行应与该列表头标注的目标一致；不一致说明分解时调整过目标。",
        why_en="The Annex 2 合计 row should equal the target printed in the column header.",
        expectation=lambda: _gx().ExpectColumnPairValuesToBeEqual(
            column_A="total_value", column_B="header_value", ignore_row_if="either_value_is_missing"
        ),
        finding_zh="{line_name}（{line_code}）：附件2合计行为 {total_value}，列标题为 {header_value}。",
        finding_en="{line_name} ({line_code}): the Annex 2 合计 row says {total_value}, the column header {header_value}.",
    ),
    Rule(
        name="expect_annex2_total_covers_district_target",
        schema="intermediate",
        relation="int_target_reconciliation",
        severity=Severity.WARNING,
        why_zh="分解到各单位的合计不应低于附件1的全区目标，否则全部单位完成任务也达不到全区目标。",
        why_en="The Annex 2 total must cover the Annex 1 district target, or the district misses it even if every unit succeeds.",
        expectation=lambda: _gx().ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="total_value",
            column_B="annex1_value",
            or_equal=True,
            ignore_row_if="either_value_is_missing",
        ),
        finding_zh="{line_name}（{line_code}）：附件2合计为 {total_value}，低于附件1全区目标 {annex1_value}。",
        finding_en="{line_name} ({line_code}): the Annex 2 total {total_value} is below the Annex 1 district target {annex1_value}.",
    ),
    Rule(
        name="expect_annex2_header_matches_annex1",
        schema="intermediate",
        relation="int_target_reconciliation",
        severity=Severity.WARNING,
        why_zh="附件2表头标注的目标应与附件1一致。",
        why_en="The target in the Annex 2 column header should equal Annex 1.",
        expectation=lambda: _gx().ExpectColumnPairValuesToBeEqual(
            column_A="header_value", column_B="annex1_value", ignore_row_if="either_value_is_missing"
        ),
        finding_zh="{line_name}（{line_code}）：附件2表头为 {header_value}，附件1为 {annex1_value}。",
        finding_en="{line_name} ({line_code}): the Annex 2 header says {header_value}, Annex 1 says {annex1_value}.",
    ),
    Rule(
        name="expect_rates_never_summed",
        schema="intermediate",
        relation="int_target_reconciliation",
        severity=Severity.ERROR,
        why_zh="增长率不能跨单位相加；出现相加结果说明模型有误，需修正后再发布。",
        why_en="Growth rates cannot be added across units; a sum here means a modelling bug.",
        expectation=lambda: _gx().ExpectColumnValuesToBeNull(
            column="unit_sum", row_condition="is_rate == True", condition_parser="pandas"
        ),
        finding_zh="{line_name}（{line_code}）是比率指标，却得到了各单位之和 {unit_sum}。",
        finding_en="{line_name} ({line_code}) is a rate but was summed over units ({unit_sum}).",
    ),
    Rule(
        name="expect_main_text_matches_annex1",
        schema="intermediate",
        relation="int_district_target_sources",
        severity=Severity.WARNING,
        why_zh="正文与附件1对同一指标的目标应一致。",
        why_en="The main text and Annex 1 should state the same target for a measure.",
        expectation=lambda: _gx().ExpectColumnPairValuesToBeEqual(
            column_A="main_text_max", column_B="annex1_value", ignore_row_if="either_value_is_missing"
        ),
        finding_zh="{measure_name}（{measure_code}）：正文目标为 {main_text_max}，附件1为 {annex1_value}。",
        finding_en="{measure_name} ({measure_code}): the main text says {main_text_max}, Annex 1 says {annex1_value}.",
    ),
    Rule(
        name="expect_main_text_consistent",
        schema="intermediate",
        relation="int_district_target_sources",
        severity=Severity.WARNING,
        why_zh="正文多处提到同一指标时，目标值应一致。",
        why_en="Where the main text states a target more than once, it should state the same number.",
        expectation=lambda: _gx().ExpectColumnPairValuesToBeEqual(
            column_A="main_text_min", column_B="main_text_max", ignore_row_if="either_value_is_missing"
        ),
        finding_zh="{measure_name}（{measure_code}）：正文中的目标值从 {main_text_min} 到 {main_text_max} 不一。",
        finding_en="{measure_name} ({measure_code}): the main text states targets from {main_text_min} to {main_text_max}.",
    ),
    Rule(
        name="expect_item_has_a_lead",
        schema="intermediate",
        relation="int_item_owner_summary",
        severity=Severity.WARNING,
        why_zh="每项任务都应有明确的牵头单位，否则进度无人负总责。",
        why_en="Every item needs a lead unit accountable for it.",
        expectation=lambda: _gx().ExpectColumnValuesToBeBetween(
            column="owner_sources", min_value=1, row_condition=ANNEX1, condition_parser="pandas"
        ),
        finding_zh="{item_name}（{item_code}）：正文和附件2备注都没有写明牵头单位。",
        finding_en="{item_name} ({item_code}): neither the main text nor the Annex 2 note names a lead unit.",
    ),
    Rule(
        name="expect_single_main_text_lead",
        schema="intermediate",
        relation="int_item_owner_summary",
        severity=Severity.WARNING,
        why_zh="每项任务在正文中应只有一个牵头单位。",
        why_en="The main text should name exactly one lead unit per item.",
        expectation=lambda: _gx().ExpectColumnValuesToBeBetween(column="main_text_lead_count", max_value=1),
        finding_zh="{item_name}（{item_code}）：正文的牵头单位为“{main_text_leads}”，共 {main_text_lead_count} 个单位，不是唯一牵头单位。",
        finding_en="{item_name} ({item_code}): the main text names {main_text_lead_count} lead units ({main_text_leads}), not one.",
    ),
    Rule(
        name="expect_single_sole_owner",
        schema="intermediate",
        relation="int_item_owner_summary",
        severity=Severity.WARNING,
        why_zh="附件2备注中单独承担的任务应只落到一个单位。",
        why_en="An item the Annex 2 note assigns alone should have exactly one owner.",
        expectation=lambda: _gx().ExpectColumnValuesToBeBetween(column="sole_owner_count", max_value=1),
        finding_zh="{item_name}（{item_code}）：备注中单独承担的单位有 {sole_owner_count} 个（{sole_owners}）。",
        finding_en="{item_name} ({item_code}): the Annex 2 note names {sole_owner_count} sole owners ({sole_owners}).",
    ),
    Rule(
        name="expect_lead_sources_agree",
        schema="intermediate",
        relation="int_item_owner_summary",
        severity=Severity.WARNING,
        why_zh="正文的牵头单位与附件2备注中单独承担的单位应为同一单位，否则考核时责任不清。",
        why_en="The main text's lead and the Annex 2 note's sole owner should be the same unit.",
        expectation=lambda: _gx().ExpectColumnPairValuesToBeEqual(
            column_A="main_text_lead_code",
            column_B="sole_owner_code",
            ignore_row_if="either_value_is_missing",
        ),
        finding_zh="{item_name}（{item_code}）：正文牵头单位为{main_text_leads}，附件2备注为{sole_owners}单独承担，两处不一致。",
        finding_en="{item_name} ({item_code}): the main text names {main_text_leads} as lead, the Annex 2 note names {sole_owners}.",
    ),
    Rule(
        name="expect_item_split_or_sole_owned",
        schema="intermediate",
        relation="int_item_owner_summary",
        severity=Severity.WARNING,
        why_zh="附件1的19项任务，每项要么在附件2中分解到街道办、产业办，要么由一个部门单独承担。",
        why_en="Each of the 19 Annex 1 items is either split across units in Annex 2 or owned by one department.",
        expectation=lambda: _gx().ExpectColumnValuesToBeInSet(
            column="ownership_basis",
            value_set=["split", "sole_owner"],
            row_condition=ANNEX1,
            condition_parser="pandas",
        ),
        finding_zh="{item_name}（{item_code}）：既未分解也无单独承担单位（{ownership_basis}）。",
        finding_en="{item_name} ({item_code}): neither split across units nor sole-owned ({ownership_basis}).",
    ),
    Rule(
        name="expect_deliverable_has_owner",
        schema="marts",
        relation="dim_deliverable",
        severity=Severity.WARNING,
        why_zh="方案点名的项目、场景、园区楼宇和活动都应写明由哪个单位承担，否则无人报送其进展；未写明的记为“未明确责任单位”，需牵头单位明确。",
        why_en="Every project, scenario, park or event the plan names needs a unit that carries it; the lead office must name one.",
        expectation=lambda: _gx().ExpectColumnValuesToNotBeNull(column="unit_code"),
        finding_zh="{deliverable_name}（{deliverable_code}，{measure_code}）：方案点名但未明确责任单位（{source}），所在任务的正文牵头单位为{main_text_leads}。",
        finding_en="{deliverable_name} ({deliverable_code}, {measure_code}): named by the plan with no owning unit ({source}); the section's lead is {main_text_leads}.",
    ),
    Rule(
        name="expect_owner_units_known",
        schema="intermediate",
        relation="int_owners_resolved",
        severity=Severity.ERROR,
        why_zh="牵头、责任和承担单位都必须是单位表中的单位（或单位组）；请在 plan_units / plan_unit_groups 中补充。",
        why_en="Every owner must be a known unit or unit group; add it to plan_units or plan_unit_groups.",
        expectation=lambda: _gx().ExpectColumnValuesToNotBeNull(column="unit_code"),
        finding_zh="任务 {item_code} 的{role}单位“{unit_ref}”不在单位表中（{source}）。",
        finding_en="Item {item_code}: {role} unit '{unit_ref}' is not a known unit ({source}).",
    ),
    Rule(
        name="expect_allocated_units_known",
        schema="marts",
        relation="fct_target",
        severity=Severity.ERROR,
        why_zh="分解目标的单位必须是单位表中的单位；请在 plan_units 中补充。",
        why_en="Every unit with a target must be a known unit; add it to plan_units.",
        expectation=lambda: _gx().ExpectColumnValuesToNotBeNull(column="unit_name"),
        finding_zh="指标 {measure_code} 分解给了未知单位“{unit_code}”（{source}）。",
        finding_en="Measure {measure_code} is allocated to unknown unit '{unit_code}' ({source}).",
    ),
)
