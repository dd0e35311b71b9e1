-- Per plan year and measure, the district target as each part of the plan states it, side by side.
with targets as (
    select * from {{ ref('stg_plan__district_targets') }}
    where measure_code is not null and not is_challenge
),

confirmed as (
    select * from {{ ref('int_confirmed_rules') }}
)

select
    measures.plan_year,
    measures.measure_code,
    measures.measure_name,
    max(targets.target_value) filter (where targets.source_doc = '附件1') as annex1_value,
    min(targets.target_value) filter (where targets.source_doc = '正文') as main_text_min,
    max(targets.target_value) filter (where targets.source_doc = '正文') as main_text_max,
    max(targets.target_value) filter (where targets.source_doc = '备注') as note_value,
    -- the office's decisions on this measure's contradictions: the checks leave those rules out
    any_value(confirmed.confirmed_rules) as confirmed_rules
from {{ ref('stg_plan__measures') }} as measures
left join targets on measures.plan_year = targets.plan_year and measures.measure_code = targets.measure_code
left join confirmed on measures.plan_year = confirmed.plan_year and measures.measure_code = confirmed.code
group by measures.plan_year, measures.measure_code, measures.measure_name
