-- One row per file in the registry: every file ever received, with its status, version,
-- whether it is the current submission of its unit and month, and the office's review of it
-- (接收 / 退回: the standing accept or return, by whom, when, why).
with files as (
    select * from {{ ref('stg_raw__files') }}
),

versions as (
    select * from {{ ref('int_submission_versions') }}
),

message_counts as (
    select
        file_id,
        count(*) filter (where severity = 'error') as error_count,
        count(*) filter (where severity = 'warning') as warning_count
    from {{ ref('stg_raw__file_messages') }}
    group by file_id
),

periods as (
    select * from {{ ref('dim_period') }}
),

reviews as (
    select * from {{ ref('int_office_decisions') }}
    where is_standing and decision_group = 'file'
)

select
    files.file_id,
    files.path,
    files.file_name,
    files.folder_period,
    files.period,
    files.unit_code,
    units.unit_name,
    files.unit_as_written,
    files.status,
    case files.status
        when 'accepted' then '已接收'
        when 'accepted_with_warnings' then '已接收（有提示）'
        when 'rejected' then '已拒收'
        when 'duplicate' then '重复文件'
    end as status_zh,
    files.status in ('accepted', 'accepted_with_warnings') as is_accepted,
    files.received_at,
    periods.due_date,
    cast(files.received_at as date) > periods.due_date as is_late,
    greatest(date_diff('day', periods.due_date, cast(files.received_at as date)), 0) as days_late,
    versions.version,
    coalesce(versions.is_current, false) as is_current,
    coalesce(versions.is_superseded, false) as is_superseded,
    versions.superseded_by,
    case reviews.kind when 'accept' then 'accepted' when 'return' then 'returned' end as review_state,
    case reviews.kind when 'accept' then '接收' when 'return' then '退回' end as review_state_zh,
    reviews.decided_by as reviewed_by,
    reviews.decided_at as reviewed_at,
    reviews.reason as review_reason,
    coalesce(versions.is_returned, false) as is_returned,
    files.duplicate_of,
    coalesce(message_counts.error_count, 0) as error_count,
    coalesce(message_counts.warning_count, 0) as warning_count,
    files.template_version,
    files.channel,
    files.is_demo,
    files.sha256,
    files.size_bytes,
    files.ingested_at
from files
left join versions on files.file_id = versions.file_id
left join message_counts on files.file_id = message_counts.file_id
left join periods on files.period = periods.period
left join reviews on files.file_id = reviews.file_id
left join {{ ref('dim_unit') }} as units on files.unit_code = units.unit_code
