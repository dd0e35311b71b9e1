with measures as (
    select * from {{ ref('stg_plan__measures') }}
),

items as (
    select * from {{ ref('stg_plan__items') }}
),

targets as (
    select * from {{ ref('int_measure_district_targets') }}
),

owners as (
    select * from {{ ref('int_item_owner_summary') }}
),

measures_per_item as (
    select
        plan_year,
        item_code,
        count(*) as measure_count
    from measures
    group by plan_year, item_code
)

-- one row per plan year and measure: a measure's definition may change between years
select
    measures.plan_year,
    measures.measure_code,
    measures.measure_name,
    measures.measure_name_en,
    measures.item_code,
    items.item_name,
    items.item_group,
    items.annex1_seq,
    measures_per_item.measure_count > 1 as is_sub_measure,
    measures.uom,
    measures.kind,
    measures.target_type,
    measures.is_additive,
    measures.is_cumulative,
    measures.progress_basis,
    owners.is_split,
    owners.sole_owner_code,
    owners.main_text_lead_code,
    targets.district_target,
    targets.district_target_text,
    targets.district_target_source_doc,
    targets.challenge_value,
    items.annex1_text,
    items.annex2_column,
    measures.row_no as measure_order,
    measures.source
from measures
inner join items on measures.plan_year = items.plan_year and measures.item_code = items.item_code
inner join measures_per_item
    on measures.plan_year = measures_per_item.plan_year and measures.item_code = measures_per_item.item_code
left join targets on measures.plan_year = targets.plan_year and measures.measure_code = targets.measure_code
left join owners on measures.plan_year = owners.plan_year and measures.item_code = owners.item_code
