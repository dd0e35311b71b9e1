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
