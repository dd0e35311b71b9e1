select
    unit_code,
    period,
    measure_code,
    ytd_value,
    reason,
    confirmed_at
from {{ source('raw', 'value_confirmations') }}
