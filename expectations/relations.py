"""Run rules on the relations of a built warehouse: one relation in memory at a time."""

import duckdb

from expectations.rule import Rule
from expectations.runner import CONFIRMED_RULES, FINDING_KEYS, PLAN_YEAR, Outcome, columns_needed, validate


def outcomes(connection: duckdb.DuckDBPyConnection, rules: list[Rule]) -> list[Outcome]:
    """Validate each rule on the relation it reads, loading only the columns its rules read."""
    by_relation: dict[str, list[Rule]] = {}
    for rule in rules:
        by_relation.setdefault(f"{rule.schema}.{rule.relation}", []).append(rule)
    found = []
    for relation, rules_here in by_relation.items():
        table = connection.table(relation)
        wanted = {c for r in rules_here for c in columns_needed(r, table.columns)} | {
            *FINDING_KEYS,
            CONFIRMED_RULES,
            PLAN_YEAR,  # findings name the plan year; a plan check keeps the year it checks
        }
        frame = table.select(*[c for c in table.columns if c in wanted]).df()
        found += [validate(r, frame) for r in rules_here]
        del frame
    return found
