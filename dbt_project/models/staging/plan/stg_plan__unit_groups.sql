with source as (
    select * from {{ ref('plan_unit_groups') }}
)

select
    group_code,
    group_name,
    member_unit_type,
    source
from source
