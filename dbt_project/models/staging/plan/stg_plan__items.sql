with source as (
    select * from {{ ref('plan_items') }}
)

select
    item_code,
    item_group,
    annex1_seq,
    item_name,
    annex1_text,
    annex2_column,
    annex2_column is not null as is_split_in_annex2,
    source
from source
