"""Issuing a bulletin: the issued version is frozen, and every later draft lists what changed since.

An issued bulletin lives in reports/<YYYY-MM>/issued/ with its 文号, who issued it and when, and the
sha256 of every file (issue.json). No report writes there again: a refresh, the sensor and
`tineng report` write drafts beside it, and each draft carries the figures that differ from the
issued ones. The figures compared are the ones the bulletin prints (figures.json in each version).
"""

import getpass
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from orchestration import settings
from orchestration.report.data import Bulletin
from orchestration.report.formats import number, percent

ISSUED = "issued"
RECORD = "issue.json"
FIGURES = "figures.json"
CHANGES = "与已印发版本的差异.txt"


class AlreadyIssued(Exception):
    """The month's bulletin has been issued; it is never issued or written again."""


@dataclass(frozen=True)
class Issue:
    number: str
    issued_at: str
    issued_by: str
    files: dict[str, str]  # relative path → sha256


def figures(bulletin: Bulletin) -> dict[str, str]:
    """Every figure the bulletin prints, as it prints it, under a label a reader recognises."""
    s = bulletin.summary
    shown: dict[str, str] = {
        "全区·指标总数": str(s["measures_total"]),
        "全区·已完成指标": str(s["measures_done"]),
        "全区·达到序时进度指标": str(s["measures_on_track"]),
        "全区·落后指标": str(s["measures_behind"]),
        "全区·红色预警指标": str(s["measures_behind_red"]),
        "报送·按时报送单位": str(s["units_on_time"]),
        "报送·逾期报送单位": str(s["units_late"]),
        "报送·被拒收单位": str(s["units_rejected"]),
        "报送·未报送单位": str(s["units_missing"]),
        "重点项目·已完成": str(s["deliverables_done"]),
    }
    for r in bulletin.district:
        name = f"全区·{r['measure_name']}"
        shown[f"{name}·累计完成"] = number(r["ytd_value"])
        shown[f"{name}·完成率"] = percent(r["completion_pct"])
        shown[f"{name}·状态"] = r["status"]
    for r in bulletin.scorecard:
        name = f"{r['unit_name']}·{r['measure_name']}"
        shown[f"{name}·累计完成"] = number(r["ytd_value"])
        shown[f"{name}·完成率"] = percent(r["completion_pct"])
        shown[f"{name}·状态"] = r["status"]
        shown[f"{name}·排名"] = number(r["rank_in_measure"])
    for c in bulletin.compliance:
        shown[f"{c['unit_name']}·报送情况"] = c["status_zh"]
    return shown


def write_figures(bulletin: Bulletin, folder: Path) -> None:
    (folder / FIGURES).write_text(json.dumps(figures(bulletin), ensure_ascii=False, indent=1), "utf-8")


def issued_folder(month: Path) -> Path:
    return month / ISSUED


def read_issue(month: Path) -> Issue | None:
    record = issued_folder(month) / RECORD
    if not record.is_file():
        return None
    return Issue(**json.loads(record.read_text("utf-8")))


def changes_since_issue(month: Path, bulletin: Bulletin) -> list[str] | None:
    """What the bulletin would print differently from the issued one; None when none was issued."""
    issue = read_issue(month)
    if issue is None:
        return None
    before = json.loads((issued_folder(month) / FIGURES).read_text("utf-8"))
    after = figures(bulletin)
    lines = [
        f"{label}：{before.get(label, '（无）')} → {after.get(label, '（无）')}"
        for label in [*before, *(k for k in after if k not in before)]
        if before.get(label) != after.get(label)
    ]
    return lines


def write_changes(folder: Path, issue: Issue, lines: list[str]) -> Path:
    path = folder / CHANGES
    header = f"与已印发的 {issue.number}（{issue.issued_at} 印发）相比"
    body = "\n".join(lines) if lines else "数字没有变化。"
    path.write_text(f"{header}，本稿变化的数字：\n{body}\n" if lines else f"{header}，{body}\n", "utf-8")
    return path


def freeze(scratch: Path, month: Path, number_text: str, issued_by: str | None) -> Path:
    """Record the issue and give the finished folder its place, reports/<YYYY-MM>/issued/."""
    target = issued_folder(month)
    if target.exists() or target.is_symlink():
        raise AlreadyIssued(
            f"{month.name} 的通报已印发（{target}），不再重新生成或覆盖；如需更正请另行发文。"
            f" The bulletin for {month.name} has been issued already."
        )
    files = {
        str(path.relative_to(scratch)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(scratch.rglob("*"))
        if path.is_file()
    }
    issue = Issue(
        number=number_text,
        issued_at=f"{datetime.now(ZoneInfo(settings.TIMEZONE)):%Y-%m-%d %H:%M:%S}",
        issued_by=issued_by or getpass.getuser(),
        files=files,
    )
    (scratch / RECORD).write_text(json.dumps(issue.__dict__, ensure_ascii=False, indent=1), "utf-8")
    for path in scratch.rglob("*"):
        if path.is_file():
            path.chmod(0o444)
    scratch.chmod(0o755)
    scratch.rename(target)
    return target
