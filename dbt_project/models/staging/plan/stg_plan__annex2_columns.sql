with source as (
    select * from {{ ref('plan_annex2_columns') }}
)

select
    column_no,
    item_code,
    header_text,
    total_text,
    source
from source
