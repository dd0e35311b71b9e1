"""What the portal shows from the published warehouse: a unit's month, its files, the office's board.

Read-only, through serving.connect (the published copy, never the build). Every function takes
the unit it may show: callers pass the signed-in clerk's own unit, or, for a reviewer, any unit.
"""

from datetime import date
from typing import Any

from orchestration import serving, settings
from orchestration.plans import store

Row = dict[str, Any]


def _rows(sql: str, params: list) -> list[Row]:
    try:
        connection = serving.connect()
    except serving.NotPublished:
        return []
    try:
        cursor = connection.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        connection.close()


def plan_periods() -> list[str]:
    return store.months()


def default_period(today: date) -> str:
    """The month a unit reports now: last month, within the loaded plan years."""
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    period = f"{year}-{month:02d}"
    periods = plan_periods()
    return period if period in periods else (periods[0] if period < periods[0] else periods[-1])


def compliance(unit_code: str, period: str) -> Row | None:
    rows = _rows(
        "select * from marts.mart_submission_compliance where unit_code = ? and period = ?",
        [unit_code, period],
    )
    return rows[0] if rows else None


def unscored(unit_code: str, period: str) -> list[Row]:
    """The unit's measures with nothing scored this month: not reported, to resubmit or held back."""
    return _rows(
        """
        select measure_code, measure_name, status from marts.mart_unit_scorecard
        where unit_code = ? and period = ? and status_group in ('not_reported', 'to_resubmit', 'to_verify')
        order by measure_code
        """,
        [unit_code, period],
    )


def files(unit_code: str) -> list[Row]:
    return _rows(
        "select * from marts.fct_submission where unit_code = ? order by received_at desc, file_id",
        [unit_code],
    )


def file_messages(unit_code: str, file_id: str) -> list[Row]:
    return _rows(
        """
        select messages.* from marts.fct_submission_message as messages
        inner join marts.fct_submission as files on messages.file_id = files.file_id
        where files.unit_code = ? and files.file_id = ?
        order by messages.seq
        """,
        [unit_code, file_id],
    )


def board() -> list[Row]:
    """Every unit × month of the plan year with its submission status."""
    return _rows(
        """
        select compliance.period, compliance.unit_code, compliance.unit_name, compliance.status_zh,
            compliance.rag, compliance.days_late, units.display_order
        from marts.mart_submission_compliance as compliance
        inner join marts.dim_unit as units on compliance.unit_code = units.unit_code
        order by units.display_order, compliance.period
        """,
        [],
    )


def chase(period: str) -> list[Row]:
    return _rows(
        "select * from marts.mart_bulletin_chase_list where period = ? and needs_chasing order by unit_code",
        [period],
    )


def units() -> list[Row]:
    return _rows(
        "select unit_code, unit_name from marts.dim_unit where is_submitting order by display_order", []
    )


def chase_text(period: str, rows: list[Row]) -> str:
    """The chase list as a message to paste into a DingTalk or WeChat group."""
    if not rows:
        return f"{period}月报表：各单位均已报送，无需催报。"
    lines = [f"【催报】{period}月科技创新提能工作进展报表，以下单位请尽快报送："]
    for row in rows:
        reason = f"（{row['rejection_reason_zh']}）" if row.get("rejection_reason_zh") else ""
        lines.append(f"{row['unit_name']}：{row['status_zh']}{reason}")
    lines.append(f"报送截止日为{rows[0]['due_date']}。如有问题请联系{settings.contact()}。")
    return "\n".join(lines)
