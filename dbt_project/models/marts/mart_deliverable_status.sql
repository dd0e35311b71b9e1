-- Named deliverables (projects, scenarios, parks, events) × month: the status the owning unit
-- reported in its current submission of that month.
with deliverables as (
    select * from {{ ref('dim_deliverable') }}
    where unit_code is not null
),

periods as (
    select * from {{ ref('dim_period') }}
    -- the months whose folders hold files: what a rejected file typed never moves them
    where period <= (select max(folder_period) from {{ ref('stg_raw__files') }})
),

reported as (
    select
        files.period,
        files.unit_code,
        rows.deliverable_code,
        rows.deliverable_name,
        rows.status_code,
        rows.note,
        rows.file_id
    from {{ ref('stg_raw__deliverable_rows') }} as rows
    inner join {{ ref('stg_raw__files') }} as files on rows.file_id = files.file_id
    inner join {{ ref('int_submission_versions') }} as versions on rows.file_id = versions.file_id
    where versions.is_current
),

matched as (
    select
        periods.period,
        deliverables.plan_year,
        deliverables.deliverable_code,
        any_value(reported.status_code) as status_code,
        any_value(reported.note) as note,
        any_value(reported.file_id) as file_id
    from deliverables
    inner join periods on deliverables.plan_year = periods.plan_year
    left join reported
        on periods.period = reported.period
        and deliverables.unit_code = reported.unit_code
        and (
            deliverables.deliverable_code = reported.deliverable_code
            or deliverables.deliverable_name = reported.deliverable_name
        )
    group by all
)

select
    matched.period,
    matched.plan_year,
    deliverables.deliverable_code,
    deliverables.deliverable_name,
    deliverables.measure_code,
    deliverables.measure_name,
    deliverables.unit_code,
    deliverables.unit_name,
    matched.status_code,
    coalesce(statuses.status_name, '未报告') as status_name,
    coalesce(statuses.is_done, false) as is_done,
    matched.note,
    matched.file_id
from matched
inner join deliverables
    on matched.plan_year = deliverables.plan_year and matched.deliverable_code = deliverables.deliverable_code
left join {{ ref('stg_plan__deliverable_statuses') }} as statuses on matched.status_code = statuses.status_code
