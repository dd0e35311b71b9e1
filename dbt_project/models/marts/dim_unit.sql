with units as (
    select * from {{ ref('stg_plan__units') }}
),

aliases as (
    select
        unit_code,
        string_agg(alias, '；' order by alias) as aliases
    from {{ ref('stg_plan__unit_aliases') }}
    group by unit_code
),

assignments as (
    select
        unit_code,
        count(*) as assigned_measures
    from {{ ref('int_reporting_assignments') }}
    group by unit_code
)

select
    units.unit_code,
    units.unit_name,
    units.unit_type,
    units.annex2_row,
    units.annex2_row is not null as is_in_annex2,
    row_number() over (order by units.annex2_row nulls last, units.unit_code) as display_order,
    coalesce(assignments.assigned_measures, 0) > 0 as is_submitting,
    coalesce(assignments.assigned_measures, 0) as assigned_measures,
    aliases.aliases,
    units.source
from units
left join aliases on units.unit_code = aliases.unit_code
left join assignments on units.unit_code = assignments.unit_code
