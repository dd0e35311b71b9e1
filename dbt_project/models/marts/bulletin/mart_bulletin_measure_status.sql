-- Units by status per measure and month, for the bulletin's status table: of the units with a
-- target for the measure, how many have completed it, are on track (达到序时进度), are behind
-- (低于序时进度, yellow and red) or have not reported. Measures one unit owns name that unit.
with scorecard as (
    select * from {{ ref('mart_unit_scorecard') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

counted as (
    select
        period,
        plan_year,
        measure_code,
        count(*) as units_with_target,
        {{ count_by_status('units') }},
        case when count(*) = 1 then any_value(unit_code) end as sole_unit_code,
        case when count(*) = 1 then any_value(unit_name) end as sole_unit_name
    from scorecard
    group by period, plan_year, measure_code
)

select
    counted.period,
    counted.plan_year,
    counted.measure_code,
    indicators.measure_name,
    indicators.item_group,
    row_number() over (
        partition by counted.period
        order by
            case indicators.item_group when '重点指标' then 1 when '重点任务' then 2 else 3 end,
            indicators.annex1_seq,
            counted.measure_code
    ) as display_order,
    counted.units_with_target,
    counted.units_done,
    counted.units_on_track,
    counted.units_behind,
    counted.units_behind_yellow,
    counted.units_behind_red,
    counted.units_not_reported,
    counted.units_to_verify,
    counted.units_to_resubmit,
    counted.sole_unit_code,
    counted.sole_unit_name
from counted
inner join indicators on counted.plan_year = indicators.plan_year and counted.measure_code = indicators.measure_code
