-- Submission compliance, unit × month, for every unit that reports and every month up to the
-- latest month with files: on time, late (first accepted file after the due date), returned (the
-- office returned what was accepted, nothing else counts), rejected (files came, none accepted),
-- missing, or not yet due. A file the office returned does not count; a late month the office
-- excused (逾期已说明) is on time, with the reason.
with units as (
    -- the units each plan year's plan gives something to report
    select
        dim_unit.*,
        submitting.plan_year
    from {{ ref('dim_unit') }} as dim_unit
    inner join (
        select distinct plan_year, unit_code from {{ ref('int_reporting_assignments') }}
    ) as submitting on dim_unit.unit_code = submitting.unit_code
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

excuses as (
    select * from {{ ref('int_office_decisions') }}
    where is_standing and kind = 'excuse'
),

-- the unit's latest returned file of the month, while no later file counts instead
latest_returns as (
    select
        unit_code,
        period,
        version,
        file_name,
        review_reason,
        reviewed_by,
        reviewed_at
    from submissions
    where is_returned
    qualify row_number() over (partition by unit_code, period order by version desc) = 1
),

per_unit_month as (
    select
        unit_code,
        period,
        count(*) as files_received,
        count(*) filter (where status = 'rejected') as files_rejected,
        count(*) filter (where is_returned) as files_returned,
        min(received_at) as first_received_at,
        min(received_at) filter (where status != 'rejected' and not is_returned) as first_accepted_at,
        any_value(file_id) filter (where is_current) as current_file_id,
        any_value(version) filter (where is_current) as current_version,
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
        coalesce(per_unit_month.files_returned, 0) as files_returned,
        per_unit_month.first_received_at,
        per_unit_month.first_accepted_at,
        per_unit_month.current_file_id,
        coalesce(per_unit_month.has_correction, false) as has_correction,
        cast(per_unit_month.first_accepted_at as date) > periods.due_date as came_late,
        excuses.decision_id is not null as has_excuse,
        case
            when per_unit_month.first_accepted_at is not null
                and (cast(per_unit_month.first_accepted_at as date) <= periods.due_date or excuses.decision_id is not null)
                then 'on_time'
            when per_unit_month.first_accepted_at is not null then 'late'
            when per_unit_month.files_returned > 0 then 'returned'
            when per_unit_month.files_received > 0 then 'rejected'
            when periods.due_date < (select as_of_date from {{ source('raw', 'run_context') }}) then 'missing'
            else 'not_due'
        end as status,
        excuses.reason as excuse_reason,
        excuses.decided_by as excused_by,
        excuses.decided_at as excused_at,
        latest_returns.version > coalesce(per_unit_month.current_version, 0) as has_pending_return,
        latest_returns.file_name as returned_file_name,
        latest_returns.review_reason as return_reason,
        latest_returns.reviewed_by as returned_by,
        latest_returns.reviewed_at as returned_at
    from units
    inner join periods on units.plan_year = periods.plan_year
    left join per_unit_month
        on units.unit_code = per_unit_month.unit_code
        and periods.period = per_unit_month.period
    left join excuses
        on units.unit_code = excuses.unit_code
        and periods.period = excuses.period
    left join latest_returns
        on units.unit_code = latest_returns.unit_code
        and periods.period = latest_returns.period
)

select
    classified.period,
    classified.period_label,
    classified.due_date,
    classified.unit_code,
    classified.unit_name,
    classified.unit_type,
    classified.files_received,
    classified.files_rejected,
    classified.files_returned,
    classified.first_received_at,
    classified.first_accepted_at,
    classified.current_file_id,
    classified.has_correction,
    classified.status,
    statuses.status_zh,
    statuses.rag,
    case when classified.came_late then date_diff('day', classified.due_date, cast(classified.first_accepted_at as date)) end
        as days_late,
    statuses.needs_chasing,
    statuses.action_zh,
    coalesce(classified.came_late and classified.has_excuse, false) as is_excused,
    case when classified.came_late then classified.excuse_reason end as excuse_reason,
    case when classified.came_late then classified.excused_by end as excused_by,
    case when classified.came_late then classified.excused_at end as excused_at,
    -- a returned file is news until a later file counts instead of it
    case when classified.has_pending_return then classified.returned_file_name end as returned_file_name,
    case when classified.has_pending_return then classified.return_reason end as return_reason,
    case when classified.has_pending_return then classified.returned_by end as returned_by,
    case when classified.has_pending_return then classified.returned_at end as returned_at
from classified
inner join {{ ref('stg_plan__submission_statuses') }} as statuses on classified.status = statuses.status
