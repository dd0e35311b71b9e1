-- Reported progress, measure × unit × month, from the current (latest accepted) submission.
with progress as (
    select * from {{ ref('int_current_progress') }}
),

assignments as (
    select * from {{ ref('int_reporting_assignments') }}
)

select
    progress.period,
    progress.plan_year,
    progress.unit_code,
    units.unit_name,
    progress.measure_code,
    indicators.measure_name,
    progress.month_value,
    progress.ytd_reported,
    progress.ytd_value,
    progress.ytd_source,
    progress.note,
    assignments.unit_code is not null as is_assigned,
    indicators.measure_code is not null as is_known_measure,
    periods.period is not null as is_plan_period,
    indicators.kind,
    indicators.target_type,
    progress.file_id,
    progress.sheet,
    progress.row_no,
    progress.received_at
from progress
left join assignments
    on progress.plan_year = assignments.plan_year
    and progress.unit_code = assignments.unit_code
    and progress.measure_code = assignments.measure_code
left join {{ ref('dim_indicator') }} as indicators
    on progress.plan_year = indicators.plan_year and progress.measure_code = indicators.measure_code
left join {{ ref('dim_unit') }} as units on progress.unit_code = units.unit_code
left join {{ ref('dim_period') }} as periods on progress.period = periods.period
