-- plan_measures of every loaded plan year, typed (macro plan_table).
select
    plan_year::integer as plan_year,
    row_no::integer as row_no,
    measure_code::varchar as measure_code,
    item_code::varchar as item_code,
    measure_name::varchar as measure_name,
    measure_name_en::varchar as measure_name_en,
    uom::varchar as uom,
    kind::varchar as kind,
    target_type::varchar as target_type,
    is_additive::boolean as is_additive,
    source::varchar as source,
    -- cumulative counts only grow over the year: year-to-date never falls
    target_type = 'cumulative' as is_cumulative,
    -- rates are compared with the target in points; stocks are levels judged against the target
    -- itself; flows against the elapsed share of the year (small counts: a milestone, per unit)
    case target_type when 'growth_rate' then 'rate' when 'stock' then 'level' else 'elapsed' end
        as progress_basis
from {{ plan_table('plan_measures') }}
