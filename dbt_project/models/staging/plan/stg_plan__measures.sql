with source as (
    select * from {{ ref('plan_measures') }}
)

select
    measure_code,
    item_code,
    measure_name,
    measure_name_en,
    uom,
    kind,
    target_type,
    is_additive,
    -- cumulative counts only grow over the year: year-to-date never falls
    target_type = 'cumulative' as is_cumulative,
    -- rates are compared with the target in points; stocks are levels judged against the target
    -- itself; flows against the elapsed share of the year (small counts: a milestone, per unit)
    case target_type when 'growth_rate' then 'rate' when 'stock' then 'level' else 'elapsed' end
        as progress_basis,
    source
from source
