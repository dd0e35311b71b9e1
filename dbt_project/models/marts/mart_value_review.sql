-- 待核实清单: every value an outlier rule holds back, period × unit × measure, with the cell it came
-- from, why it was held back and whether the office has confirmed it (then it counts again).
with outliers as (
    select * from {{ ref('int_value_outliers') }}
)

select
    outliers.period,
    outliers.unit_code,
    units.unit_name,
    outliers.measure_code,
    indicators.measure_name,
    indicators.uom,
    outliers.target_value,
    outliers.month_value,
    outliers.ytd_value,
    outliers.rules,
    outliers.reason_zh,
    outliers.file_id,
    files.file_name,
    outliers.sheet,
    outliers.row_no,
    outliers.is_confirmed,
    outliers.confirmed_at,
    outliers.confirmation_reason
from outliers
inner join {{ ref('dim_unit') }} as units on outliers.unit_code = units.unit_code
inner join {{ ref('dim_indicator') }} as indicators
    on indicators.plan_year = cast(left(outliers.period, 4) as integer) and outliers.measure_code = indicators.measure_code
left join {{ ref('stg_raw__files') }} as files on outliers.file_id = files.file_id
