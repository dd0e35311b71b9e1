with source as (
    select * from {{ source('raw', 'file_messages') }}
)

select
    file_id,
    seq,
    severity,
    code,
    sheet,
    row_no,
    column_ref,
    message_zh,
    message_en
from source
