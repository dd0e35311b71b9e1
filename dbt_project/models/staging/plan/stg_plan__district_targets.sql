-- plan_district_targets of every loaded plan year, typed (macro plan_table).
select
    plan_year::integer as plan_year,
    row_no::integer as row_no,
    item_code::varchar as item_code,
    measure_code::varchar as measure_code,
    source_doc::varchar as source_doc,
    target_value::double as target_value,
    is_challenge::boolean as is_challenge,
    target_text::varchar as target_text,
    source::varchar as source
from {{ plan_table('plan_district_targets') }}
