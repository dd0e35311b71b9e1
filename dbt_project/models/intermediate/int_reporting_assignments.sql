-- Who reports each measure in each plan year, with the unit's annual target:
-- the units 附件2 allocates it to, the sole owner the 备注 names, or, for targets only the
-- 正文 states, the lead unit of that 正文 section.
with allocations as (
    select * from {{ ref('stg_plan__allocations') }}
),

owners as (
    select * from {{ ref('int_owners_resolved') }}
),

measures as (
    select * from {{ ref('stg_plan__measures') }}
),

items as (
    select * from {{ ref('stg_plan__items') }}
),

district_targets as (
    select * from {{ ref('int_measure_district_targets') }}
),

allocated as (
    select
        plan_year,
        measure_code,
        unit_code,
        allocated_value as target_value,
        'annex2' as basis,
        source
    from allocations
    where is_allocated
),

sole_owned as (
    select
        measures.plan_year,
        measures.measure_code,
        owners.unit_code,
        district_targets.district_target as target_value,
        'sole_owner' as basis,
        owners.source
    from owners
    inner join measures on owners.plan_year = measures.plan_year and owners.item_code = measures.item_code
    left join district_targets
        on measures.plan_year = district_targets.plan_year and measures.measure_code = district_targets.measure_code
    where owners.role = 'sole_owner' and owners.unit_code is not null
),

main_text_only as (
    select
        measures.plan_year,
        measures.measure_code,
        owners.unit_code,
        district_targets.district_target as target_value,
        'main_text_lead' as basis,
        owners.source
    from owners
    inner join items on owners.plan_year = items.plan_year and owners.item_code = items.item_code
    inner join measures on owners.plan_year = measures.plan_year and owners.item_code = measures.item_code
    left join district_targets
        on measures.plan_year = district_targets.plan_year and measures.measure_code = district_targets.measure_code
    where items.item_group = '正文目标' and owners.role = 'lead' and owners.unit_code is not null
)

select * from allocated
union all
select * from sole_owned
union all
select * from main_text_only
