-- plan_milestones of every loaded plan year, typed (macro plan_table).
select
    plan_year::integer as plan_year,
    row_no::integer as row_no,
    measure_code::varchar as measure_code,
    unit_code::varchar as unit_code,
    planned_month::integer as planned_month,
    set_by::varchar as set_by,
    source::varchar as source
from {{ plan_table('plan_milestones') }}
