-- 同比: each unit's and the district's year-to-date and completion this month next to the same
-- month of the previous plan year, for measures whose code recurs in both years. A measure new
-- this year, or a year with no plan before it, has no previous figures.
with lines as (
    select
        plan_year,
        period,
        unit_code,
        unit_name,
        measure_code,
        measure_name,
        ytd_value,
        completion_pct
    from {{ ref('mart_unit_scorecard') }}
    union all
    select
        plan_year,
        period,
        '全区' as unit_code,
        '全区' as unit_name,
        measure_code,
        measure_name,
        ytd_value,
        completion_pct
    from {{ ref('mart_district_progress') }}
)

select
    this_year.plan_year,
    this_year.period,
    this_year.unit_code,
    this_year.unit_name,
    this_year.measure_code,
    this_year.measure_name,
    this_year.ytd_value,
    this_year.completion_pct,
    last_year.period as previous_period,
    last_year.ytd_value as previous_ytd_value,
    last_year.completion_pct as previous_completion_pct,
    round(this_year.ytd_value - last_year.ytd_value, 4) as ytd_change,
    round(this_year.completion_pct - last_year.completion_pct, 1) as completion_change_points
from lines as this_year
left join lines as last_year
    on last_year.plan_year = this_year.plan_year - 1
    and right(last_year.period, 2) = right(this_year.period, 2)
    and last_year.unit_code = this_year.unit_code
    and last_year.measure_code = this_year.measure_code
