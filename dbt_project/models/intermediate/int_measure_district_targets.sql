-- One district target per plan year and measure, taken from the first source that states it: the office's
-- 口径确认 (plan_confirmations, the latest where there are several), then 附件1, then 正文, then
-- 备注, then the 附件2 column header. The challenge value comes from 附件1.
with targets as (
    select * from {{ ref('stg_plan__district_targets') }}
    where measure_code is not null
),

headers as (
    select
        plan_year,
        measure_code,
        target_value,
        value_text as target_text,
        source
    from {{ ref('stg_plan__annex2_targets') }}
    where value_kind = 'header' and measure_code is not null
),

confirmations as (
    select * from {{ ref('stg_plan__confirmations') }}
    where (plan_year, code) in (select (plan_year, measure_code) from {{ ref('stg_plan__measures') }})
),

candidates as (
    select
        plan_year,
        code as measure_code,
        chosen_value as target_value,
        '已确认口径：' || chosen_source || ' ' || {{ plain_number('chosen_value') }} as target_text,
        '已确认口径' as source_doc,
        confirmed_by || ' ' || strftime(confirmed_on, '%Y-%m-%d') || ' 确认（' || rule || '）' as source,
        0 as preference
    from confirmations
    qualify row_number() over (partition by plan_year, code order by confirmed_on desc, rule) = 1
    union all
    select
        plan_year,
        measure_code,
        target_value,
        target_text,
        source_doc,
        source,
        case source_doc when '附件1' then 1 when '正文' then 2 when '备注' then 3 end as preference
    from targets
    where not is_challenge
    union all
    select
        plan_year,
        measure_code,
        target_value,
        target_text,
        '附件2表头' as source_doc,
        source,
        4 as preference
    from headers
),

ranked as (
    select
        *,
        row_number() over (partition by plan_year, measure_code order by preference, source) as rank_in_measure
    from candidates
),

challenge as (
    select
        plan_year,
        measure_code,
        max(target_value) as challenge_value
    from targets
    where is_challenge
    group by plan_year, measure_code
)

select
    ranked.plan_year,
    ranked.measure_code,
    ranked.target_value as district_target,
    ranked.target_text as district_target_text,
    ranked.source_doc as district_target_source_doc,
    ranked.source as district_target_source,
    challenge.challenge_value
from ranked
left join challenge on ranked.plan_year = challenge.plan_year and ranked.measure_code = challenge.measure_code
where ranked.rank_in_measure = 1
