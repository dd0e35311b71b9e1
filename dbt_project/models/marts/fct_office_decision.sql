-- Every decision of the office (科经局) from the portal, in the order made, in Chinese: accept or
-- return a file, excuse a unit's late month, lock or reopen a month; and whether it still stands
-- (the latest decision of its group on the same file, unit-month or month).
with decisions as (
    select * from {{ ref('int_office_decisions') }}
)

select
    decisions.decision_id,
    decisions.kind,
    case decisions.kind
        when 'accept' then '接收'
        when 'return' then '退回'
        when 'excuse' then '逾期已说明'
        when 'lock' then '锁定月份'
        when 'reopen' then '重新开放月份'
    end as kind_zh,
    decisions.period,
    periods.period_label,
    decisions.unit_code,
    units.unit_name,
    decisions.file_id,
    files.file_name,
    decisions.reason,
    decisions.decided_by,
    decisions.decided_at,
    decisions.is_standing
from decisions
left join {{ ref('dim_period') }} as periods on decisions.period = periods.period
left join {{ ref('dim_unit') }} as units on decisions.unit_code = units.unit_code
left join {{ ref('stg_raw__files') }} as files on decisions.file_id = files.file_id
