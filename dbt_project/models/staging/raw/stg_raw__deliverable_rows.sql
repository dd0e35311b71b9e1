with source as (
    select * from {{ source('raw', 'deliverable_rows') }}
)

select
    file_id,
    sheet,
    row_no,
    deliverable_code,
    deliverable_name,
    measure_code,
    status_code,
    status_as_written,
    note
from source
