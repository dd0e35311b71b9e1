-- Which file counts for each unit and month. Files are numbered per unit and month in the order
-- they arrived (first seen by a refresh, then modification time: a correction saved with an old
-- clock still comes after the file it corrects); the latest accepted one is current.
-- A duplicate (same bytes as an earlier file) is not a new version. A file the office returned
-- (退回, its standing review) does not count: the month falls back to the unit's previous
-- accepted file, if any.
with files as (
    select * from {{ ref('stg_raw__files') }}
    where status != 'duplicate'
),

returned as (
    select file_id
    from {{ ref('int_office_decisions') }}
    where is_standing and kind = 'return'
),

versioned as (
    select
        files.file_id,
        files.unit_code,
        files.period,
        files.status,
        returned.file_id is not null as is_returned,
        case when files.unit_code is not null then
            row_number() over (
                partition by files.unit_code, files.period order by files.ingested_at, files.received_at, files.file_id
            )
        end as version
    from files
    left join returned on files.file_id = returned.file_id
),

accepted as (
    select
        file_id,
        unit_code,
        period,
        row_number() over (partition by unit_code, period order by version desc) as recency,
        lead(file_id) over (partition by unit_code, period order by version) as superseded_by
    from versioned
    where status in ('accepted', 'accepted_with_warnings') and unit_code is not null and not is_returned
)

select
    versioned.file_id,
    versioned.version,
    coalesce(accepted.recency = 1, false) as is_current,
    coalesce(accepted.recency > 1, false) as is_superseded,
    accepted.superseded_by,
    versioned.is_returned
from versioned
left join accepted on versioned.file_id = accepted.file_id
