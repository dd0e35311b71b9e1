"""The check counts every output quotes (`tineng run`, `tineng checks`, the bulletin): the rules of
both Great Expectations suites as the audit tables hold them, in one query and one sentence.
dbt's own data tests are counted apart, by `tineng run` only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

_COUNTS = """
    select
        count(*) as checks_total,
        count(*) filter (where passed) as checks_passed,
        count(*) filter (where not passed and severity = 'warning') as checks_warning,
        count(*) filter (where not passed and severity = 'error') as checks_error,
        max(checked_at) as checked_at
    from audit.check_results
"""


def read(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    cursor = connection.execute(_COUNTS)
    names = [column[0] for column in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))


def sentence(counts: dict[str, Any]) -> str:
    return (
        f"{counts['checks_total']}项检查中通过{counts['checks_passed']}项，"
        f"警告{counts['checks_warning']}项，错误{counts['checks_error']}项"
    )
