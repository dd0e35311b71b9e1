"""What tests ask of a published snapshot: it opens, it is complete, and it passes its checks."""

import hashlib
from pathlib import Path

import duckdb

from expectations import reference, submissions
from expectations.rule import Severity
from expectations.runner import validate

# Query results that must not depend on when or how often a refresh ran.
STABLE_QUERIES = (
    "select file_name, status, version, is_current, unit_code, period from marts.fct_submission order by all",
    "select period, unit_code, measure_code, month_value, ytd_value from marts.fct_progress order by all",
    "select period, unit_code, measure_code, completion_pct, status, rank_in_measure from marts.mart_unit_scorecard order by all",
    "select period, measure_code, ytd_value, units_reported, status from marts.mart_district_progress order by all",
    "select period, unit_code, status from marts.mart_submission_compliance order by all",
    "select check_name, passed, failing_rows from audit.check_results order by all",
)


def results_digest(database: Path) -> str:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        digest = hashlib.sha256()
        for query in STABLE_QUERIES:
            digest.update(repr(connection.execute(query).fetchall()).encode())
        return digest.hexdigest()
    finally:
        connection.close()


def error_check_failures(database: Path) -> list[str]:
    """Run every error-severity rule against a published file; return the ones that fail."""
    connection = duckdb.connect(str(database), read_only=True)
    try:
        failed = []
        for rule in (*reference.RULES, *submissions.RULES):
            if rule.severity == Severity.ERROR:
                frame = connection.table(f"{rule.schema}.{rule.relation}").df()
                if not validate(rule, frame).passed:
                    failed.append(rule.name)
        return failed
    finally:
        connection.close()


def is_complete(connection: duckdb.DuckDBPyConnection) -> bool:
    """Every month of the scorecard has a row for every unit target, up to the latest month filed."""
    per_month = connection.execute(
        "select count(distinct n) from (select count(*) as n from marts.mart_unit_scorecard group by period)"
    ).fetchone()[0]
    latest = connection.execute(
        "select (select max(period) from marts.mart_unit_scorecard) = (select max(period) from marts.fct_submission)"
    ).fetchone()[0]
    checks = connection.execute("select count(*) from audit.check_results").fetchone()[0]
    return per_month == 1 and bool(latest) and checks == len(reference.RULES) + len(submissions.RULES)
