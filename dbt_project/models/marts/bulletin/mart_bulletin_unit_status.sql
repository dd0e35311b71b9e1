-- Each submitting unit's month at a glance, unit × month: its measures by status and whether its
-- report came in on time. The bulletin counts units behind from here; feedback shows the unit its row.
with scorecard as (
    select * from {{ ref('mart_unit_scorecard') }}
),

compliance as (
    select * from {{ ref('mart_submission_compliance') }}
),

measures as (
    select
        period,
        unit_code,
        count(*) as measures_total,
        {{ count_by_status('measures') }}
    from scorecard
    group by period, unit_code
)

select
    compliance.period,
    compliance.unit_code,
    compliance.unit_name,
    compliance.unit_type,
    coalesce(measures.measures_total, 0) as measures_total,
    coalesce(measures.measures_done, 0) as measures_done,
    coalesce(measures.measures_on_track, 0) as measures_on_track,
    coalesce(measures.measures_behind, 0) as measures_behind,
    coalesce(measures.measures_behind_yellow, 0) as measures_behind_yellow,
    coalesce(measures.measures_behind_red, 0) as measures_behind_red,
    coalesce(measures.measures_not_reported, 0) as measures_not_reported,
    coalesce(measures.measures_to_verify, 0) as measures_to_verify,
    coalesce(measures.measures_to_resubmit, 0) as measures_to_resubmit,
    coalesce(measures.measures_done + measures.measures_on_track, 0) as measures_green,
    coalesce(measures.measures_not_reported + measures.measures_to_verify + measures.measures_to_resubmit, 0)
        as measures_not_scored,
    compliance.status as submission_status,
    compliance.status_zh as submission_status_zh,
    compliance.days_late,
    compliance.needs_chasing,
    compliance.is_excused
from compliance
left join measures
    on compliance.period = measures.period
    and compliance.unit_code = measures.unit_code
