select
    deliverables.deliverable_code,
    deliverables.deliverable_name,
    deliverables.measure_code,
    indicators.measure_name,
    deliverables.unit_code,
    units.unit_name,
    deliverables.source
from {{ ref('stg_plan__deliverables') }} as deliverables
inner join {{ ref('dim_indicator') }} as indicators on deliverables.measure_code = indicators.measure_code
left join {{ ref('stg_plan__units') }} as units on deliverables.unit_code = units.unit_code
