-- Unit scorecard, unit × measure × month: annual target, year-to-date, and the score by the
-- target's basis (macros/progress_status.sql): a rate against its target in points, a stock's
-- level against its target, a flow against the elapsed share of the year, a small count target
-- against its milestone; with status, colour and rank among the units sharing the measure.
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

milestones as (
    select * from {{ ref('stg_plan__milestones') }}
),

outliers as (
    select * from {{ ref('int_value_outliers') }}
),

-- the named projects behind a target, with the status their unit reported that month
deliverables as (
    select
        period,
        unit_code,
        measure_code,
        string_agg(deliverable_name || '：' || status_name, '；' order by deliverable_code) as deliverables_status
    from {{ ref('mart_deliverable_status') }}
    group by all
),

based as (
    select
        targets.plan_year,
        targets.unit_code,
        targets.measure_code,
        targets.target_value,
        {{ scoring_basis('indicators.progress_basis', 'indicators.kind', 'targets.target_value') }} as progress_basis,
        coalesce(unit_milestones.planned_month, measure_milestones.planned_month, 12) as planned_month
    from targets
    inner join indicators on targets.plan_year = indicators.plan_year and targets.measure_code = indicators.measure_code
    left join milestones as unit_milestones
        on targets.plan_year = unit_milestones.plan_year
        and targets.measure_code = unit_milestones.measure_code
        and targets.unit_code = unit_milestones.unit_code
    left join milestones as measure_milestones
        on targets.plan_year = measure_milestones.plan_year
        and targets.measure_code = measure_milestones.measure_code
        and measure_milestones.unit_code is null
),

valued as (
    select
        periods.period,
        periods.period_label,
        based.plan_year,
        based.unit_code,
        units.unit_name,
        units.unit_type,
        based.measure_code,
        indicators.measure_name,
        indicators.item_code,
        indicators.uom,
        indicators.kind,
        based.progress_basis,
        case when based.progress_basis = 'milestone' then based.planned_month end as planned_month,
        based.target_value,
        -- the plan gives challenge values for the district only
        cast(null as double) as challenge_value,
        progress.month_value,
        progress.ytd_value,
        progress.ytd_source,
        progress.file_id,
        deliverables.deliverables_status,
        progress.measure_code is not null as has_report,
        coalesce(not outliers.is_confirmed, false) as is_held_back,
        outliers.reason_zh as outlier_reason,
        periods.tolerance_points,
        periods.is_year_end,
        {{ completion_pct('based.progress_basis', 'progress.ytd_value', 'based.target_value') }} as completion_pct,
        {{ expected_pct('based.progress_basis', 'periods.elapsed_share', 'periods.month', 'based.planned_month') }}
            as expected_pct
    from based
    inner join periods on based.plan_year = periods.plan_year
    inner join indicators on based.plan_year = indicators.plan_year and based.measure_code = indicators.measure_code
    inner join units on based.unit_code = units.unit_code
    left join progress
        on based.unit_code = progress.unit_code
        and based.measure_code = progress.measure_code
        and periods.period = progress.period
    left join outliers
        on based.unit_code = outliers.unit_code
        and based.measure_code = outliers.measure_code
        and periods.period = outliers.period
    left join deliverables
        on based.unit_code = deliverables.unit_code
        and based.measure_code = deliverables.measure_code
        and periods.period = deliverables.period
),

classified as (
    select
        valued.*,
        {{ gap_points('progress_basis', 'ytd_value', 'target_value', 'completion_pct', 'expected_pct') }} as gap_points,
        {{ score_status() }} as status
    from valued
),

scored as (
    select
        classified.*,
        statuses.status_group,
        {{ score_rag() }} as rag,
        -- what ranks and what the bulletin's matrix shows: the rate itself, else the completion
        case when progress_basis = 'rate' then ytd_value else completion_pct end as score_value
    from classified
    inner join {{ ref('stg_plan__score_statuses') }} as statuses on classified.status = statuses.status
)

select
    * exclude (challenge_value, tolerance_points, is_year_end, has_report, is_held_back, score_value),
    has_report,
    is_held_back,
    score_value,
    case when status_group not in ('to_verify', 'to_resubmit', 'not_reported') then
        rank() over (
            partition by period, measure_code
            order by
                case when status_group not in ('to_verify', 'to_resubmit', 'not_reported') then score_value end
                desc nulls last
        )
    end as rank_in_measure,
    count(*) filter (where status_group not in ('to_verify', 'to_resubmit', 'not_reported'))
        over (partition by period, measure_code) as units_ranked
from scored
