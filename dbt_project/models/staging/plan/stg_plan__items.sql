-- plan_items of every loaded plan year, typed (macro plan_table).
select
    plan_year::integer as plan_year,
    row_no::integer as row_no,
    item_code::varchar as item_code,
    item_group::varchar as item_group,
    annex1_seq::integer as annex1_seq,
    item_name::varchar as item_name,
    annex1_text::varchar as annex1_text,
    annex2_column::integer as annex2_column,
    source::varchar as source,
    annex2_column is not null as is_split_in_annex2
from {{ plan_table('plan_items') }}
