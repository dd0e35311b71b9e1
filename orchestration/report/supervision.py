"""督办单: one page per lagging unit, what is behind, by how much, by when, and whom to call.

A unit is lagging when a measure of its own is behind schedule or held back for checking, or when
its report for the month is still to be chased (missing or rejected).
"""

from datetime import date
from pathlib import Path

from orchestration import settings
from orchestration.report import gbt9704 as doc
from orchestration.report.data import Bulletin, Row
from orchestration.report.formats import day, gap_cells
from orchestration.report.palette import RAG_FILLS
from orchestration.submissions import templates

FOLDER = "督办单"
_LAGGING = ("behind", "to_verify")


def lagging_units(bulletin: Bulletin) -> list[Row]:
    """The units that get a 督办单, in the order of 附件2."""
    behind = {r["unit_code"] for r in bulletin.scorecard if r["status_group"] in _LAGGING}
    return [u for u in bulletin.unit_status if u["unit_code"] in behind or u["needs_chasing"]]


def reply_by(bulletin: Bulletin) -> date:
    """The next month's report deadline: the day the unit reports what it has done about it."""
    year, month = int(bulletin.period[:4]), int(bulletin.period[5:])
    following = f"{year + month // 12}-{month % 12 + 1:02d}"
    return templates.due_date(following)


def write_all(bulletin: Bulletin, issued: date, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_one(bulletin, unit, issued, folder / f"{unit['unit_code']}_{unit['unit_name']}.docx")
        for unit in lagging_units(bulletin)
    ]


def write_one(bulletin: Bulletin, unit: Row, issued: date, path: Path) -> Path:
    organ = settings.issuing_organ()
    label = bulletin.period_label
    document = doc.new_document(f"督办单（{unit['unit_name']}，{label}）", organ)
    doc.title(document, "科技创新提能工作督办单")
    doc.note(document, f"{organ}　　{day(issued)}")
    doc.table(
        document,
        ["受督办单位", "督办事项", "办理时限"],
        [[unit["unit_name"], f"{label}科技创新提能工作进展落后事项", f"{day(reply_by(bulletin))}前"]],
        [40, 76, 40],
    )
    rows = [
        r for r in bulletin.scorecard if r["unit_code"] == unit["unit_code"] and r["status_group"] in _LAGGING
    ]
    if rows:
        doc.heading(document, "一、落后和待核实的指标", level=1)
        doc.table(
            document,
            ["指标", "年度目标", "累计完成", "完成情况", "差距（百分点）", "状态"],
            [[r["measure_name"], *gap_cells(r)] for r in rows],
            [44, 24, 20, 24, 20, 24],
            [[None] * 5 + [RAG_FILLS.get(r["rag"])] for r in rows],
        )
    if unit["needs_chasing"] or unit["submission_status"] == "late":
        doc.heading(document, "二、报送情况" if rows else "一、报送情况", level=1)
        late = f"，逾期{unit['days_late']}天" if unit["days_late"] else ""
        doc.body(document, f"本单位{label}报表：{unit['submission_status_zh']}{late}。")
    doc.heading(document, "办理要求", level=1)
    doc.body(
        document,
        f"请对照上述事项分析原因、明确整改措施和完成时限，于{day(reply_by(bulletin))}前随下月进展报表一并报送整改情况；"
        "数值待核实的，请核对后更正重新报送，或书面说明情况。",
    )
    phone = settings.contact_phone()
    doc.body(document, f"{settings.contact()}{('，电话：' + phone) if phone else ''}。", lead="联系人：")
    doc.body(document, "签收人：　　　　　　签收日期：　　年　　月　　日")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
