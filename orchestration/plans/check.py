"""Check a plan workbook without changing anything: its structure, then every rule the warehouse
applies to the plan, run on a scratch build of the plan together with the plans already loaded.

The rules are the warehouse's own: dbt's tests on the plan models and the Great Expectations
plan suite (expectations/reference.py), on a reference build in a temporary directory. The
warehouse reports the plan's contradictions as warnings (the plan is never corrected; the office
decides). A plan being loaded is held to more: a contradiction the loaded plans do not already
carry refuses it, until the office settles it in the workbook's 口径确认 sheet.
"""

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from orchestration.plans import reference_build, store
from orchestration.plans.tables import Plan
from orchestration.plans.workbook import read_workbook

ERROR, WARNING, INFO = "error", "warning", "info"
LABEL_ZH = {ERROR: "错误", WARNING: "警告", INFO: "提示"}

# The sheet of the workbook a rule's relation comes from, to tell the office where to look.
_SHEET_OF_RELATION = {
    "int_target_reconciliation": "附件2 任务清单",
    "int_district_target_sources": "附件1",
    "int_item_owner_summary": "牵头与责任单位",
    "int_owners_resolved": "牵头与责任单位",
    "dim_deliverable": "重点项目",
    "fct_target": "附件2 任务清单",
}


@dataclass(frozen=True)
class Finding:
    severity: str
    text_zh: str
    text_en: str = ""


@dataclass
class PlanCheck:
    path: Path
    year: int | None
    plan: Plan
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]


def check_workbook(path: Path) -> PlanCheck:
    """Every finding about the plan workbook at `path`; nothing is written outside a temp dir."""
    reading = read_workbook(path)
    checked = PlanCheck(path, reading.year, reading.plan)
    checked.findings += [
        Finding(ERROR if m.severity == ERROR else WARNING, m.located_zh(), m.text_en)
        for m in reading.messages
    ]
    if checked.errors or reading.year is None:
        return checked
    checked.findings += unit_changes(reading.year, reading.plan)
    checked.findings += rule_findings(reading.year, reading.plan)
    return checked


def unit_changes(year: int, plan: Plan) -> list[Finding]:
    """Units the plan adds or renames against the plans loaded: for the office to confirm."""
    known = {}  # each code's name as dim_unit holds it (the latest plan's) in the current reference build
    if store.years():
        with duckdb.connect(str(reference_build.current_database()), read_only=True) as connection:
            known = dict(connection.execute("select unit_code, unit_name from marts.dim_unit").fetchall())
    found = []
    for row in plan["plan_units"]:
        code, name = row["unit_code"], row["unit_name"]
        if code not in known:
            found.append(Finding(INFO, f"新单位：{name}（{code}）。", f"New unit: {name} ({code})."))
        elif known[code] != name:
            found.append(
                Finding(
                    INFO,
                    f"单位更名：{known[code]} → {name}（{code}，旧名继续作为别名识别）。",
                    f"Unit renamed: {known[code]} -> {name} ({code}); the old name still resolves.",
                )
            )
    return found


def rule_findings(year: int, plan: Plan) -> list[Finding]:
    """The warehouse's plan rules on `plan` loaded beside the other years' plans."""
    from expectations import reference as plan_rules
    from expectations import relations
    from expectations.rule import Severity

    known = _known_contradictions()
    with tempfile.TemporaryDirectory(prefix="tineng-plan-check-") as scratch:
        plans_dir = Path(scratch) / "plans"
        for other in store.years():
            if other != year:
                (plans_dir / str(other)).parent.mkdir(parents=True, exist_ok=True)
                (plans_dir / str(other)).symlink_to(store.year_dir(other), target_is_directory=True)
        store.write_version(plans_dir / str(year), plan, store.candidate_record(year))
        database = Path(scratch) / "build" / reference_build.DB_NAME
        database.parent.mkdir()
        built = reference_build.build(plans_dir, database, with_tests=True)
        found = [
            Finding(
                ERROR,
                f"方案数据未通过检查“{failure['name']}”：{failure['message']}",
                f"The plan fails the warehouse test {failure['name']}: {failure['message']}",
            )
            for failure in built.failures
        ]
        with duckdb.connect(str(database), read_only=True) as connection:
            outcomes = relations.outcomes(connection, list(plan_rules.RULES))
    for outcome in outcomes:
        sheet = _SHEET_OF_RELATION.get(outcome.rule.relation)
        where = f"工作表“{sheet}”：" if sheet else ""
        for f in outcome.findings:
            if f.row.get("plan_year") not in (None, year):
                continue
            text = _without_year(f.message_zh)
            if outcome.rule.severity == Severity.ERROR:
                found.append(Finding(ERROR, f"{where}{text}（{outcome.rule.why_zh}）", f.message_en))
            elif text in known:
                found.append(
                    Finding(
                        WARNING,
                        f"{where}{text}（已导入的方案中同样如此。{outcome.rule.why_zh}）",
                        f.message_en,
                    )
                )
            else:
                found.append(
                    Finding(
                        ERROR,
                        f"{where}{text}（新出现的矛盾：{outcome.rule.why_zh}如确以此为准，请在“口径确认”表中登记后再导入。）",
                        f"New contradiction: {f.message_en} Settle it in the 口径确认 sheet to load the plan.",
                    )
                )
    return found


def _without_year(text: str) -> str:
    return re.sub(r"^\d{4}年：", "", text)


def _known_contradictions() -> set[str]:
    """The contradictions the loaded plans already carry (what the warehouse warns about now)."""
    from expectations.rule import Severity
    from orchestration.plans import rule_outcomes

    return {
        _without_year(f.message_zh)
        for outcome in rule_outcomes.current()
        if outcome.rule.severity == Severity.WARNING
        for f in outcome.findings
    }
