with source as (
    select * from {{ ref('plan_owners') }}
)

select
    item_code,
    role,
    unit_ref,
    source_doc,
    source,
    source_text
from source
