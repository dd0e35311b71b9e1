select
    code,
    rule,
    chosen_source,
    chosen_value,
    confirmed_by,
    confirmed_on,
    note
from {{ ref('plan_confirmations') }}
