"""A refresh never publishes less without saying what vanished.

Before a build replaces the published warehouse, the two are compared month by month: current
submissions and progress rows. A month that would lose any blocks the publish, with a message
naming it, unless the office asked for it (`tineng run --allow-shrink`). What the office returned
(退回) is no loss: the unit-months with a returned file in the build are left out of the comparison.
"""

from pathlib import Path

import duckdb

ALLOW_SHRINK_TAG = "tineng/allow_shrink"
_COUNTS = """
    select
        coalesce(submissions.period, progress.period),
        coalesce(submissions.unit_code, progress.unit_code),
        coalesce(submissions.n, 0),
        coalesce(progress.n, 0)
    from (
        select period, unit_code, count(*) filter (where is_current) as n from marts.fct_submission group by all
    ) as submissions
    full join (select period, unit_code, count(*) as n from marts.fct_progress group by all) as progress
        on submissions.period = progress.period and submissions.unit_code is not distinct from progress.unit_code
"""
_RETURNED = "select distinct period, unit_code from marts.fct_submission where is_returned"


def _counts(database: Path, leave_out: set[tuple[str, str]]) -> dict[str, tuple[int, int]]:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        rows = connection.execute(_COUNTS).fetchall()
    except duckdb.CatalogException:  # a warehouse published before these marts existed
        return {}
    finally:
        connection.close()
    counts: dict[str, tuple[int, int]] = {}
    for period, unit_code, n_submissions, n_rows in rows:
        if (period, unit_code) not in leave_out:
            submissions, progress = counts.get(period, (0, 0))
            counts[period] = (submissions + n_submissions, progress + n_rows)
    return counts


def _returned(build: Path) -> set[tuple[str, str]]:
    connection = duckdb.connect(str(build), read_only=True)
    try:
        return set(connection.execute(_RETURNED).fetchall())
    finally:
        connection.close()


def vanished(build: Path, published: Path) -> list[str]:
    """One line per month the build would publish less of than the published warehouse holds."""
    if not published.exists():
        return []
    returned = _returned(build)
    new, old = _counts(build, returned), _counts(published, returned)
    lines = []
    for period, (submissions, rows) in sorted(old.items()):
        now_submissions, now_rows = new.get(period, (0, 0))
        if now_submissions < submissions or now_rows < rows:
            lines.append(
                f"{period}：当前有效报送 {submissions} → {now_submissions} 份，指标行 {rows} → {now_rows} 行"
                f" (current submissions {submissions} -> {now_submissions}, progress rows {rows} -> {now_rows})"
            )
    return lines
