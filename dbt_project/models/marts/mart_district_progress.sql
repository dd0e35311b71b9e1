-- District progress, measure × month, scored by the same rules as the units
-- (macros/progress_status.sql). Additive measures split across units are summed over the units
-- with a value; sole-owned measures take the owner's own figure; a rate split across units is
-- never summed nor averaged: its district figure must come from the lead, and without one the
-- status is 无全区数.
with scorecard as (
    select * from {{ ref('mart_unit_scorecard') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

periods as (
    select * from {{ ref('dim_period') }}
),

milestones as (
    select * from {{ ref('stg_plan__milestones') }}
    where unit_code is null
),

aggregated as (
    select
        scorecard.period,
        scorecard.plan_year,
        scorecard.measure_code,
        case
            when not indicators.is_split then 'owner_figure'
            when indicators.is_additive then 'sum_of_units'
            else 'not_aggregated'
        end as aggregation,
        count(*) as units_expected,
        -- a value held back for checking (待核实) is in no district figure until confirmed
        count(scorecard.ytd_value) filter (where not scorecard.is_held_back) as units_reported,
        count(*) filter (where scorecard.is_held_back) as units_held_back,
        any_value(scorecard.ytd_value) filter (where scorecard.is_held_back) as held_back_ytd,
        bool_or(scorecard.has_report) as has_report,
        sum(scorecard.ytd_value) filter (where not scorecard.is_held_back) as units_ytd_sum,
        sum(scorecard.month_value) filter (where not scorecard.is_held_back) as units_month_sum
    from scorecard
    inner join indicators
        on scorecard.plan_year = indicators.plan_year and scorecard.measure_code = indicators.measure_code
    group by all
),

valued as (
    select
        aggregated.period,
        aggregated.plan_year,
        periods.period_label,
        aggregated.measure_code,
        indicators.measure_name,
        indicators.item_code,
        indicators.item_name,
        indicators.uom,
        indicators.kind,
        aggregated.aggregation,
        {{ scoring_basis('indicators.progress_basis', 'indicators.kind', 'indicators.district_target') }}
            as progress_basis,
        indicators.district_target,
        indicators.district_target as target_value,
        indicators.challenge_value,
        aggregated.units_expected,
        aggregated.units_reported,
        aggregated.units_held_back,
        aggregation != 'not_aggregated' and aggregated.has_report as has_report,
        -- a measure one unit owns has no district figure while that unit's value is held back
        aggregation = 'owner_figure' and aggregated.units_held_back > 0 as is_held_back,
        case when aggregation != 'not_aggregated' then aggregated.units_month_sum end as month_value,
        case
            -- the owner's figure held back: shown as it stands, status 待核实
            when aggregation = 'owner_figure' and aggregated.units_held_back > 0 then aggregated.held_back_ytd
            when aggregation != 'not_aggregated' then aggregated.units_ytd_sum
        end as ytd_value,
        coalesce(milestones.planned_month, 12) as planned_month,
        periods.elapsed_share,
        periods.month,
        periods.tolerance_points,
        periods.is_year_end
    from aggregated
    inner join indicators
        on aggregated.plan_year = indicators.plan_year and aggregated.measure_code = indicators.measure_code
    inner join periods on aggregated.period = periods.period
    left join milestones
        on aggregated.plan_year = milestones.plan_year and aggregated.measure_code = milestones.measure_code
),

measured as (
    select
        valued.*,
        {{ completion_pct('progress_basis', 'ytd_value', 'target_value') }} as completion_pct,
        {{ expected_pct('progress_basis', 'elapsed_share', 'month', 'planned_month') }} as expected_pct
    from valued
),

classified as (
    select
        measured.*,
        {{ gap_points('progress_basis', 'ytd_value', 'target_value', 'completion_pct', 'expected_pct') }} as gap_points,
        case when aggregation = 'not_aggregated' then '无全区数' else {{ score_status() }} end as status
    from measured
)

select
    classified.* exclude (
        target_value, elapsed_share, month, tolerance_points, is_year_end, planned_month, has_report, is_held_back
    ),
    case when progress_basis = 'milestone' then planned_month end as planned_month,
    statuses.status_group,
    {{ score_rag() }} as rag
from classified
inner join {{ ref('stg_plan__score_statuses') }} as statuses on classified.status = statuses.status
