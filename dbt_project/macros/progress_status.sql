{# Status against 序时进度 (elapsed share of the year), shared by the unit and district marts. #}
{% macro progress_status(completion, expected) -%}
    case
        when {{ completion }} is null then '未报送'
        when {{ completion }} >= 100 then '完成'
        when {{ completion }} >= {{ expected }} - {{ var('on_track_tolerance_points') }} then '达到序时进度'
        else '低于序时进度'
    end
{%- endmacro %}

{# green: done or on track; yellow: behind by up to red_gap_points; red: further behind; grey: no report. #}
{% macro status_colour(status, completion, expected) -%}
    case
        when ({{ status }}) = '未报送' then 'grey'
        when ({{ status }}) in ('完成', '达到序时进度') then 'green'
        when {{ completion }} >= {{ expected }} - {{ var('red_gap_points') }} then 'yellow'
        else 'red'
    end
{%- endmacro %}

{# Counts of scorecard rows by status, for a grouped select: <prefix>_done, _on_track, _behind (and
   its yellow and red parts) and _not_reported. #}
{% macro count_by_status(prefix) -%}
    count(*) filter (where status = '完成') as {{ prefix }}_done,
    count(*) filter (where status = '达到序时进度') as {{ prefix }}_on_track,
    count(*) filter (where status = '低于序时进度') as {{ prefix }}_behind,
    count(*) filter (where status = '低于序时进度' and rag = 'yellow') as {{ prefix }}_behind_yellow,
    count(*) filter (where status = '低于序时进度' and rag = 'red') as {{ prefix }}_behind_red,
    count(*) filter (where status = '未报送') as {{ prefix }}_not_reported
{%- endmacro %}
