-- plan_confirmations of every loaded plan year, typed (macro plan_table).
select
    plan_year::integer as plan_year,
    row_no::integer as row_no,
    code::varchar as code,
    rule::varchar as rule,
    chosen_source::varchar as chosen_source,
    chosen_value::double as chosen_value,
    confirmed_by::varchar as confirmed_by,
    confirmed_on::date as confirmed_on,
    note::varchar as note
from {{ plan_table('plan_confirmations') }}
