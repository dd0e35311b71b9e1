{{ config(materialized='view') }}
-- 供BI工具使用的中文宽表：每行一个单位、一个指标、一个月份。A flat, Chinese-labelled progress view for BI tools.
select
    period as "月份",
    period_label as "月份名称",
    unit_name as "单位",
    unit_type as "单位类型",
    measure_code as "指标编码",
    measure_name as "指标名称",
    uom as "计量单位",
    target_value as "年度目标",
    month_value as "本月完成",
    ytd_value as "累计完成",
    case progress_basis
        when 'rate' then '比率（与目标比较）'
        when 'level' then '存量（与目标比较）'
        when 'milestone' then '按计划完成月份'
        else '按序时进度'
    end as "计分口径",
    planned_month as "计划完成月份",
    deliverables_status as "重点项目进展",
    completion_pct as "完成率(%)",
    expected_pct as "应完成(%)",
    gap_points as "差距(百分点)",
    status as "状态",
    rag as "预警颜色",
    rank_in_measure as "排名",
    unit_code as "单位编码"
from {{ ref('mart_unit_scorecard') }}
