"""通报.docx: the month's bulletin as the official document the office edits in WPS or Word and issues.

The same marts, sentences and charts as the page, laid out as a GB/T 9704 document: 红头 with the
文号 and 期数, title, 主送, the body in sections, 落款, 版记. Nothing in it names a table, a rule
or a command: where the page shows a check's name, this document says what was found.
"""

import zipfile
from datetime import date
from pathlib import Path

from docx import Document

from orchestration import settings
from orchestration.report import gbt9704 as doc
from orchestration.report.data import Bulletin, Row
from orchestration.report.formats import MISSING, day, gap_cells, number, percent, score_text
from orchestration.report.headline import Headline
from orchestration.report.palette import RAG_FILLS

DRAFT_NUMBER = "（草稿，未编号）"
_TOP = 3  # units on each side of the 红黑榜


def title_text(bulletin: Bulletin) -> str:
    return f"关于{bulletin.period_label}全区科技创新提能工作进展情况的通报"


def issue_label(bulletin: Bulletin) -> str:
    """期数: one issue a month, numbered by the month."""
    return f"{bulletin.period[:4]}年第{bulletin.summary['month']}期"


def write(
    bulletin: Bulletin,
    words: Headline,
    charts: dict[str, bytes],
    issued: date,
    number_text: str | None,
    signer: str | None,
    path: Path,
) -> Path:
    """Write the document; `number_text` is the 文号 of an issued bulletin (None: a draft), and
    `signer` the 签发人 named beside it."""
    organ = settings.issuing_organ()
    document = doc.new_document(title_text(bulletin), organ)
    signed = f"　签发人：{signer}" if number_text and signer else ""
    doc.masthead(document, organ, f"{issue_label(bulletin)}　{number_text or DRAFT_NUMBER}{signed}")
    doc.title(document, title_text(bulletin))
    doc.addressee(document, settings.bulletin_addressees())
    s = bulletin.summary
    if bulletin.is_demo:
        doc.body(document, "本期通报依据演示数据（合成）生成，不是真实报送，仅供试用。", lead="特别说明：")
    doc.body(
        document,
        f"根据各单位报送的{bulletin.period_label}工作进展报表（报送截止日{day(s['due_date'])}），"
        f"现将{bulletin.period_label}全区科技创新提能工作进展情况通报如下。",
    )
    _overview(document, bulletin, words)
    _district(document, bulletin, charts)
    _units(document, bulletin, charts)
    _submissions(document, bulletin, charts)
    _deliverables(document, bulletin)
    _quality(document, bulletin)
    doc.body(
        document,
        "请各单位对照本通报，对落后指标逐项分析原因、明确措施，按时、准确报送下月进展报表。"
        "各单位的报送反馈单（问题清单和本单位进度）与本通报一同下发。",
    )
    doc.signature(document, organ, day(issued))
    doc.colophon(document, settings.bulletin_copies_to(), organ, day(issued))
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


class EditedDocumentError(Exception):
    """The office's edited draft cannot be issued as it is (message in Chinese first)."""


def issue_edited(edited: Path, bulletin: Bulletin, number_text: str, signer: str | None, path: Path) -> Path:
    """The office's edited draft, issued: the draft's number line filled in with the 文号 (and
    签发人), every other word as the office left it."""
    try:
        document = Document(str(edited))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as unreadable:
        raise EditedDocumentError(
            f"无法打开 {edited}：请另存为 Word 文档（.docx）后重试。Cannot open {edited} as a .docx."
        ) from unreadable
    text = "\n".join(p.text for p in document.paragraphs)
    if title_text(bulletin) not in text:
        raise EditedDocumentError(
            f"{edited.name} 不是{bulletin.period_label}的通报（找不到标题“{title_text(bulletin)}”）。"
            f" {edited.name} is not this month's bulletin."
        )
    line = next((p for p in document.paragraphs if DRAFT_NUMBER in p.text), None)
    if line is None:
        raise EditedDocumentError(
            f"{edited.name} 中找不到“{DRAFT_NUMBER}”，不知道文号填在哪里：请保留红头下的这一行。"
            f" The draft's number line is missing from {edited.name}."
        )
    signed = f"　签发人：{signer}" if signer else ""
    filled = line.text.replace(DRAFT_NUMBER, f"{number_text}{signed}")
    runs = line.runs
    runs[0].text = filled
    for run in runs[1:]:
        run.text = ""
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _overview(document, bulletin: Bulletin, words: Headline) -> None:
    doc.heading(document, "一、总体情况")
    for sentence in words.sentences:
        doc.body(document, sentence)
    if words.confirmed_numbers:
        doc.body(document, "牵头单位已确认方案中前后不一致的数字以哪个为准：", lead="已确认口径。")
        for text in words.confirmed_numbers:
            doc.body(document, text)
    if words.plan_numbers:
        doc.body(
            document, "以下数字在方案文本中前后不一致，尚待牵头单位确认口径：", lead="待确认的方案问题。"
        )
        for text in words.plan_numbers:
            doc.body(document, text)


def _district(document, bulletin: Bulletin, charts: dict[str, bytes]) -> None:
    doc.heading(document, "二、全区指标进展")
    doc.figure(
        document,
        charts["district"],
        f"图1　全区各指标完成率与应完成比例（{bulletin.period_label}；增速类指标与目标直接比较，不列入）",
    )
    rows, fills = [], []
    for r in bulletin.district:
        if r["aggregation"] == "not_aggregated":
            done, rate = "无全区数", "不适用"
        elif r["progress_basis"] == "rate":
            done, rate = f"{number(r['ytd_value'])}%", "不适用"
        else:
            done, rate = number(r["ytd_value"]), percent(r["completion_pct"])
        rows.append([r["measure_name"], f"{number(r['district_target'])}{r['uom']}", done, rate, r["status"]])
        fills.append([None, None, None, None, RAG_FILLS.get(r["rag"])])
    doc.table(document, ["指标", "年度目标", "累计完成", "完成率", "状态"], rows, [58, 28, 24, 20, 26], fills)
    doc.note(
        document,
        "完成率＝累计完成÷年度目标；应完成为序时进度（已过月份÷12），计数类小目标按计划完成月份判断，"
        f"存量指标为100%。落后超过{number(bulletin.summary['red_gap_points'])}个百分点为红色预警。"
        "分解到各单位的增速不相加、不平均，"
        "全区增速须由牵头单位报送。",
    )


def _units(document, bulletin: Bulletin, charts: dict[str, bytes]) -> None:
    doc.heading(document, "三、各单位完成情况")
    doc.heading(document, "（一）红黄绿灯", level=2)
    doc.figure(
        document,
        charts["heatmap"],
        "图2　各单位各指标完成状态（绿色完成或达到序时进度，黄色落后，红色落后较多；格内为完成率或增速）",
    )
    rows, fills = [], []
    for u in bulletin.unit_status:
        green, not_scored = u["measures_green"], u["measures_not_scored"]
        rows.append(
            [
                u["unit_name"],
                str(u["measures_total"]),
                str(green),
                str(u["measures_behind_yellow"]),
                str(u["measures_behind_red"]),
                str(not_scored),
            ]
        )
        fills.append(
            [
                None,
                None,
                RAG_FILLS["green"] if green else None,
                RAG_FILLS["yellow"] if u["measures_behind_yellow"] else None,
                RAG_FILLS["red"] if u["measures_behind_red"] else None,
                RAG_FILLS["grey"] if not_scored else None,
            ]
        )
    doc.table(
        document,
        ["单位", "承担指标", "绿灯", "黄灯", "红灯", "未计分"],
        rows,
        [46, 22, 22, 22, 22, 22],
        fills,
        [False, True, True, True, True, True],
    )
    doc.note(document, "未计分：未报送、待补报或数值待核实的指标。")

    doc.heading(document, "（二）排名与红黑榜", level=2)
    board = _ranking_board(bulletin)
    if board:
        doc.table(
            document,
            ["指标", f"红榜（前{_TOP}名）", f"黑榜（后{_TOP}名）"],
            board,
            [44, 56, 56],
        )
        doc.note(
            document,
            "按完成率（增速类指标按增速）由高到低排名，相同并列；待补报、未报送不排名。各单位各指标的排名见通报表格。",
        )
    else:
        doc.body(document, "本月没有可排名的分解指标。")

    doc.heading(document, "（三）需点名的单位", level=2)
    named = bulletin.named_rows
    if named:
        rows = [[r["unit_name"], r["measure_name"], *gap_cells(r)] for r in named]
        fills = [[None] * 6 + [RAG_FILLS.get(r["rag"])] for r in named]
        doc.table(
            document,
            ["单位", "指标", "年度目标", "累计完成", "完成情况", "差距（百分点）", "状态"],
            rows,
            [24, 36, 20, 18, 22, 16, 20],
            fills,
        )
        held = [r for r in named if r["is_held_back"]]
        if held:
            doc.note(
                document,
                "待核实：数值疑似填错（如单位填成万元、远超目标或本月突增），暂不计分；单位确认或更正后计入。",
            )
    else:
        doc.body(document, "本月各单位各项指标均已完成、达到目标或达到序时进度。")


def _ranking_board(bulletin: Bulletin) -> list[list[str]]:
    """Per chosen measure: the first and the last ranked units, as the scorecard ranks them."""
    chosen = settings.ranking_measures()
    measures = [m for m in bulletin.split_measures if not chosen or m["measure_code"] in chosen]
    board = []
    for measure in measures:
        ranked = sorted(
            (
                r
                for r in bulletin.scorecard
                if r["measure_code"] == measure["measure_code"] and r["rank_in_measure"] is not None
            ),
            key=lambda r: r["rank_in_measure"],
        )
        if len(ranked) < 2:
            continue
        top = ranked[: min(_TOP, len(ranked) // 2)]
        bottom = ranked[-min(_TOP, len(ranked) // 2) :][::-1]

        def names(rows: list[Row]) -> str:
            return "、".join(f"{r['unit_name']}（{score_text(r)}）" for r in rows)

        board.append([measure["measure_name"], names(top), names(bottom)])
    return board


def _submissions(document, bulletin: Bulletin, charts: dict[str, bytes]) -> None:
    s = bulletin.summary
    doc.heading(document, "四、报送情况")
    doc.body(
        document,
        f"本月应报送{s['units_expected']}个单位：按时报送{s['units_on_time']}个，逾期报送{s['units_late']}个，"
        f"被拒收{s['units_rejected']}个，未报送{s['units_missing']}个"
        + (f"，未到截止日{s['units_not_due']}个" if s["units_not_due"] else "")
        + "。",
    )
    if bulletin.chase:
        rows = [
            [
                c["unit_name"],
                c["status_zh"],
                c["action_zh"],
                number(c["days_late"]) if c["days_late"] else MISSING,
                str(c["times_late_ytd"]),
                c["rejection_reason_zh"] or MISSING,
            ]
            for c in bulletin.chase
        ]
        fills = [[None, RAG_FILLS.get(c["rag"]), None, None, None, None] for c in bulletin.chase]
        doc.table(
            document,
            ["单位", "情况", "办理", "逾期天数", "本年逾期次数", "拒收原因"],
            rows,
            [26, 20, 20, 16, 18, 56],
            fills,
        )
    else:
        doc.body(document, "本月所有单位均按时报送。")
    doc.figure(document, charts["trend"], "图3　各月报送情况（单位数）")


def _deliverables(document, bulletin: Bulletin) -> None:
    s = bulletin.summary
    doc.heading(document, "五、重点项目进展")
    doc.body(
        document,
        f"方案点名的项目、场景、园区楼宇和活动共{s['deliverables_total']}个，已完成{s['deliverables_done']}个，"
        f"本月未报告进展{s['deliverables_not_reported']}个。",
    )
    if bulletin.deliverables:
        rows = [
            [
                d["deliverable_name"],
                d["unit_name"] or MISSING,
                d["status_name"] or "未报告",
                d["note"] or MISSING,
            ]
            for d in bulletin.deliverables
        ]
        fills = [
            [
                None,
                None,
                RAG_FILLS["green" if d["is_done"] else ("grey" if d["status_code"] is None else "yellow")],
                None,
            ]
            for d in bulletin.deliverables
        ]
        doc.table(document, ["项目名称", "责任单位", "进展", "单位填报的说明"], rows, [56, 26, 20, 54], fills)
    if bulletin.unowned_deliverables:
        names = "；".join(
            f"{d['deliverable_name']}（{d['measure_name'] or MISSING}）"
            for d in bulletin.unowned_deliverables
        )
        doc.body(
            document,
            f"方案点名但未明确责任单位的{len(bulletin.unowned_deliverables)}个：{names}。请牵头单位明确责任单位。",
        )
    if bulletin.plan_tasks:
        doc.heading(document, "（一）无量化指标的重点工作", level=2)
        doc.table(
            document,
            ["工作任务", "牵头单位", "责任单位"],
            [
                [t["item_name"], t["leads"] or MISSING, t["responsible"] or MISSING]
                for t in bulletin.plan_tasks
            ],
            [56, 40, 60],
        )


def _quality(document, bulletin: Bulletin) -> None:
    doc.heading(document, "六、数据质量与方案口径")
    doc.heading(document, "（一）方案文本中待确认的问题", level=2)
    for finding in bulletin.plan_findings or [{"message_zh": "未发现方案文本自身前后不一致之处。"}]:
        doc.body(document, finding["message_zh"])
    doc.heading(document, "（二）报送数据中发现的问题", level=2)
    for finding in bulletin.data_findings or [{"message_zh": "报送数据检查未发现问题。"}]:
        doc.body(document, finding["message_zh"])
    errors = [m for m in bulletin.file_messages if m["severity"] == "error"]
    if errors:
        doc.body(
            document,
            f"本月报送文件中有{len(errors)}处错误需单位更正，已在各单位的报送反馈单中逐条列出位置和修改方法。",
        )
