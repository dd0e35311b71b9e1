-- The office's decisions, each with the subject it decides on and whether it stands: for a file
-- (accept / return), a unit's month (excuse) or a month (lock / reopen), the latest decision of
-- its group stands; a later accept after a return re-instates the file.
with decisions as (
    select
        *,
        case
            when kind in ('accept', 'return') then 'file'
            when kind = 'excuse' then 'unit_month'
            else 'period'
        end as decision_group
    from {{ ref('stg_raw__office_decisions') }}
),

subjects as (
    select
        *,
        case decision_group
            when 'file' then file_id
            when 'unit_month' then unit_code || ' ' || period
            else period
        end as subject
    from decisions
)

select
    *,
    row_number() over (partition by decision_group, subject order by decision_id desc) = 1 as is_standing
from subjects
