-- Every spelling of a unit's name in any loaded plan year -> its code, from the first plan year
-- it appears in. A unit's earlier names are aliases too: a renamed unit's old name still resolves.
with spellings as (
    select alias, unit_code, plan_year, source from {{ ref('stg_plan__unit_aliases') }}
    union all
    select unit_name, unit_code, plan_year, source from {{ ref('stg_plan__units') }}
),

latest_names as (
    select unit_code, unit_name from {{ ref('stg_plan__units') }}
    qualify plan_year = max(plan_year) over (partition by unit_code)
)

select
    spellings.alias,
    spellings.unit_code,
    latest_names.unit_name,
    min(spellings.plan_year) as first_plan_year,
    min(spellings.source) as source
from spellings
inner join latest_names on spellings.unit_code = latest_names.unit_code
group by spellings.alias, spellings.unit_code, latest_names.unit_name
