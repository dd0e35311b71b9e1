-- Who owns what, item × measure × unit × role × source; group references are expanded to units.
-- Every section of 正文 二 is here: sections without a numeric measure (正文任务) have a null measure_code.
with owners as (
    select * from {{ ref('int_owners_resolved') }}
),

items as (
    select * from {{ ref('stg_plan__items') }}
),

measures as (
    select * from {{ ref('stg_plan__measures') }}
)

select
    owners.plan_year,
    -- what is owned: the measure, or the item itself for a section without a measure (the grain)
    coalesce(measures.measure_code, owners.item_code) as owned_code,
    measures.measure_code,
    owners.item_code,
    items.item_name,
    items.item_group,
    owners.unit_code,
    owners.role,
    case owners.role
        when 'lead' then '牵头'
        when 'responsible' then '责任'
        when 'sole_owner' then '单独承担'
    end as role_zh,
    owners.source_doc,
    owners.unit_ref,
    owners.via_group,
    owners.source,
    owners.source_text
from owners
left join items on owners.plan_year = items.plan_year and owners.item_code = items.item_code
left join measures on owners.plan_year = measures.plan_year and owners.item_code = measures.item_code
where owners.unit_code is not null
