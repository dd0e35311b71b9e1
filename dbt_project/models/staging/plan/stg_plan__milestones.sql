select
    measure_code,
    unit_code,
    planned_month,
    set_by,
    source
from {{ ref('plan_milestones') }}
