-- plan_unit_aliases of every loaded plan year, typed (macro plan_table).
select
    plan_year::integer as plan_year,
    row_no::integer as row_no,
    trim(alias)::varchar as alias,
    unit_code::varchar as unit_code,
    source::varchar as source
from {{ plan_table('plan_unit_aliases') }}
