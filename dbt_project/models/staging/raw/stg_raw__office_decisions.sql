select
    decision_id,
    kind,
    period,
    unit_code,
    file_id,
    reason,
    decided_by,
    decided_at
from {{ source('raw', 'office_decisions') }}
