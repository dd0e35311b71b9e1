-- The district figure of each summed measure next to a sum computed afresh from fct_progress, so
-- the check catches an aggregation that drops or double-counts units. Values held back for
-- checking (int_value_outliers, not confirmed) are in no district sum.
with district as (
    select * from {{ ref('mart_district_progress') }}
    where aggregation = 'sum_of_units'
),

unit_rows as (
    select
        progress.period,
        progress.measure_code,
        sum(progress.ytd_value) as units_ytd_sum
    from {{ ref('fct_progress') }} as progress
    inner join {{ ref('fct_target') }} as targets
        on progress.plan_year = targets.plan_year
        and progress.measure_code = targets.measure_code
        and progress.unit_code = targets.unit_code
        and targets.is_allocated
    left join {{ ref('int_value_outliers') }} as held
        on progress.period = held.period
        and progress.unit_code = held.unit_code
        and progress.measure_code = held.measure_code
        and not held.is_confirmed
    where held.unit_code is null
    group by all
)

select
    district.period,
    district.measure_code,
    district.measure_name,
    round(district.ytd_value, 4) as district_ytd,
    round(unit_rows.units_ytd_sum, 4) as units_ytd_sum
from district
left join unit_rows on district.period = unit_rows.period and district.measure_code = unit_rows.measure_code
