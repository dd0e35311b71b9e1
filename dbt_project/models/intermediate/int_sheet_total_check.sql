-- A sheet's own 合计 row next to the sum of its detail rows (accepted files only).
with totals as (
    select * from {{ ref('stg_raw__sheet_totals') }}
),

details as (
    -- rates cannot be added up, so a sheet's 合计 covers its additive rows only
    select
        rows.file_id,
        rows.sheet,
        round(sum(rows.month_value), 4) as detail_month_sum,
        round(sum(rows.ytd_value), 4) as detail_ytd_sum
    from {{ ref('stg_raw__progress_rows') }} as rows
    inner join {{ ref('stg_raw__files') }} as row_files on rows.file_id = row_files.file_id
    inner join {{ ref('stg_plan__measures') }} as measures
        on measures.plan_year = cast(left(row_files.period, 4) as integer)
        and rows.measure_code = measures.measure_code
    where measures.is_additive
    group by all
),

files as (
    select * from {{ ref('stg_raw__files') }}
    where status in ('accepted', 'accepted_with_warnings')
)

select
    totals.file_id,
    files.file_name,
    files.unit_code,
    units.unit_name,
    files.period,
    totals.sheet,
    totals.row_no,
    round(totals.month_value, 4) as total_month,
    details.detail_month_sum,
    round(totals.ytd_value, 4) as total_ytd,
    details.detail_ytd_sum
from totals
inner join files on totals.file_id = files.file_id
left join details on totals.file_id = details.file_id and totals.sheet = details.sheet
left join {{ ref('dim_unit') }} as units on files.unit_code = units.unit_code
