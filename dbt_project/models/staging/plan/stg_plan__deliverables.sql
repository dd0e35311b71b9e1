with source as (
    select * from {{ ref('plan_deliverables') }}
)

select
    deliverable_code,
    measure_code,
    unit_code,
    deliverable_name,
    source
from source
