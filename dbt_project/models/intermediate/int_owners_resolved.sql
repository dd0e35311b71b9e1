-- Owners with group references (各街道办, 各产业办) expanded to their member units, per plan year.
-- unit_code is null where unit_ref names neither a unit nor a group: the owner checks report it.
with owners as (
    select * from {{ ref('stg_plan__owners') }}
),

units as (
    select * from {{ ref('stg_plan__units') }}
),

unit_groups as (
    select * from {{ ref('stg_plan__unit_groups') }}
),

direct_units as (
    select
        owners.*,
        units.unit_code,
        cast(null as varchar) as via_group
    from owners
    inner join units on owners.plan_year = units.plan_year and owners.unit_ref = units.unit_code
),

group_members as (
    select
        owners.*,
        units.unit_code,
        unit_groups.group_name as via_group
    from owners
    inner join unit_groups
        on owners.plan_year = unit_groups.plan_year and owners.unit_ref = unit_groups.group_code
    inner join units
        on owners.plan_year = units.plan_year and units.unit_type = unit_groups.member_unit_type
),

unresolved as (
    select
        owners.*,
        cast(null as varchar) as unit_code,
        cast(null as varchar) as via_group
    from owners
    where (owners.plan_year, owners.unit_ref) not in (select (plan_year, unit_code) from units)
      and (owners.plan_year, owners.unit_ref) not in (select (plan_year, group_code) from unit_groups)
)

select * from direct_units
union all
select * from group_members
union all
select * from unresolved
