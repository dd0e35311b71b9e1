with source as (
    select * from {{ ref('plan_allocations') }}
)

select
    unit_code,
    column_no,
    measure_code,
    cell_text,
    allocated_value,
    is_allocated,
    source
from source
