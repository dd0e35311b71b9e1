select
    aliases.alias,
    aliases.unit_code,
    units.unit_name,
    aliases.source
from {{ ref('stg_plan__unit_aliases') }} as aliases
inner join {{ ref('stg_plan__units') }} as units on aliases.unit_code = units.unit_code
