-- plan_annex2_targets of every loaded plan year, typed (macro plan_table).
select
    plan_year::integer as plan_year,
    row_no::integer as row_no,
    column_no::integer as column_no,
    measure_code::varchar as measure_code,
    value_kind::varchar as value_kind,
    target_value::double as target_value,
    value_text::varchar as value_text,
    source::varchar as source
from {{ plan_table('plan_annex2_targets') }}
