-- One list of units across plan years: a unit keeps its code when renamed, and carries the name
-- of the latest plan year naming it; its earlier names resolve as aliases (dim_unit_alias).
-- Submitting and assigned measures are as of that latest plan year.
with named as (
    select
        *,
        min(plan_year) over (partition by unit_code) as first_plan_year
    from {{ ref('stg_plan__units') }}
    qualify plan_year = max(plan_year) over (partition by unit_code)
),

aliases as (
    select
        unit_code,
        string_agg(distinct alias, '；' order by alias) as aliases
    from {{ ref('dim_unit_alias') }}
    group by unit_code
),

assignments as (
    select
        plan_year,
        unit_code,
        count(*) as assigned_measures
    from {{ ref('int_reporting_assignments') }}
    group by plan_year, unit_code
)

select
    named.unit_code,
    named.unit_name,
    named.unit_type,
    named.annex2_row,
    named.annex2_row is not null as is_in_annex2,
    row_number() over (order by named.annex2_row nulls last, named.unit_code) as display_order,
    coalesce(assignments.assigned_measures, 0) > 0 as is_submitting,
    coalesce(assignments.assigned_measures, 0) as assigned_measures,
    named.first_plan_year,
    named.plan_year as last_plan_year,
    aliases.aliases,
    named.source
from named
left join aliases on named.unit_code = aliases.unit_code
left join assignments on named.plan_year = assignments.plan_year and named.unit_code = assignments.unit_code
