-- Unit scorecard, unit × measure × month: annual target, year-to-date, completion against the
-- elapsed share of the year (序时进度), status and rank among the units sharing the measure.
with targets as (
    select * from {{ ref('fct_target') }}
    where is_allocated
),

periods as (
    select * from {{ ref('dim_period') }}
    -- the months whose folders hold files: what a rejected file typed never moves them
    where period <= (select max(folder_period) from {{ ref('stg_raw__files') }})
),

progress as (
    select * from {{ ref('fct_progress') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

units as (
    select * from {{ ref('dim_unit') }}
),

scored as (
    select
        periods.period,
        periods.period_label,
        targets.unit_code,
        units.unit_name,
        units.unit_type,
        targets.measure_code,
        indicators.measure_name,
        indicators.item_code,
        indicators.uom,
        indicators.kind,
        indicators.progress_basis,
        targets.target_value,
        progress.month_value,
        progress.ytd_value,
        progress.ytd_source,
        progress.file_id,
        progress.measure_code is not null as has_report,
        case when targets.target_value > 0 then round(100.0 * progress.ytd_value / targets.target_value, 1) end
            as completion_pct,
        case when indicators.progress_basis = 'level' then 100.0 else round(100.0 * periods.elapsed_share, 1) end
            as expected_pct
    from targets
    cross join periods
    inner join indicators on targets.measure_code = indicators.measure_code
    inner join units on targets.unit_code = units.unit_code
    left join progress
        on targets.unit_code = progress.unit_code
        and targets.measure_code = progress.measure_code
        and periods.period = progress.period
),

classified as (
    select
        *,
        round(completion_pct - expected_pct, 1) as gap_points,
        {{ progress_status('completion_pct', 'expected_pct') }} as status
    from scored
)

select
    *,
    {{ status_colour('status', 'completion_pct', 'expected_pct') }} as rag,
    case when completion_pct is not null then
        rank() over (partition by period, measure_code order by completion_pct desc nulls last)
    end as rank_in_measure,
    count(completion_pct) over (partition by period, measure_code) as units_ranked
from classified
