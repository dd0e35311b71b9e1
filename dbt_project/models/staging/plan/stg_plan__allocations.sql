-- plan_allocations of every loaded plan year, typed (macro plan_table).
select
    plan_year::integer as plan_year,
    row_no::integer as row_no,
    unit_code::varchar as unit_code,
    column_no::integer as column_no,
    measure_code::varchar as measure_code,
    cell_text::varchar as cell_text,
    allocated_value::double as allocated_value,
    is_allocated::boolean as is_allocated,
    source::varchar as source
from {{ plan_table('plan_allocations') }}
