"""The plan rules' outcomes for the plans loaded now, computed once per plan state.

The plan rules (expectations/reference.py) read only the plan's models, so their outcome is fixed
by the reference build: they run on the reference database ingest already uses
(reference_build.current_database()) and are kept beside it as JSON. A refresh, or a plan check,
on plans that did not change reads them back instead of importing Great Expectations and
validating again. The file is named after the rules' code too, so a changed rule is run again;
it is written once, by rename, in the directory of the build it belongs to, and goes when that
build is pruned.
"""

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path

import duckdb

import expectations.rule
import expectations.runner
from expectations import reference as plan_rules
from expectations import relations
from expectations.runner import Finding, Outcome
from orchestration.plans import reference_build

PREFIX = "plan_rule_outcomes"


def current() -> list[Outcome]:
    """Every plan rule's outcome on the reference build of the plans loaded now."""
    database = reference_build.current_database()
    kept = database.parent / f"{PREFIX}-{_rules_digest()}.json"
    if kept.exists():
        return _read(kept)
    with duckdb.connect(str(database), read_only=True) as connection:
        outcomes = relations.outcomes(connection, list(plan_rules.RULES))
    _write(kept, outcomes)
    return outcomes


@cache
def _rules_digest() -> str:
    """Hash of the code that decides the outcomes: the plan rules and how they are run."""
    digest = hashlib.sha256()
    for module in (plan_rules, expectations.rule, expectations.runner, relations):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]


def _write(path: Path, outcomes: list[Outcome]) -> None:
    record = [
        {
            "rule": o.rule.name,
            "passed": o.passed,
            "checked_rows": o.checked_rows,
            "failing_rows": o.failing_rows,
            "findings": [
                {"row": f.row, "message_zh": f.message_zh, "message_en": f.message_en} for f in o.findings
            ],
        }
        for o in outcomes
    ]
    text = json.dumps(record, ensure_ascii=False, default=str)  # as the audit tables keep a row
    handle, temporary = tempfile.mkstemp(prefix=f".{PREFIX}-", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as f:
        f.write(text)
    Path(temporary).replace(path)


def _read(path: Path) -> list[Outcome]:
    rules = {r.name: r for r in plan_rules.RULES}
    return [
        Outcome(
            rule=rules[o["rule"]],
            passed=o["passed"],
            checked_rows=o["checked_rows"],
            failing_rows=o["failing_rows"],
            findings=[Finding(**f) for f in o["findings"]],
        )
        for o in json.loads(path.read_text(encoding="utf-8"))
    ]
