-- Progress rows of the current submission of each unit and month, with the year-to-date value
-- the scorecard uses: the reported 累计; for flows without one, the running sum of the month
-- values. A rate or a stock without its 累计, or a flow with neither figure, has none
-- (ytd_source = 'missing': the scorecard's 待补报), never a guess.
with rows as (
    select * from {{ ref('stg_raw__progress_rows') }}
),

current_files as (
    select
        files.file_id,
        files.unit_code,
        files.period,
        files.received_at
    from {{ ref('stg_raw__files') }} as files
    inner join {{ ref('int_submission_versions') }} as versions on files.file_id = versions.file_id
    where versions.is_current
),

indicators as (
    select * from {{ ref('stg_plan__measures') }}
),

joined as (
    select
        current_files.period,
        cast(left(current_files.period, 4) as integer) as plan_year,
        current_files.unit_code,
        rows.measure_code,
        rows.month_value,
        rows.ytd_value as ytd_reported,
        rows.note,
        rows.file_id,
        rows.sheet,
        rows.row_no,
        current_files.received_at,
        indicators.progress_basis
    from rows
    inner join current_files on rows.file_id = current_files.file_id
    left join indicators
        on indicators.plan_year = cast(left(current_files.period, 4) as integer)
        and rows.measure_code = indicators.measure_code
)

select
    *,
    sum(month_value) over (
        partition by plan_year, unit_code, measure_code order by period rows between unbounded preceding and current row
    ) as month_value_running_sum,
    case
        when ytd_reported is not null then ytd_reported
        -- a rate or a stock is the reported 累计 itself: the month's figure is not it
        when progress_basis in ('rate', 'level') then null
        when month_value is null then null
        else sum(month_value) over (
            partition by plan_year, unit_code, measure_code order by period rows between unbounded preceding and current row
        )
    end as ytd_value,
    case
        when ytd_reported is not null then 'reported'
        when progress_basis in ('rate', 'level') or month_value is null then 'missing'
        else 'sum_of_months'
    end as ytd_source
from joined
