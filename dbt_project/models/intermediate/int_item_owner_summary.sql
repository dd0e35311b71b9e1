-- Per plan year and item: who the 正文 names as lead, who the 备注 names as sole owner, and whether 附件2 splits it.
-- The owner checks read this: one lead per source, sources agree, split or sole-owned.
with items as (
    select * from {{ ref('stg_plan__items') }}
),

owners as (
    select * from {{ ref('int_owners_resolved') }}
),

units as (
    select * from {{ ref('stg_plan__units') }}
),

allocated_items as (
    select distinct measures.plan_year, measures.item_code
    from {{ ref('stg_plan__allocations') }} as allocations
    inner join {{ ref('stg_plan__measures') }} as measures
        on allocations.plan_year = measures.plan_year and allocations.measure_code = measures.measure_code
    where allocations.is_allocated
),

leads as (
    select
        owners.plan_year,
        owners.item_code,
        owners.role,
        count(distinct owners.unit_code) as unit_count,
        string_agg(distinct coalesce(units.unit_name, owners.unit_ref), '、' order by coalesce(units.unit_name, owners.unit_ref)) as unit_names,
        min(owners.unit_code) as unit_code,
        string_agg(distinct owners.unit_ref, '、') as as_written
    from owners
    left join units on owners.plan_year = units.plan_year and owners.unit_code = units.unit_code
    where owners.role in ('lead', 'sole_owner')
    group by all
)

select
    items.plan_year,
    items.item_code,
    items.item_name,
    items.item_group,
    items.item_group in ('重点指标', '重点任务') as is_annex1_item,
    allocated_items.item_code is not null as is_split,
    coalesce(main_lead.unit_count, 0) as main_text_lead_count,
    main_lead.unit_names as main_text_leads,
    case when main_lead.unit_count = 1 then main_lead.unit_code end as main_text_lead_code,
    coalesce(sole.unit_count, 0) as sole_owner_count,
    sole.unit_names as sole_owners,
    case when sole.unit_count = 1 then sole.unit_code end as sole_owner_code,
    coalesce((main_lead.unit_count > 0)::int, 0) + coalesce((sole.unit_count > 0)::int, 0) as owner_sources,
    case
        when allocated_items.item_code is not null and sole.unit_count > 0 then 'both'
        when allocated_items.item_code is not null then 'split'
        when sole.unit_count > 0 then 'sole_owner'
        else 'neither'
    end as ownership_basis
from items
left join allocated_items on items.plan_year = allocated_items.plan_year and items.item_code = allocated_items.item_code
left join leads as main_lead
    on items.plan_year = main_lead.plan_year and items.item_code = main_lead.item_code and main_lead.role = 'lead'
left join leads as sole
    on items.plan_year = sole.plan_year and items.item_code = sole.item_code and sole.role = 'sole_owner'
