"""Owner, total and sanity constraints on what the units submit (registry, progress, marts)."""

from expectations.rule import Rule, Severity


def _gx():
    import great_expectations as gx

    return gx.expectations


CUMULATIVE = 'target_type == "cumulative"'
# A unit's year-to-date above this multiple of its annual target is almost certainly a typo.
PLAUSIBLE_MULTIPLE_PCT = 1000

RULES = (
    Rule(
        name="expect_one_current_submission_per_unit_month",
        schema="marts",
        relation="fct_submission",
        severity=Severity.ERROR,
        why_zh="每个单位每月只能有一份有效报表；出现多份说明更正文件的判定有误，需修正后再发布。",
        why_en="One current submission per unit and month; more means corrections were resolved wrongly.",
        expectation=lambda: _gx().ExpectCompoundColumnsToBeUnique(
            column_list=["unit_code", "period"], row_condition="is_current == True", condition_parser="pandas"
        ),
        finding_zh="{unit_name}（{unit_code}）{period} 有多份有效报表（{file_name}）。",
        finding_en="{unit_name} ({unit_code}) has more than one current submission for {period} ({file_name}).",
    ),
    Rule(
        name="expect_accepted_file_matches_folder",
        schema="marts",
        relation="fct_submission",
        severity=Severity.ERROR,
        why_zh="被接收的报表所填月份必须与所在月份文件夹一致，否则数据会记到错误的月份。",
        why_en="An accepted file's stated month must match the raw/<YYYY-MM>/ folder it was filed in.",
        expectation=lambda: _gx().ExpectColumnPairValuesToBeEqual(
            column_A="period",
            column_B="folder_period",
            row_condition="is_accepted == True",
            condition_parser="pandas",
        ),
        finding_zh="文件“{file_name}”填报月份为 {period}，却放在 {folder_period} 文件夹中。",
        finding_en="File '{file_name}' states {period} but was filed under {folder_period}.",
    ),
    Rule(
        name="expect_only_assigned_measures",
        schema="marts",
        relation="fct_progress",
        severity=Severity.WARNING,
        why_zh="单位只报送分解给本单位或由本单位承担的指标；其他指标的数据已登记但不计分。",
        why_en="A unit reports only the measures allocated to it or owned by it.",
        expectation=lambda: _gx().ExpectColumnValuesToBeInSet(column="is_assigned", value_set=[True]),
        finding_zh="{unit_name}（{unit_code}）{period} 报送了未分解给本单位的指标 {measure_code}（不计分）。",
        finding_en="{unit_name} ({unit_code}) reported measure {measure_code} for {period}, which it does not own.",
    ),
    Rule(
        name="expect_measure_codes_known",
        schema="marts",
        relation="fct_progress",
        severity=Severity.ERROR,
        why_zh="进度数据中的指标编码必须在指标表中。",
        why_en="Every measure code in the progress data must be in the indicator catalogue.",
        expectation=lambda: _gx().ExpectColumnValuesToBeInSet(column="is_known_measure", value_set=[True]),
        finding_zh="{unit_code} {period} 的指标编码 {measure_code} 不在指标表中。",
        finding_en="Measure code {measure_code} ({unit_code}, {period}) is not in the catalogue.",
    ),
    Rule(
        name="expect_periods_in_plan_year",
        schema="marts",
        relation="fct_progress",
        severity=Severity.ERROR,
        why_zh="进度数据的月份必须在已导入的方案年度内。",
        why_en="Progress periods must fall within a loaded plan year.",
        expectation=lambda: _gx().ExpectColumnValuesToBeInSet(column="is_plan_period", value_set=[True]),
        finding_zh="{unit_code} 的进度数据月份 {period} 不在方案年度内。",
        finding_en="{unit_code} has progress for {period}, outside the plan year.",
    ),
    Rule(
        name="expect_cumulative_month_values_non_negative",
        schema="marts",
        relation="fct_progress",
        severity=Severity.ERROR,
        why_zh="新增类、累计类指标的本月完成不能为负数。",
        why_en="Month values of cumulative measures cannot be negative.",
        expectation=lambda: _gx().ExpectColumnValuesToBeBetween(
            column="month_value", min_value=0, row_condition=CUMULATIVE, condition_parser="pandas"
        ),
        finding_zh="{unit_name} {period}“{measure_name}”本月完成为 {month_value}，不能为负数。",
        finding_en="{unit_name} {period} '{measure_name}': month value {month_value} is negative.",
    ),
    Rule(
        name="expect_cumulative_ytd_non_negative",
        schema="marts",
        relation="fct_progress",
        severity=Severity.ERROR,
        why_zh="新增类、累计类指标的累计完成不能为负数。",
        why_en="Year-to-date values of cumulative measures cannot be negative.",
        expectation=lambda: _gx().ExpectColumnValuesToBeBetween(
            column="ytd_value", min_value=0, row_condition=CUMULATIVE, condition_parser="pandas"
        ),
        finding_zh="{unit_name} {period}“{measure_name}”累计完成为 {ytd_value}，不能为负数。",
        finding_en="{unit_name} {period} '{measure_name}': year-to-date {ytd_value} is negative.",
    ),
    Rule(
        name="expect_sheet_total_matches_rows_month",
        schema="intermediate",
        relation="int_sheet_total_check",
        severity=Severity.WARNING,
        why_zh="报表自带的合计行应等于各指标行之和；不等时请单位核对。",
        why_en="A sheet's own 合计 row should equal the sum of its rows; the unit should check.",
        expectation=lambda: _gx().ExpectColumnPairValuesToBeEqual(
            column_A="total_month", column_B="detail_month_sum", ignore_row_if="either_value_is_missing"
        ),
        finding_zh="{unit_name} {period} 文件“{file_name}”第{row_no}行合计的本月完成为 {total_month}，各行之和为 {detail_month_sum}。",
        finding_en="{unit_name} {period} '{file_name}' row {row_no}: the 合计 month value {total_month} ≠ row sum {detail_month_sum}.",
    ),
    Rule(
        name="expect_sheet_total_matches_rows_ytd",
        schema="intermediate",
        relation="int_sheet_total_check",
        severity=Severity.WARNING,
        why_zh="报表自带的合计行应等于各指标行之和；不等时请单位核对。",
        why_en="A sheet's own 合计 row should equal the sum of its rows; the unit should check.",
        expectation=lambda: _gx().ExpectColumnPairValuesToBeEqual(
            column_A="total_ytd", column_B="detail_ytd_sum", ignore_row_if="either_value_is_missing"
        ),
        finding_zh="{unit_name} {period} 文件“{file_name}”第{row_no}行合计的累计完成为 {total_ytd}，各行之和为 {detail_ytd_sum}。",
        finding_en="{unit_name} {period} '{file_name}' row {row_no}: the 合计 year-to-date {total_ytd} ≠ row sum {detail_ytd_sum}.",
    ),
    Rule(
        name="expect_ytd_equals_sum_of_months",
        schema="intermediate",
        relation="int_progress_history",
        severity=Severity.WARNING,
        why_zh="新增类和净增类指标的累计完成应等于1月至本月各月完成之和；不等说明某月数据有误或漏报。",
        why_en="Year-to-date should equal the sum of the month values so far.",
        expectation=lambda: _gx().ExpectColumnPairValuesToBeEqual(
            column_A="ytd_reported",
            column_B="month_value_running_sum",
            ignore_row_if="either_value_is_missing",
            row_condition='has_every_month_value == True and target_type in ["cumulative", "net_increase"]',
            condition_parser="pandas",
        ),
        finding_zh="{unit_name} {period}“{measure_name}”累计完成为 {ytd_reported}，而各月完成之和为 {month_value_running_sum}。",
        finding_en="{unit_name} {period} '{measure_name}': year-to-date {ytd_reported} ≠ sum of months {month_value_running_sum}.",
    ),
    Rule(
        name="expect_cumulative_ytd_never_falls",
        schema="intermediate",
        relation="int_progress_history",
        severity=Severity.WARNING,
        why_zh="累计类指标的累计完成不应比上月少；变少时请单位说明或更正。",
        why_en="The year-to-date of a cumulative count should not fall from one month to the next.",
        expectation=lambda: _gx().ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="ytd_reported",
            column_B="previous_ytd",
            or_equal=True,
            ignore_row_if="either_value_is_missing",
            row_condition="is_cumulative == True",
            condition_parser="pandas",
        ),
        finding_zh="{unit_name} {period}“{measure_name}”累计完成 {ytd_reported}，比 {previous_period} 的 {previous_ytd} 少。",
        finding_en="{unit_name} {period} '{measure_name}': year-to-date {ytd_reported} fell from {previous_ytd} in {previous_period}.",
    ),
    Rule(
        name="expect_district_equals_sum_of_units",
        schema="intermediate",
        relation="int_district_reconciliation",
        severity=Severity.ERROR,
        why_zh="全区汇总数必须等于各单位数之和；不等说明汇总逻辑有误，需修正后再发布。",
        why_en="District totals must equal the sum of the unit rows; otherwise the aggregation is wrong.",
        expectation=lambda: _gx().ExpectColumnPairValuesToBeEqual(
            column_A="district_ytd", column_B="units_ytd_sum"
        ),
        finding_zh="{period}“{measure_name}”全区数为 {district_ytd}，各单位之和为 {units_ytd_sum}。",
        finding_en="{period} '{measure_name}': district figure {district_ytd} ≠ unit sum {units_ytd_sum}.",
    ),
    Rule(
        name="expect_ytd_within_plausible_multiple_of_target",
        schema="marts",
        relation="mart_unit_scorecard",
        severity=Severity.WARNING,
        why_zh="累计完成超过年度目标10倍，多半是填错了单位或多打了零，请单位核实。",
        why_en="Year-to-date above 10x the annual target is almost always a typo or a wrong unit.",
        expectation=lambda: _gx().ExpectColumnValuesToBeBetween(
            column="completion_pct", max_value=PLAUSIBLE_MULTIPLE_PCT
        ),
        finding_zh="{unit_name} {period}“{measure_name}”累计完成 {ytd_value}{uom}，为年度目标 {target_value}{uom} 的 {completion_pct}%。",
        finding_en="{unit_name} {period} '{measure_name}': year-to-date {ytd_value} is {completion_pct}% of the target {target_value}.",
    ),
    Rule(
        name="expect_rates_in_plausible_range",
        schema="marts",
        relation="mart_unit_scorecard",
        severity=Severity.WARNING,
        why_zh="增长率应在 -50% 到 100% 之间；超出多半是把小数或百分数填错了。",
        why_en="Growth rates should lie between -50% and 100%; beyond that a decimal or percent slipped.",
        expectation=lambda: _gx().ExpectColumnValuesToBeBetween(
            column="ytd_value",
            min_value=-50,
            max_value=100,
            row_condition='kind == "rate"',
            condition_parser="pandas",
        ),
        finding_zh="{unit_name} {period}“{measure_name}”为 {ytd_value}%，超出合理范围。",
        finding_en="{unit_name} {period} '{measure_name}': {ytd_value}% is out of the plausible range.",
    ),
)
