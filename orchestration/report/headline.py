"""The bulletin's 总体情况: a few sentences quoting mart_bulletin_summary and naming the units.

Every number in a sentence is a column of a mart row; this module only chooses the words and
which units to name. Shared by the page and the workbook so both say the same thing.
"""

from dataclasses import dataclass

from orchestration.checks import counts
from orchestration.report.data import Bulletin, Row


@dataclass(frozen=True)
class Headline:
    progress: str
    units: str
    submissions: str
    deliverables: str
    quality: str
    # The plan's own contradictions that carry numbers (a measure code): quoted in full.
    plan_numbers: list[str]
    # The ones the office has settled (口径确认): one line each, with the figure that counts.
    confirmed_numbers: list[str]

    @property
    def sentences(self) -> list[str]:
        return [self.progress, self.units, self.submissions, self.deliverables, self.quality]


def _names(rows: list[Row], limit: int = 8) -> str:
    names = [row["unit_name"] for row in rows]
    shown = "、".join(names[:limit])
    return shown + ("等" if len(names) > limit else "")


def build(bulletin: Bulletin) -> Headline:
    s = bulletin.summary
    label = bulletin.period_label
    rates = [r for r in bulletin.district if r["aggregation"] == "not_aggregated"]
    progress = (
        f"截至{label}，全区{s['measures_total']}项指标中，已完成年度目标{s['measures_done']}项，"
        f"达到序时进度{s['measures_on_track']}项，落后{s['measures_behind']}项"
        f"（其中红色预警{s['measures_behind_red']}项）"
    )
    if s["measures_to_verify"]:
        progress += f"，待核实{s['measures_to_verify']}项（数值疑似填错，未计入）"
    if s["measures_to_resubmit"]:
        progress += f"，待补报{s['measures_to_resubmit']}项"
    if s["measures_not_reported"]:
        progress += f"，无数据{s['measures_not_reported']}项"
    if rates:
        progress += (
            f"；{'、'.join(r['measure_name'] for r in rates)}分解到各单位考核，"
            "本月无全区数报送（全区增速不由各单位相加或平均），各单位情况见排名"
        )
    progress += "。"

    behind = [u for u in bulletin.unit_status if u["measures_behind"]]
    red = [u for u in bulletin.unit_status if u["measures_behind_red"]]
    units = f"{s['units_expected']}个报送单位中，{s['units_behind']}个单位有指标落后"
    if behind:
        units += f"（{_names(behind)}）"
    if s["units_behind_red"]:
        units += f"，其中{s['units_behind_red']}个单位有红色预警指标（{_names(red)}）"
    units += "。"

    late = [c for c in bulletin.chase if c["status"] == "late"]
    chase = [c for c in bulletin.chase if c["needs_chasing"]]
    excused = [c for c in bulletin.compliance if c["is_excused"]]
    returned = [c for c in bulletin.chase if c["status"] == "returned"]
    submissions = f"本月应报送{s['units_expected']}个单位，按时报送{s['units_on_time']}个"
    if excused:
        submissions += (
            "（其中"
            + "、".join(
                f"{c['unit_name']}逾期{c['days_late']}天已说明：{c['excuse_reason']}" for c in excused
            )
            + "）"
        )
    submissions += f"，逾期报送{s['units_late']}个"
    if late:
        submissions += "（" + "、".join(f"{c['unit_name']}逾期{c['days_late']}天" for c in late) + "）"
    submissions += f"，被拒收{s['units_rejected']}个"
    if returned:
        submissions += (
            f"，已退回{s['units_returned']}个（"
            + "、".join(f"{c['unit_name']}：{c['return_reason']}" for c in returned)
            + "）"
        )
    submissions += f"，未报送{s['units_missing']}个"
    if s["units_not_due"]:
        submissions += f"，未到截止日{s['units_not_due']}个"
    if chase:
        submissions += f"；需催报{s['units_to_chase']}个单位：{_names(chase)}。"
    else:
        submissions += "；本月无需催报的单位。"

    deliverables = (
        f"方案点名的{s['deliverables_total']}个重点项目、场景、园区楼宇和活动中，已完成{s['deliverables_done']}个"
        f"，本月未报告进展{s['deliverables_not_reported']}个"
    )
    if s["deliverables_no_owner"]:
        deliverables += (
            f"；另有{s['deliverables_no_owner']}个方案未明确责任单位，无人报送进展，请牵头单位明确"
        )
    deliverables += "。"

    c = bulletin.check_counts
    if c:
        quality = (
            f"数据质量：{counts.sentence(c)}；方案文本自身有{c['plan_findings']}处不一致或不明确，"
            f"报送数据检查发现{c['data_findings']}处问题，详见第六部分"
        )
        if bulletin.confirmations:
            quality += f"；另有{len(bulletin.confirmations)}处已由牵头单位确认口径，见第一部分"
        quality += "。"
    else:
        quality = "数据质量：已发布的仓库中没有检查结果。"
    plan_numbers = [f["message_zh"] for f in bulletin.plan_findings if f["measure_code"]]
    confirmed = [
        f"{c['name'] or c['code']}（{c['code']}）：以{c['chosen_source']} {c['chosen_value']:g} 为准"
        f"（{c['confirmed_by']}，{c['confirmed_on']:%Y年%-m月%-d日}确认{('；' + c['note']) if c['note'] else ''}）。"
        for c in bulletin.confirmations
    ]
    return Headline(progress, units, submissions, deliverables, quality, plan_numbers, confirmed)
