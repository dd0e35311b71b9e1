{#
    The current version of one plan table for every loaded plan year, as text: the plans
    directory (TINENG_PLANS_DIR, orchestration/plans/store.py) holds <year>/v<n>/tables/<name>.csv,
    and each year's current version is its highest, read from the versions' version.json (a
    later version may have no rows in a table). The staging models give the columns their types.
#}
{% macro plan_table(name) -%}
(
    select tables.*
    from read_csv(
        '{{ env_var("TINENG_PLANS_DIR") }}/*/v*/tables/{{ name }}.csv',
        header = true, all_varchar = true, union_by_name = true
    ) as tables
    inner join (
        select plan_year::varchar as plan_year, max(version)::varchar as plan_version
        from read_json(
            '{{ env_var("TINENG_PLANS_DIR") }}/*/v*/version.json',
            columns = {plan_year: 'INTEGER', version: 'INTEGER'}
        )
        group by plan_year
    ) as current_versions using (plan_year, plan_version)
)
{%- endmacro %}
