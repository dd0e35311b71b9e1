-- The months of every loaded plan year. 序时进度 (the share of the year elapsed) is month / 12:
-- by the end of June half of an annual target is expected. The tolerance of 达到序时进度 narrows
-- as the year ends, and the last month is the year end, where below target is 未完成.
-- A month the office locked (its latest lock or reopen is a lock) takes no more uploads.
with plan_years as (
    select distinct plan_year from {{ ref('stg_plan__measures') }}
),

months as (
    select
        make_date(plan_years.plan_year, month_no, 1) as first_day
    from plan_years
    cross join range(1, 13) as months(month_no)
),

locks as (
    select * from {{ ref('int_office_decisions') }}
    where is_standing and kind = 'lock'
)

select
    strftime(months.first_day, '%Y-%m') as period,
    year(months.first_day) as year,
    year(months.first_day) as plan_year,
    quarter(months.first_day) as quarter,
    month(months.first_day) as month,
    months.first_day,
    last_day(months.first_day) as last_day,
    cast(months.first_day + interval 1 month + to_days({{ var('submission_due_day') }} - 1) as date) as due_date,
    round(month(months.first_day) / 12.0, 6) as elapsed_share,
    -- 达到序时进度 allows this many points behind: the full tolerance in January, 0 in December
    round({{ var('on_track_tolerance_points') }} * (12 - month(months.first_day)) / 11.0, 1) as tolerance_points,
    month(months.first_day) = 12 as is_year_end,
    strftime(months.first_day, '%Y年%-m月') as period_label,
    locks.decision_id is not null as is_locked,
    locks.decided_by as locked_by,
    locks.decided_at as locked_at
from months
left join locks on strftime(months.first_day, '%Y-%m') = locks.period
