with source as (
    select * from {{ ref('plan_district_targets') }}
)

select
    item_code,
    measure_code,
    source_doc,
    target_value,
    is_challenge,
    target_text,
    source
from source
