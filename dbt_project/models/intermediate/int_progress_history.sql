-- Month over month per unit and measure: the year-to-date reported last month, and whether every
-- month so far has a month value (then year-to-date should equal their sum).
with progress as (
    select * from {{ ref('int_current_progress') }}
),

periods as (
    select * from {{ ref('dim_period') }}
)

select
    progress.period,
    progress.plan_year,
    progress.unit_code,
    units.unit_name,
    progress.measure_code,
    measures.measure_name,
    measures.is_cumulative,
    measures.target_type,
    progress.file_id,
    progress.month_value,
    round(progress.ytd_reported, 4) as ytd_reported,
    round(progress.month_value_running_sum, 4) as month_value_running_sum,
    count(progress.month_value) over history = periods.month as has_every_month_value,
    lag(progress.ytd_reported) over (partition by progress.plan_year, progress.unit_code, progress.measure_code order by progress.period) as previous_ytd,
    lag(progress.period) over (partition by progress.plan_year, progress.unit_code, progress.measure_code order by progress.period) as previous_period
from progress
inner join periods on progress.period = periods.period
inner join {{ ref('stg_plan__measures') }} as measures
    on progress.plan_year = measures.plan_year and progress.measure_code = measures.measure_code
left join {{ ref('dim_unit') }} as units on progress.unit_code = units.unit_code
window history as (
    partition by progress.plan_year, progress.unit_code, progress.measure_code order by progress.period
    rows between unbounded preceding and current row
)
