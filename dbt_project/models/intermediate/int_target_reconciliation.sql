-- The four numbers each year's plan gives for each 附件2 target line, side by side:
-- the sum of the unit cells, the 合计 row, the column header, and the 附件1 / 正文 targets.
-- A line is one measure, or the whole column where the header or 合计 does not split by measure.
-- Rates are never summed: unit_sum stays null for them.
with annex2_targets as (
    select * from {{ ref('stg_plan__annex2_targets') }}
),

columns as (
    select * from {{ ref('stg_plan__annex2_columns') }}
),

allocations as (
    select * from {{ ref('stg_plan__allocations') }}
),

measures as (
    select * from {{ ref('stg_plan__measures') }}
),

district_targets as (
    select * from {{ ref('stg_plan__district_targets') }}
    where not is_challenge
),

lines as (
    select distinct
        plan_year,
        column_no,
        measure_code
    from annex2_targets
),

line_measures as (
    select
        lines.plan_year,
        lines.column_no,
        lines.measure_code as line_measure_code,
        measures.measure_code,
        measures.kind
    from lines
    inner join allocations
        on lines.plan_year = allocations.plan_year
        and lines.column_no = allocations.column_no
        and (lines.measure_code = allocations.measure_code or lines.measure_code is null)
    inner join measures
        on allocations.plan_year = measures.plan_year and allocations.measure_code = measures.measure_code
    group by all
),

unit_sums as (
    select
        line_measures.plan_year,
        line_measures.column_no,
        line_measures.line_measure_code,
        bool_or(line_measures.kind = 'rate') as is_rate,
        sum(allocations.allocated_value) filter (where allocations.is_allocated) as allocated_sum,
        count(*) filter (where allocations.is_allocated) as allocated_cells
    from line_measures
    inner join allocations
        on line_measures.plan_year = allocations.plan_year
        and line_measures.column_no = allocations.column_no
        and line_measures.measure_code = allocations.measure_code
    group by all
),

printed as (
    select
        lines.plan_year,
        lines.column_no,
        lines.measure_code as line_measure_code,
        max(annex2_targets.target_value) filter (
            where annex2_targets.value_kind = 'total' and annex2_targets.measure_code is not distinct from lines.measure_code
        ) as total_value,
        coalesce(
            max(annex2_targets.target_value) filter (
                where annex2_targets.value_kind = 'header' and annex2_targets.measure_code is not distinct from lines.measure_code
            ),
            sum(annex2_targets.target_value) filter (
                where annex2_targets.value_kind = 'header' and lines.measure_code is null and annex2_targets.measure_code is not null
            )
        ) as header_value
    from lines
    inner join annex2_targets
        on lines.plan_year = annex2_targets.plan_year and lines.column_no = annex2_targets.column_no
    group by all
),

measure_targets as (
    -- several 正文 sentences may state the same target: one value per measure and source
    select
        plan_year,
        measure_code,
        source_doc,
        max(target_value) as target_value
    from district_targets
    where measure_code is not null
    group by all
),

line_sizes as (
    select
        plan_year,
        column_no,
        line_measure_code,
        count(*) as measure_count
    from line_measures
    group by all
),

plan_targets as (
    -- a line's target from a source is the sum over its measures, when the source states all of them
    select
        line_measures.plan_year,
        line_measures.column_no,
        line_measures.line_measure_code,
        measure_targets.source_doc,
        sum(measure_targets.target_value) as target_value
    from line_measures
    inner join measure_targets
        on line_measures.plan_year = measure_targets.plan_year
        and line_measures.measure_code = measure_targets.measure_code
    inner join line_sizes
        on line_measures.plan_year = line_sizes.plan_year
        and line_measures.column_no = line_sizes.column_no
        and line_measures.line_measure_code is not distinct from line_sizes.line_measure_code
    group by
        line_measures.plan_year, line_measures.column_no, line_measures.line_measure_code,
        measure_targets.source_doc, line_sizes.measure_count
    having count(*) = line_sizes.measure_count
),

-- the office's decisions on this line's contradictions: the checks leave those rules out
confirmed as (
    select * from {{ ref('int_confirmed_rules') }}
),

item_targets as (
    select
        columns.plan_year,
        columns.column_no,
        district_targets.source_doc,
        max(district_targets.target_value) as target_value
    from district_targets
    inner join columns
        on district_targets.plan_year = columns.plan_year and district_targets.item_code = columns.item_code
    where district_targets.measure_code is null
    group by all
)

select
    lines.plan_year,
    lines.column_no,
    columns.item_code,
    coalesce(lines.measure_code, columns.item_code) as line_code,
    lines.measure_code,
    coalesce(measures.measure_name, columns.header_text) as line_name,
    unit_sums.is_rate,
    case when unit_sums.is_rate then null else unit_sums.allocated_sum end as unit_sum,
    unit_sums.allocated_cells,
    printed.total_value,
    printed.header_value,
    coalesce(annex1.target_value, annex1_item.target_value) as annex1_value,
    coalesce(main_text.target_value, main_text_item.target_value) as main_text_value,
    confirmed.confirmed_rules,
    columns.source
from lines
inner join columns on lines.plan_year = columns.plan_year and lines.column_no = columns.column_no
left join measures on lines.plan_year = measures.plan_year and lines.measure_code = measures.measure_code
left join unit_sums
    on lines.plan_year = unit_sums.plan_year
    and lines.column_no = unit_sums.column_no
    and lines.measure_code is not distinct from unit_sums.line_measure_code
left join printed
    on lines.plan_year = printed.plan_year
    and lines.column_no = printed.column_no
    and lines.measure_code is not distinct from printed.line_measure_code
left join plan_targets as annex1
    on lines.plan_year = annex1.plan_year
    and lines.column_no = annex1.column_no
    and lines.measure_code is not distinct from annex1.line_measure_code
    and annex1.source_doc = '附件1'
left join plan_targets as main_text
    on lines.plan_year = main_text.plan_year
    and lines.column_no = main_text.column_no
    and lines.measure_code is not distinct from main_text.line_measure_code
    and main_text.source_doc = '正文'
left join item_targets as annex1_item
    on lines.measure_code is null
    and lines.plan_year = annex1_item.plan_year
    and lines.column_no = annex1_item.column_no
    and annex1_item.source_doc = '附件1'
left join item_targets as main_text_item
    on lines.measure_code is null
    and lines.plan_year = main_text_item.plan_year
    and lines.column_no = main_text_item.column_no
    and main_text_item.source_doc = '正文'
left join confirmed
    on lines.plan_year = confirmed.plan_year and coalesce(lines.measure_code, columns.item_code) = confirmed.code
