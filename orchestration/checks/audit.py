"""Write check outcomes to the audit tables of the build database."""

import json
from datetime import datetime
from importlib.resources import files
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd

from expectations.runner import FINDING_KEYS, Outcome
from orchestration import settings


def ensure_schema(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute(files(__package__).joinpath("audit.sql").read_text(encoding="utf-8"))


def record(
    connection: duckdb.DuckDBPyConnection,
    suite: str,
    outcomes: list[Outcome],
    run_id: str,
    rule_names: list[str],
) -> None:
    """Replace the results of the rules checked; drop those of rules the suite no longer has."""
    now = datetime.now(ZoneInfo(settings.TIMEZONE)).replace(tzinfo=None)
    results = pd.DataFrame(
        [
            {
                "check_name": o.rule.name,
                "suite": suite,
                "asset": f"{o.rule.schema}.{o.rule.relation}",
                "severity": str(o.rule.severity),
                "passed": o.passed,
                "checked_rows": o.checked_rows,
                "failing_rows": o.failing_rows,
                "why_zh": o.rule.why_zh,
                "why_en": o.rule.why_en,
                "run_id": run_id,
                "checked_at": now,
            }
            for o in outcomes
        ]
    )
    findings = pd.DataFrame(
        [
            {
                "check_name": o.rule.name,
                "severity": str(o.rule.severity),
                "seq": seq,
                **{key: _text(f.row.get(key)) for key in FINDING_KEYS},
                "message_zh": f.message_zh,
                "message_en": f.message_en,
                "row_json": json.dumps(f.row, ensure_ascii=False, default=str),
            }
            for o in outcomes
            for seq, f in enumerate(o.findings, start=1)
        ],
        columns=["check_name", "severity", "seq", *FINDING_KEYS, "message_zh", "message_en", "row_json"],
    )
    names = pd.DataFrame({"check_name": [o.rule.name for o in outcomes]})
    connection.begin()
    connection.register("checked_names", names)
    connection.register("new_results", results)
    connection.register("new_findings", findings)
    connection.execute(
        "delete from audit.check_results where check_name in (select check_name from checked_names)"
    )
    connection.execute(
        "delete from audit.check_findings where check_name in (select check_name from checked_names)"
    )
    connection.execute("insert into audit.check_results by name select * from new_results")
    connection.execute("insert into audit.check_findings by name select * from new_findings")
    connection.execute(
        "delete from audit.check_results where suite = ? and check_name not in (select unnest(?))",
        [suite, rule_names],
    )
    connection.execute(
        "delete from audit.check_findings where check_name not in (select check_name from audit.check_results)"
    )
    connection.commit()


def _text(value) -> str | None:
    if value is None or value != value:
        return None
    return str(value)
