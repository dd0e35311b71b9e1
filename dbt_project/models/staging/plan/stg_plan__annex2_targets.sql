with source as (
    select * from {{ ref('plan_annex2_targets') }}
)

select
    column_no,
    measure_code,
    value_kind,
    target_value,
    value_text,
    source
from source
