with source as (
    select * from {{ source('raw', 'progress_rows') }}
)

select
    file_id,
    sheet,
    row_no,
    measure_code,
    measure_as_written,
    month_value,
    ytd_value,
    month_text,
    ytd_text,
    note
from source
