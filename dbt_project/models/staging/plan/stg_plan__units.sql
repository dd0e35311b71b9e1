-- plan_units of every loaded plan year, typed (macro plan_table).
select
    plan_year::integer as plan_year,
    row_no::integer as row_no,
    unit_code::varchar as unit_code,
    trim(unit_name)::varchar as unit_name,
    unit_type::varchar as unit_type,
    annex2_row::integer as annex2_row,
    source::varchar as source
from {{ plan_table('plan_units') }}
