select
    status,
    status_zh,
    rag,
    chart_colour,
    needs_chasing,
    action_zh,
    display_order,
    rule
from {{ ref('submission_statuses') }}
