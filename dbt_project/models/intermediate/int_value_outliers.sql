-- Values the outlier rules hold back (待核实), period × unit × measure, one row with every rule
-- that fired and why, and whether the office confirmed the value as it stands:
--   uom_slip         an amount in 亿元 at least 100× its target that is plausible divided by
--                    10,000 (typed in 万元), or a percentage at least 20× its target that is
--                    plausible divided by 100 (typed ×100); plausible: within outlier_target_multiple;
--   far_above_target the year-to-date is more than outlier_target_multiple× the annual target;
--   month_jump       a flow's month figure is more than outlier_jump_multiple× the largest month
--                    of the unit's own earlier months, and at least half the annual target.
-- A confirmation counts for the same unit, month, measure and value: a resubmission with another
-- value is checked again.
with progress as (
    select * from {{ ref('fct_progress') }}
    where ytd_value is not null
),

targets as (
    select * from {{ ref('fct_target') }}
    where is_allocated and target_value > 0
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

history as (
    select
        progress.*,
        max(abs(progress.month_value)) over (
            partition by progress.plan_year, progress.unit_code, progress.measure_code
            order by progress.period rows between unbounded preceding and 1 preceding
        ) as earlier_month_max
    from progress
),

measured as (
    select
        history.period,
        history.unit_code,
        history.measure_code,
        indicators.uom,
        indicators.progress_basis,
        targets.target_value,
        history.month_value,
        history.ytd_value,
        history.earlier_month_max,
        history.ytd_value / targets.target_value as target_ratio,
        history.file_id,
        history.sheet,
        history.row_no
    from history
    inner join targets
        on history.plan_year = targets.plan_year
        and history.unit_code = targets.unit_code
        and history.measure_code = targets.measure_code
    inner join indicators
        on history.plan_year = indicators.plan_year and history.measure_code = indicators.measure_code
),

rules as (
    select
        *,
        -- far too large as typed, plausible once divided by the slip's factor
        (uom = '亿元' and target_ratio >= 100 and target_ratio / 10000 <= {{ var('outlier_target_multiple') }})
        or (uom = '%' and target_ratio >= 20 and target_ratio / 100 <= {{ var('outlier_target_multiple') }})
            as is_uom_slip,
        target_ratio > {{ var('outlier_target_multiple') }} as is_far_above_target,
        progress_basis = 'elapsed'
            and earlier_month_max > 0
            and month_value > {{ var('outlier_jump_multiple') }} * earlier_month_max
            and month_value >= target_value / 2 as is_month_jump
    from measured
),

flagged as (
    select
        *,
        concat_ws(
            '；',
            case when is_uom_slip and uom = '亿元' then
                '累计 ' || {{ plain_number('ytd_value') }} || ' 是年度目标 ' || {{ plain_number('target_value') }}
                || ' 亿元的 ' || {{ plain_number('round(target_ratio)') }} || ' 倍，疑为按万元填报（即 '
                || {{ plain_number('ytd_value / 10000') }} || ' 亿元）'
            end,
            case when is_uom_slip and uom = '%' then
                '累计 ' || {{ plain_number('ytd_value') }} || ' 是目标 ' || {{ plain_number('target_value') }}
                || '% 的 ' || {{ plain_number('round(target_ratio)') }} || ' 倍，疑为百分数多乘了100（即 '
                || {{ plain_number('ytd_value / 100') }} || '%）'
            end,
            case when is_far_above_target and not is_uom_slip then
                '累计 ' || {{ plain_number('ytd_value') }} || ' 是年度目标 ' || {{ plain_number('target_value') }} || ' 的 ' || {{ plain_number('round(target_ratio, 1)') }}
                || ' 倍（超过 {{ var("outlier_target_multiple") }} 倍）'
            end,
            case when is_month_jump then
                '本月 ' || {{ plain_number('month_value') }} || ' 是此前各月最大值 ' || {{ plain_number('earlier_month_max') }} || ' 的 '
                || {{ plain_number('round(month_value / earlier_month_max, 1)') }} || ' 倍'
            end
        ) as reason_zh,
        concat_ws(
            ',',
            case when is_uom_slip then 'uom_slip' end,
            case when is_far_above_target and not is_uom_slip then 'far_above_target' end,
            case when is_month_jump then 'month_jump' end
        ) as rules
    from rules
    where is_uom_slip or is_far_above_target or is_month_jump
),

confirmations as (
    select
        unit_code,
        period,
        measure_code,
        ytd_value,
        max(confirmed_at) as confirmed_at,
        arg_max(reason, confirmed_at) as confirmation_reason
    from {{ ref('stg_raw__value_confirmations') }}
    group by all
)

select
    flagged.period,
    flagged.unit_code,
    flagged.measure_code,
    flagged.target_value,
    flagged.month_value,
    flagged.ytd_value,
    flagged.rules,
    flagged.reason_zh,
    flagged.file_id,
    flagged.sheet,
    flagged.row_no,
    confirmations.confirmed_at is not null as is_confirmed,
    confirmations.confirmed_at,
    confirmations.confirmation_reason
from flagged
left join confirmations
    on flagged.unit_code = confirmations.unit_code
    and flagged.period = confirmations.period
    and flagged.measure_code = confirmations.measure_code
    and flagged.ytd_value = confirmations.ytd_value
