-- Submission compliance, unit × month, for every unit that reports and every month up to the
-- latest month with files: on time, late (first accepted file after the due date), rejected
-- (files came, none accepted), missing, or not yet due.
with units as (
    select * from {{ ref('dim_unit') }}
    where is_submitting
),

periods as (
    select * from {{ ref('dim_period') }}
    -- the months whose folders hold files: what a rejected file typed never moves them
    where period <= (select max(folder_period) from {{ ref('stg_raw__files') }})
),

submissions as (
    select * from {{ ref('fct_submission') }}
    where status != 'duplicate' and unit_code is not null
),

per_unit_month as (
    select
        unit_code,
        period,
        count(*) as files_received,
        count(*) filter (where status = 'rejected') as files_rejected,
        min(received_at) as first_received_at,
        min(received_at) filter (where status != 'rejected') as first_accepted_at,
        any_value(file_id) filter (where is_current) as current_file_id,
        count(*) filter (where status != 'rejected') > 1 as has_correction
    from submissions
    group by all
),

classified as (
    select
        periods.period,
        periods.period_label,
        periods.due_date,
        units.unit_code,
        units.unit_name,
        units.unit_type,
        coalesce(per_unit_month.files_received, 0) as files_received,
        coalesce(per_unit_month.files_rejected, 0) as files_rejected,
        per_unit_month.first_received_at,
        per_unit_month.first_accepted_at,
        per_unit_month.current_file_id,
        coalesce(per_unit_month.has_correction, false) as has_correction,
        case
            when per_unit_month.first_accepted_at is not null
                and cast(per_unit_month.first_accepted_at as date) <= periods.due_date then 'on_time'
            when per_unit_month.first_accepted_at is not null then 'late'
            when per_unit_month.files_received > 0 then 'rejected'
            when periods.due_date < (select as_of_date from {{ source('raw', 'run_context') }}) then 'missing'
            else 'not_due'
        end as status
    from units
    cross join periods
    left join per_unit_month
        on units.unit_code = per_unit_month.unit_code
        and periods.period = per_unit_month.period
)

select
    classified.*,
    statuses.status_zh,
    statuses.rag,
    case when classified.status = 'late' then date_diff('day', classified.due_date, cast(classified.first_accepted_at as date)) end
        as days_late,
    statuses.needs_chasing,
    statuses.action_zh
from classified
inner join {{ ref('stg_plan__submission_statuses') }} as statuses on classified.status = statuses.status
