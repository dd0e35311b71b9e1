-- plan_deliverables of every loaded plan year, typed (macro plan_table).
select
    plan_year::integer as plan_year,
    row_no::integer as row_no,
    deliverable_code::varchar as deliverable_code,
    measure_code::varchar as measure_code,
    unit_code::varchar as unit_code,
    deliverable_name::varchar as deliverable_name,
    source::varchar as source
from {{ plan_table('plan_deliverables') }}
