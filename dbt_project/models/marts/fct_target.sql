-- Annual targets, measure × unit × year: every 附件2 cell ("/" kept as not allocated) and the
-- targets of sole-owned and 正文-only measures, with the plan's 合计, header and district target alongside.
with allocations as (
    select * from {{ ref('stg_plan__allocations') }}
),

assignments as (
    select * from {{ ref('int_reporting_assignments') }}
),

annex2_totals as (
    select * from {{ ref('stg_plan__annex2_targets') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

units as (
    select * from {{ ref('stg_plan__units') }}
),

annex2_cells as (
    select
        plan_year,
        measure_code,
        unit_code,
        allocated_value as target_value,
        is_allocated,
        'annex2' as basis,
        column_no,
        cell_text,
        source
    from allocations
),

other_assignments as (
    select
        plan_year,
        measure_code,
        unit_code,
        target_value,
        true as is_allocated,
        basis,
        cast(null as integer) as column_no,
        cast(null as varchar) as cell_text,
        source
    from assignments
    where basis != 'annex2'
),

targets as (
    select * from annex2_cells
    union all
    select * from other_assignments
)

select
    targets.plan_year,
    targets.measure_code,
    targets.unit_code,
    units.unit_name,
    targets.target_value,
    targets.is_allocated,
    targets.basis,
    targets.column_no,
    targets.cell_text,
    coalesce(measure_total.target_value, column_total.target_value) as annex2_total,
    case
        when measure_total.target_value is not null then 'measure'
        when column_total.target_value is not null then 'column'
    end as annex2_total_scope,
    coalesce(measure_header.target_value, column_header.target_value) as annex2_header,
    indicators.district_target,
    indicators.challenge_value,
    targets.source
from targets
inner join indicators on targets.plan_year = indicators.plan_year and targets.measure_code = indicators.measure_code
left join units on targets.plan_year = units.plan_year and targets.unit_code = units.unit_code
left join annex2_totals as measure_total
    on measure_total.value_kind = 'total' and targets.plan_year = measure_total.plan_year
    and targets.measure_code = measure_total.measure_code
left join annex2_totals as column_total
    on column_total.plan_year = targets.plan_year and column_total.value_kind = 'total' and column_total.measure_code is null and targets.column_no = column_total.column_no
left join annex2_totals as measure_header
    on measure_header.plan_year = targets.plan_year and measure_header.value_kind = 'header' and targets.measure_code = measure_header.measure_code
left join annex2_totals as column_header
    on column_header.plan_year = targets.plan_year and column_header.value_kind = 'header' and column_header.measure_code is null and targets.column_no = column_header.column_no
