-- plan_owners of every loaded plan year, typed (macro plan_table).
select
    plan_year::integer as plan_year,
    row_no::integer as row_no,
    item_code::varchar as item_code,
    role::varchar as role,
    unit_ref::varchar as unit_ref,
    source_doc::varchar as source_doc,
    source::varchar as source,
    source_text::varchar as source_text
from {{ plan_table('plan_owners') }}
