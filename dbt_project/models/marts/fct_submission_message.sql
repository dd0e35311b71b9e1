-- Every message about every file, located by sheet, row and column, for unit feedback.
select
    messages.file_id,
    messages.seq,
    files.unit_code,
    files.period,
    files.file_name,
    messages.severity,
    case messages.severity when 'error' then '错误' when 'warning' then '提示' else '说明' end as severity_zh,
    messages.code,
    messages.sheet,
    messages.row_no,
    messages.column_ref,
    messages.message_zh,
    messages.message_en
from {{ ref('stg_raw__file_messages') }} as messages
inner join {{ ref('stg_raw__files') }} as files on messages.file_id = files.file_id
