-- District progress, measure × month. Additive measures split across units are summed over the
-- units that reported; sole-owned measures take the owner's own figure; rates split across units
-- are never summed and have no district figure.
with scorecard as (
    select * from {{ ref('mart_unit_scorecard') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

aggregated as (
    select
        scorecard.period,
        scorecard.measure_code,
        case
            when not indicators.is_split then 'owner_figure'
            when indicators.is_additive then 'sum_of_units'
            else 'not_aggregated'
        end as aggregation,
        count(*) as units_expected,
        count(scorecard.ytd_value) as units_reported,
        sum(scorecard.ytd_value) as units_ytd_sum,
        sum(scorecard.month_value) as units_month_sum,
        any_value(scorecard.expected_pct) as expected_pct
    from scorecard
    inner join indicators on scorecard.measure_code = indicators.measure_code
    group by all
),

valued as (
    select
        aggregated.*,
        case when aggregation != 'not_aggregated' then units_ytd_sum end as ytd_value,
        case when aggregation != 'not_aggregated' then units_month_sum end as month_value
    from aggregated
),

scored as (
    select
        valued.period,
        periods.period_label,
        valued.measure_code,
        indicators.measure_name,
        indicators.item_code,
        indicators.item_name,
        indicators.uom,
        indicators.kind,
        valued.aggregation,
        indicators.district_target,
        indicators.challenge_value,
        valued.units_expected,
        valued.units_reported,
        valued.month_value,
        valued.ytd_value,
        case when indicators.district_target > 0 then round(100.0 * valued.ytd_value / indicators.district_target, 1) end
            as completion_pct,
        valued.expected_pct
    from valued
    inner join indicators on valued.measure_code = indicators.measure_code
    inner join {{ ref('dim_period') }} as periods on valued.period = periods.period
)

select
    *,
    round(completion_pct - expected_pct, 1) as gap_points,
    case
        when aggregation = 'not_aggregated' then '不汇总'
        else {{ progress_status('completion_pct', 'expected_pct') }}
    end as status,
    case
        when aggregation = 'not_aggregated' then 'grey'
        else {{ status_colour(progress_status('completion_pct', 'expected_pct'), 'completion_pct', 'expected_pct') }}
    end as rag
from scored
