-- One row per month: the counts the bulletin's headline quotes (measures by status, units behind,
-- submissions by status, deliverables done), so the sentences and an analyst's SQL agree.
with district as (
    select * from {{ ref('mart_district_progress') }}
),

units as (
    select * from {{ ref('mart_bulletin_unit_status') }}
),

deliverables as (
    select * from {{ ref('mart_deliverable_status') }}
),

-- every item the plan names, including those it gives no owning unit (not tracked monthly)
named as (
    select
        plan_year,
        count(*) as deliverables_total,
        count(*) filter (where not has_owning_unit) as deliverables_no_owner
    from {{ ref('dim_deliverable') }}
    group by plan_year
),

files as (
    select * from {{ ref('fct_submission') }}
),

measure_counts as (
    select
        period,
        count(*) as measures_total,
        count(*) filter (where aggregation = 'not_aggregated') as measures_not_aggregated,
        -- rates split across units without a district figure (无全区数) are counted apart
        {{ count_by_status('measures') }}
    from district
    group by period
),

unit_counts as (
    select
        period,
        count(*) as units_expected,
        count(*) filter (where submission_status = 'on_time') as units_on_time,
        count(*) filter (where is_excused) as units_excused,
        count(*) filter (where submission_status = 'late') as units_late,
        count(*) filter (where submission_status = 'rejected') as units_rejected,
        count(*) filter (where submission_status = 'returned') as units_returned,
        count(*) filter (where submission_status = 'missing') as units_missing,
        count(*) filter (where submission_status = 'not_due') as units_not_due,
        count(*) filter (where needs_chasing) as units_to_chase,
        count(*) filter (where measures_behind > 0) as units_behind,
        count(*) filter (where measures_behind_red > 0) as units_behind_red
    from units
    group by period
),

deliverable_counts as (
    select
        period,
        count(*) as deliverables_tracked,
        count(*) filter (where is_done) as deliverables_done,
        count(*) filter (where status_code is null) as deliverables_not_reported
    from deliverables
    group by period
),

file_counts as (
    select
        folder_period as period,
        count(*) as files_received,
        count(*) filter (where status = 'rejected') as files_rejected
    from files
    group by folder_period
)

select
    periods.period,
    periods.plan_year,
    periods.period_label,
    periods.month,
    periods.due_date,
    coalesce(measure_counts.measures_total, 0) as measures_total,
    coalesce(measure_counts.measures_not_aggregated, 0) as measures_not_aggregated,
    coalesce(measure_counts.measures_done, 0) as measures_done,
    coalesce(measure_counts.measures_on_track, 0) as measures_on_track,
    coalesce(measure_counts.measures_behind, 0) as measures_behind,
    coalesce(measure_counts.measures_behind_red, 0) as measures_behind_red,
    coalesce(measure_counts.measures_not_reported, 0) as measures_not_reported,
    coalesce(measure_counts.measures_to_verify, 0) as measures_to_verify,
    coalesce(measure_counts.measures_to_resubmit, 0) as measures_to_resubmit,
    coalesce(unit_counts.units_expected, 0) as units_expected,
    coalesce(unit_counts.units_on_time, 0) as units_on_time,
    coalesce(unit_counts.units_excused, 0) as units_excused,
    coalesce(unit_counts.units_late, 0) as units_late,
    coalesce(unit_counts.units_rejected, 0) as units_rejected,
    coalesce(unit_counts.units_returned, 0) as units_returned,
    coalesce(unit_counts.units_missing, 0) as units_missing,
    coalesce(unit_counts.units_not_due, 0) as units_not_due,
    coalesce(unit_counts.units_to_chase, 0) as units_to_chase,
    coalesce(unit_counts.units_behind, 0) as units_behind,
    coalesce(unit_counts.units_behind_red, 0) as units_behind_red,
    named.deliverables_total,
    named.deliverables_no_owner,
    coalesce(deliverable_counts.deliverables_tracked, 0) as deliverables_tracked,
    coalesce(deliverable_counts.deliverables_done, 0) as deliverables_done,
    coalesce(deliverable_counts.deliverables_not_reported, 0) as deliverables_not_reported,
    coalesce(file_counts.files_received, 0) as files_received,
    coalesce(file_counts.files_rejected, 0) as files_rejected,
    {{ var('on_track_tolerance_points') }} as on_track_tolerance_points,
    {{ var('red_gap_points') }} as red_gap_points
from {{ ref('dim_period') }} as periods
inner join unit_counts on periods.period = unit_counts.period
left join measure_counts on periods.period = measure_counts.period
left join deliverable_counts on periods.period = deliverable_counts.period
left join named on periods.plan_year = named.plan_year
left join file_counts on periods.period = file_counts.period
