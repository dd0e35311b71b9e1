-- Every project, scenario, park and event the plan names, owned or not. Where the plan names an
-- item but no unit that carries it, unit_code stays null and unit_name reads 未明确责任单位; the
-- lead of the 正文 section it is named in is kept alongside (the reference check reports these).
select
    deliverables.plan_year,
    deliverables.deliverable_code,
    deliverables.deliverable_name,
    deliverables.measure_code,
    indicators.measure_name,
    deliverables.unit_code,
    case when deliverables.unit_code is null then '未明确责任单位' else units.unit_name end as unit_name,
    deliverables.unit_code is not null as has_owning_unit,
    owners.main_text_leads,
    deliverables.source
from {{ ref('stg_plan__deliverables') }} as deliverables
left join {{ ref('dim_indicator') }} as indicators
    on deliverables.plan_year = indicators.plan_year and deliverables.measure_code = indicators.measure_code
left join {{ ref('int_item_owner_summary') }} as owners
    on indicators.plan_year = owners.plan_year and indicators.item_code = owners.item_code
left join {{ ref('stg_plan__units') }} as units
    on deliverables.plan_year = units.plan_year and deliverables.unit_code = units.unit_code
