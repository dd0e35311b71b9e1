-- 口径确认: the lead office's decisions on the plan's contradictions (plan_confirmations), one row
-- per settled contradiction with the figure that counts, for the bulletin's single line each.
select
    confirmations.plan_year,
    confirmations.code,
    coalesce(indicators.measure_name, items.item_name) as name,
    confirmations.rule,
    confirmations.chosen_source,
    confirmations.chosen_value,
    confirmations.confirmed_by,
    confirmations.confirmed_on,
    confirmations.note,
    indicators.district_target,
    indicators.district_target_source_doc
from {{ ref('stg_plan__confirmations') }} as confirmations
left join {{ ref('dim_indicator') }} as indicators
    on confirmations.plan_year = indicators.plan_year and confirmations.code = indicators.measure_code
left join {{ ref('stg_plan__items') }} as items
    on confirmations.plan_year = items.plan_year and confirmations.code = items.item_code
