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
    -- flows are judged against the elapsed share of the year, rates and stocks against the target itself
    case when target_type in ('growth_rate', 'stock') then 'level' else 'elapsed' end as progress_basis,
    source
from source
