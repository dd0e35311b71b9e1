with source as (
    select * from {{ source('raw', 'sheet_totals') }}
)

select
    file_id,
    sheet,
    row_no,
    month_value,
    ytd_value
from source
