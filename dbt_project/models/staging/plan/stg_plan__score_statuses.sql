select
    status,
    status_en,
    status_group,
    rag_default,
    display_order,
    rule
from {{ ref('score_statuses') }}
