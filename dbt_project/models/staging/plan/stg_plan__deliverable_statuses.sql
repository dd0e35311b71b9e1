with source as (
    select * from {{ ref('deliverable_statuses') }}
)

select
    status_code,
    status_name,
    sort_order,
    is_done
from source
