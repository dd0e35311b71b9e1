-- plan_annex2_columns of every loaded plan year, typed (macro plan_table).
select
    plan_year::integer as plan_year,
    row_no::integer as row_no,
    column_no::integer as column_no,
    item_code::varchar as item_code,
    header_text::varchar as header_text,
    total_text::varchar as total_text,
    source::varchar as source
from {{ plan_table('plan_annex2_columns') }}
