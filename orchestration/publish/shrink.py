"""A refresh never publishes less without saying what vanished.

Before a build replaces the published warehouse, the two are compared month by month: current
submissions and progress rows. A month that would lose any blocks the publish, with a message
naming it, unless the office asked for it (`tineng run --allow-shrink`).
"""

from pathlib import Path

import duckdb

ALLOW_SHRINK_TAG = "tineng/allow_shrink"
_COUNTS = """
    select coalesce(submissions.period, progress.period), coalesce(submissions.n, 0), coalesce(progress.n, 0)
    from (select period, count(*) filter (where is_current) as n from marts.fct_submission group by period) as submissions
    full join (select period, count(*) as n from marts.fct_progress group by period) as progress
        on submissions.period = progress.period
"""


def _counts(database: Path) -> dict[str, tuple[int, int]]:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        return {
            period: (submissions, rows)
            for period, submissions, rows in connection.execute(_COUNTS).fetchall()
        }
    except duckdb.CatalogException:  # a warehouse published before these marts existed
        return {}
    finally:
        connection.close()


def vanished(build: Path, published: Path) -> list[str]:
    """One line per month the build would publish less of than the published warehouse holds."""
    if not published.exists():
        return []
    new, old = _counts(build), _counts(published)
    lines = []
    for period, (submissions, rows) in sorted(old.items()):
        now_submissions, now_rows = new.get(period, (0, 0))
        if now_submissions < submissions or now_rows < rows:
            lines.append(
                f"{period}：当前有效报送 {submissions} → {now_submissions} 份，指标行 {rows} → {now_rows} 行"
                f" (current submissions {submissions} -> {now_submissions}, progress rows {rows} -> {now_rows})"
            )
    return lines
