"""Each suite becomes one Dagster multi-asset check: one check per rule, on the model it reads.

Error-severity checks are blocking: a failure stops the publish step downstream, so the last
good warehouse stays published. Warnings are recorded and published, and do not block. The
submissions suite validates the build on every run; the plan suite's outcomes are computed once
per plan state (orchestration/plans/rule_outcomes.py).
"""

from collections.abc import Callable

import dagster as dg
import duckdb

from expectations import reference as reference_suite
from expectations import relations
from expectations import submissions as submissions_suite
from expectations.rule import Rule, Severity
from expectations.runner import Outcome
from orchestration.checks import audit, counts
from orchestration.plans import rule_outcomes
from orchestration.resources import BuildDatabase

_SEVERITY = {Severity.ERROR: dg.AssetCheckSeverity.ERROR, Severity.WARNING: dg.AssetCheckSeverity.WARN}
_MAX_LISTED = 20


def asset_key(rule: Rule) -> dg.AssetKey:
    return dg.AssetKey([rule.schema, rule.relation])


def _kept_for_the_plans(connection, selected: list[Rule]) -> list[Outcome]:
    """The plan rules read only the plan's models: their outcomes are those kept for the plans
    loaded now (computed on the first refresh after a plan changes)."""
    names = {r.name for r in selected}
    return [o for o in rule_outcomes.current() if o.rule.name in names]


def suite_checks(
    suite: str,
    rules: tuple[Rule, ...],
    outcomes_of: Callable[[duckdb.DuckDBPyConnection, list[Rule]], list[Outcome]],
) -> dg.AssetChecksDefinition:
    specs = [
        dg.AssetCheckSpec(
            name=r.name,
            asset=asset_key(r),
            blocking=r.severity == Severity.ERROR,
            description=f"{r.why_zh} {r.why_en}",
        )
        for r in rules
    ]

    @dg.multi_asset_check(specs=specs, name=f"{suite}_expectations", can_subset=True)
    def _checks(context: dg.AssetCheckExecutionContext, warehouse: BuildDatabase):
        selected = [
            r for r in rules if dg.AssetCheckKey(asset_key(r), r.name) in context.selected_asset_check_keys
        ]
        with warehouse.connect() as connection:
            outcomes = outcomes_of(connection, selected)
            audit.ensure_schema(connection)
            audit.record(connection, suite, outcomes, context.run.run_id, [r.name for r in rules])
            # the same count `tineng run`, `tineng checks` and the bulletin quote
            context.log.info(f"检查 Checks：{counts.sentence(counts.read(connection))}。")
        for outcome in outcomes:
            rule = outcome.rule
            yield dg.AssetCheckResult(
                asset_key=asset_key(rule),
                check_name=rule.name,
                passed=outcome.passed,
                severity=_SEVERITY[rule.severity],
                description=rule.why_zh,
                metadata={
                    "failing_rows": outcome.failing_rows,
                    "checked_rows": outcome.checked_rows,
                    "findings": dg.MetadataValue.md(
                        "\n".join(f"- {f.message_zh}" for f in outcome.findings[:_MAX_LISTED]) or "—"
                    ),
                },
            )

    return _checks


reference_checks = suite_checks("reference", reference_suite.RULES, _kept_for_the_plans)
submission_checks = suite_checks("submissions", submissions_suite.RULES, relations.outcomes)
