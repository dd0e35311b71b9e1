-- plan_unit_groups of every loaded plan year, typed (macro plan_table).
select
    plan_year::integer as plan_year,
    row_no::integer as row_no,
    group_code::varchar as group_code,
    group_name::varchar as group_name,
    member_unit_type::varchar as member_unit_type,
    source::varchar as source
from {{ plan_table('plan_unit_groups') }}
