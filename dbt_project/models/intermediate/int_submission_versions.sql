-- Which file counts for each unit and month. Files are numbered per unit and month in the order
-- they arrived (first seen by a refresh, then modification time: a correction saved with an old
-- clock still comes after the file it corrects); the latest accepted one is current.
-- A duplicate (same bytes as an earlier file) is not a new version.
with files as (
    select * from {{ ref('stg_raw__files') }}
    where status != 'duplicate'
),

versioned as (
    select
        file_id,
        unit_code,
        period,
        status,
        ingested_at,
        received_at,
        case when unit_code is not null then
            row_number() over (partition by unit_code, period order by ingested_at, received_at, file_id)
        end as version
    from files
),

accepted as (
    select
        file_id,
        unit_code,
        period,
        row_number() over (partition by unit_code, period order by version desc) as recency,
        lead(file_id) over (partition by unit_code, period order by version) as superseded_by
    from versioned
    where status in ('accepted', 'accepted_with_warnings') and unit_code is not null
)

select
    versioned.file_id,
    versioned.version,
    coalesce(accepted.recency = 1, false) as is_current,
    coalesce(accepted.recency > 1, false) as is_superseded,
    accepted.superseded_by
from versioned
left join accepted on versioned.file_id = accepted.file_id
