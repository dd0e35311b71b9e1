-- Units the lead office has to act on, unit × month: reports missing, rejected or returned by the
-- office (催报, needs chasing) and reports that came late (逾期提醒; an excused one is on time and
-- not listed), with the first error of a rejected file, the reason of a return, and how often the
-- unit has been late or chased this year up to the month.
with compliance as (
    select * from {{ ref('mart_submission_compliance') }}
),

history as (
    select
        period,
        unit_code,
        count(*) filter (where status = 'late') over unit_so_far as times_late_ytd,
        count(*) filter (where needs_chasing) over unit_so_far as times_chased_ytd
    from compliance
    window unit_so_far as (partition by unit_code order by period rows between unbounded preceding and current row)
),

latest_files as (
    select
        period,
        unit_code,
        file_id,
        file_name,
        row_number() over (partition by period, unit_code order by received_at desc, file_id) as recency
    from {{ ref('fct_submission') }}
    where unit_code is not null and status != 'duplicate'
),

first_errors as (
    select
        file_id,
        message_zh,
        row_number() over (partition by file_id order by seq) as position
    from {{ ref('fct_submission_message') }}
    where severity = 'error'
)

select
    compliance.period,
    compliance.unit_code,
    compliance.unit_name,
    compliance.unit_type,
    compliance.status,
    compliance.status_zh,
    compliance.rag,
    compliance.needs_chasing,
    compliance.action_zh,
    compliance.due_date,
    compliance.days_late,
    compliance.files_received,
    compliance.files_rejected,
    latest_files.file_name as latest_file_name,
    case when compliance.status = 'rejected' then first_errors.message_zh end as rejection_reason_zh,
    compliance.returned_file_name,
    compliance.return_reason,
    history.times_late_ytd,
    history.times_chased_ytd
from compliance
inner join history
    on compliance.period = history.period
    and compliance.unit_code = history.unit_code
left join latest_files
    on compliance.period = latest_files.period
    and compliance.unit_code = latest_files.unit_code
    and latest_files.recency = 1
left join first_errors
    on latest_files.file_id = first_errors.file_id
    and first_errors.position = 1
where compliance.status in ('missing', 'rejected', 'returned', 'late')
