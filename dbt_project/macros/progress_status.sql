{#- Scoring, shared by the unit scorecard and district progress. Each rule is one sentence in the
    README's analyst section, and each status is a row of the score_statuses seed (its group,
    colour and order). The macros read a row with the columns progress_basis, target_value,
    challenge_value, ytd_value, completion_pct, expected_pct, tolerance_points, is_year_end,
    has_report and is_held_back (an outlier not yet confirmed, int_value_outliers); score_rag also reads status, status_group, rag_default and gap_points. -#}

{# The basis of one target: small count targets are one-off milestones, others keep the measure's. #}
{% macro scoring_basis(measure_basis, kind, target) -%}
    case
        when {{ measure_basis }} = 'elapsed' and {{ kind }} = 'count' and {{ target }} < {{ var('milestone_below_target') }}
            then 'milestone'
        else {{ measure_basis }}
    end
{%- endmacro %}

{# Share of the annual target expected by the month: month/12 for flows, all of it for stocks,
   nothing before a milestone's planned month and all of it from then; rates have none. #}
{% macro expected_pct(basis, elapsed_share, month, planned_month) -%}
    case {{ basis }}
        when 'rate' then null
        when 'level' then 100.0
        when 'milestone' then case when {{ month }} >= {{ planned_month }} then 100.0 else 0.0 end
        else round(100.0 * {{ elapsed_share }}, 1)
    end
{%- endmacro %}

{# Completion in percent of the target; a rate is never a share of its target. #}
{% macro completion_pct(basis, value, target) -%}
    case when {{ basis }} != 'rate' and {{ target }} > 0 then round(100.0 * {{ value }} / {{ target }}, 1) end
{%- endmacro %}

{# Points behind (negative) or ahead: a rate against its target, a share against the expected one. #}
{% macro gap_points(basis, value, target, completion, expected) -%}
    case when {{ basis }} = 'rate' then round({{ value }} - {{ target }}, 1) else round({{ completion }} - {{ expected }}, 1) end
{%- endmacro %}

{% macro score_status() -%}
    case
        when ytd_value is null and has_report then '待补报'
        when ytd_value is null then '未报送'
        when is_held_back then '待核实'
        when progress_basis = 'rate' then
            case
                when ytd_value >= challenge_value then '达到挑战值'
                when ytd_value >= target_value then '达到目标'
                else '未达目标'
            end
        when completion_pct >= 100 then '完成'
        when is_year_end then '未完成'
        -- nothing done yet is never on schedule once something is expected
        when ytd_value <= 0 and expected_pct > 0 then '低于序时进度'
        when completion_pct >= expected_pct - tolerance_points then '达到序时进度'
        else '低于序时进度'
    end
{%- endmacro %}

{# green: met or on track; grey: not scored; behind: yellow up to red_gap_points (a rate: up to
   rate_red_gap_points) behind, red further behind; 未完成 at year end is red. #}
{% macro score_rag() -%}
    case
        when rag_default is not null then rag_default
        when progress_basis = 'rate' and gap_points >= -{{ var('rate_red_gap_points') }} then 'yellow'
        when progress_basis != 'rate' and gap_points >= -{{ var('red_gap_points') }} then 'yellow'
        else 'red'
    end
{%- endmacro %}

{# Counts of scored rows by status group, for a grouped select: <prefix>_done (met), _on_track,
   _behind (and its yellow and red parts), _to_verify (待核实), _not_reported and _to_resubmit (待补报). #}
{% macro count_by_status(prefix) -%}
    count(*) filter (where status_group = 'met') as {{ prefix }}_done,
    count(*) filter (where status_group = 'on_track') as {{ prefix }}_on_track,
    count(*) filter (where status_group = 'behind') as {{ prefix }}_behind,
    count(*) filter (where status_group = 'behind' and rag = 'yellow') as {{ prefix }}_behind_yellow,
    count(*) filter (where status_group = 'behind' and rag = 'red') as {{ prefix }}_behind_red,
    count(*) filter (where status_group = 'to_verify') as {{ prefix }}_to_verify,
    count(*) filter (where status_group = 'not_reported') as {{ prefix }}_not_reported,
    count(*) filter (where status_group = 'to_resubmit') as {{ prefix }}_to_resubmit
{%- endmacro %}

{# A number as a clerk would write it in a sentence: 15000, 2.5 (no trailing .0). #}
{% macro plain_number(value) -%}
    regexp_replace(cast(round({{ value }}, 4) as varchar), '\.0+$', '')
{%- endmacro %}
