with source as (
    select * from {{ source('raw', 'files') }}
)

select
    file_id,
    path,
    file_name,
    folder_period,
    sha256,
    size_bytes,
    -- received = the file's modification time, but never after the refresh first saw it (a file
    -- copied with a wrong clock must not stay "latest" for ever)
    least(received_at, ingested_at) as received_at,
    received_at as modified_at,
    ingested_at,
    status,
    duplicate_of,
    unit_code,
    unit_as_written,
    -- a rejected file counts for the month it was filed under (what it typed may be anything)
    case when status = 'rejected' then folder_period else coalesce(period, folder_period) end as period,
    period_as_written,
    template_version,
    channel,
    is_demo,
    ingest_run_id
from source
