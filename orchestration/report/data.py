"""Everything the bulletin and the unit feedback read from the published warehouse.

All SQL of the report lives here, parameterised. Numbers come from the marts as they are: this
module selects, filters, joins labels and orders, and never computes a figure of its own (an
aggregate the bulletin needs is a dbt model under models/marts/bulletin/).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from orchestration.checks import counts

Row = dict[str, Any]


class ReportDataError(Exception):
    """The warehouse cannot give what a report for this month needs (message in Chinese first)."""


class PeriodNotInWarehouse(ReportDataError):
    """The warehouse has no data for the month (no submissions up to it yet)."""


_LATEST_PERIOD = """
    select max(files.period)
    from marts.fct_submission as files
    inner join marts.dim_period as periods on files.period = periods.period
    where files.unit_code is not null
"""
_SUMMARY = "select * from marts.mart_bulletin_summary where period = ?"
# the months of the bulletin's plan year up to its month
_TREND = "select * from marts.mart_bulletin_summary where plan_year = ? and period <= ? order by period"
_DISTRICT = """
    select district.*, status.display_order, status.sole_unit_code, status.sole_unit_name,
        status.units_with_target, indicators.item_group, indicators.district_target_text
    from marts.mart_district_progress as district
    inner join marts.mart_bulletin_measure_status as status
        on district.period = status.period and district.measure_code = status.measure_code
    inner join marts.dim_indicator as indicators
        on district.plan_year = indicators.plan_year and district.measure_code = indicators.measure_code
    where district.period = ?
    order by status.display_order
"""
_MEASURE_STATUS = """
    select status.*, indicators.uom, indicators.is_split, indicators.progress_basis
    from marts.mart_bulletin_measure_status as status
    inner join marts.dim_indicator as indicators
        on status.plan_year = indicators.plan_year and status.measure_code = indicators.measure_code
    where status.period = ?
    order by status.display_order
"""
_UNIT_STATUS = """
    select status.*
    from marts.mart_bulletin_unit_status as status
    inner join marts.dim_unit as units on status.unit_code = units.unit_code
    where status.period = ?
    order by units.display_order
"""
_SCORECARD = """
    select scorecard.*, progress.note, progress.sheet, progress.row_no, measures.display_order
    from marts.mart_unit_scorecard as scorecard
    inner join marts.dim_unit as units on scorecard.unit_code = units.unit_code
    inner join marts.mart_bulletin_measure_status as measures
        on scorecard.period = measures.period and scorecard.measure_code = measures.measure_code
    left join marts.fct_progress as progress
        on scorecard.period = progress.period
        and scorecard.unit_code = progress.unit_code
        and scorecard.measure_code = progress.measure_code
    where scorecard.period = ?
    order by units.display_order, measures.display_order
"""
_COMPLIANCE = """
    select compliance.*
    from marts.mart_submission_compliance as compliance
    inner join marts.dim_unit as units on compliance.unit_code = units.unit_code
    where compliance.period = ?
    order by units.display_order
"""
_CHASE = """
    select chase.*
    from marts.mart_bulletin_chase_list as chase
    inner join marts.dim_unit as units on chase.unit_code = units.unit_code
    where chase.period = ?
    order by
        chase.needs_chasing desc,
        chase.days_late desc nulls last,
        units.display_order
"""
_DELIVERABLES = """
    select deliverables.*
    from marts.mart_deliverable_status as deliverables
    inner join marts.mart_bulletin_measure_status as measures
        on deliverables.period = measures.period and deliverables.measure_code = measures.measure_code
    where deliverables.period = ?
    order by measures.display_order, deliverables.deliverable_code
"""
_FILE_MESSAGES = """
    select messages.*, files.folder_period, files.status_zh as file_status_zh,
        coalesce(units.unit_name, files.unit_as_written) as unit_name
    from marts.fct_submission_message as messages
    inner join marts.fct_submission as files on messages.file_id = files.file_id
    left join marts.dim_unit as units on files.unit_code = units.unit_code
    where messages.period = ? or files.folder_period = ?
    order by messages.unit_code nulls last, messages.file_name, messages.seq
"""
_HAS_AUDIT = """
    select count(*) = 2 from information_schema.tables
    where table_schema = 'audit' and table_name in ('check_results', 'check_findings')
"""
_FINDINGS = """
    select findings.check_name, findings.severity, findings.seq, findings.measure_code,
        findings.unit_code, findings.period, findings.file_id, findings.message_zh, findings.message_en,
        results.suite, results.why_zh, results.why_en, results.asset
    from audit.check_findings as findings
    inner join audit.check_results as results on findings.check_name = results.check_name
    where findings.period is null or findings.period <= ?
    order by results.suite, findings.severity, findings.check_name, findings.seq
"""
_FINDING_COUNTS = """
    select
        (
            select count(*)
            from audit.check_findings as findings
            inner join audit.check_results as plan_checks on findings.check_name = plan_checks.check_name
            where plan_checks.suite = 'reference' and (findings.period is null or findings.period <= $period)
        ) as plan_findings,
        (
            select count(*)
            from audit.check_findings as findings
            inner join audit.check_results as data_checks on findings.check_name = data_checks.check_name
            where data_checks.suite != 'reference' and (findings.period is null or findings.period <= $period)
        ) as data_findings
"""
_IS_DEMO = "select coalesce(bool_or(is_demo), false) from marts.fct_submission where period = ?"
_UNIT_FILES = """
    select files.*
    from marts.fct_submission as files
    where files.unit_code = ? and (files.period = ? or files.folder_period = ?)
    order by files.received_at, files.file_id
"""
_UNIT_MESSAGES = """
    select messages.*
    from marts.fct_submission_message as messages
    inner join marts.fct_submission as files on messages.file_id = files.file_id
    where messages.unit_code = ? and (messages.period = ? or files.folder_period = ?)
    order by files.received_at, messages.file_name, messages.seq
"""
_UNIT_FINDINGS = """
    select findings.check_name, findings.severity, findings.seq, findings.measure_code,
        findings.period, findings.file_id, findings.message_zh, findings.message_en,
        results.suite, results.why_zh
    from audit.check_findings as findings
    inner join audit.check_results as results on findings.check_name = results.check_name
    where (findings.unit_code = ?
            or findings.file_id in (select file_id from marts.fct_submission where unit_code = ?))
        and (findings.period is null or findings.period <= ?)
    order by findings.period desc nulls last, findings.check_name, findings.seq
"""
_SUBMISSION_STATUSES = "select * from marts.dim_submission_status order by display_order"
_PLAN_TASKS = """
    select
        owners.item_code,
        owners.item_name,
        string_agg(distinct units.unit_name, '、') filter (where owners.role = 'lead') as leads,
        string_agg(distinct units.unit_name, '、') filter (where owners.role = 'responsible') as responsible,
        any_value(owners.source) as source
    from marts.fct_owner as owners
    left join marts.dim_unit as units on owners.unit_code = units.unit_code
    where owners.measure_code is null and owners.plan_year = ?
    group by owners.item_code, owners.item_name
    order by owners.item_code
"""
_UNOWNED_DELIVERABLES = """
    select deliverable_code, deliverable_name, measure_name, main_text_leads
    from marts.dim_deliverable
    where not has_owning_unit and plan_year = ?
    order by deliverable_code
"""
_CONFIRMATIONS = """
    select * from marts.fct_plan_confirmation where plan_year = ? order by code, rule
"""
_UNIT_PROGRESS = """
    select scorecard.*, progress.note, progress.sheet, progress.row_no, measures.display_order
    from marts.mart_unit_scorecard as scorecard
    inner join marts.mart_bulletin_measure_status as measures
        on scorecard.period = measures.period and scorecard.measure_code = measures.measure_code
    left join marts.fct_progress as progress
        on scorecard.period = progress.period
        and scorecard.unit_code = progress.unit_code
        and scorecard.measure_code = progress.measure_code
    where scorecard.period = ? and scorecard.unit_code = ?
    order by measures.display_order
"""
_UNIT_DELIVERABLES = """
    select deliverables.*
    from marts.mart_deliverable_status as deliverables
    where deliverables.period = ? and deliverables.unit_code = ?
    order by deliverables.deliverable_code
"""


@dataclass(frozen=True)
class UnitFeedback:
    """What one unit is told about its month."""

    unit: Row  # mart_bulletin_unit_status row: name, type, measures by status, submission status
    compliance: Row
    files: list[Row]
    messages: list[Row]
    findings: list[Row]
    progress: list[Row]
    deliverables: list[Row]


@dataclass(frozen=True)
class Bulletin:
    """Everything the month's bulletin shows, read from one connection (one published snapshot)."""

    period: str
    summary: Row
    trend: list[Row]
    district: list[Row]
    measure_status: list[Row]
    unit_status: list[Row]
    scorecard: list[Row]
    compliance: list[Row]
    chase: list[Row]
    deliverables: list[Row]
    file_messages: list[Row]
    findings: list[Row]
    confirmations: list[Row]  # 口径确认: the office's decisions on the plan's contradictions
    submission_statuses: list[Row]  # labels, colours and order of the submission statuses
    plan_tasks: list[Row]  # sections of 正文 二 without a numeric measure, with their owners
    unowned_deliverables: list[Row]  # named items the plan gives to no unit (未明确责任单位)
    check_counts: Row
    is_demo: bool
    feedback: list[UnitFeedback]  # one per submitting unit, in the order of unit_status

    @property
    def period_label(self) -> str:
        return self.summary["period_label"]

    @property
    def plan_findings(self) -> list[Row]:
        """The plan's own contradictions: findings of the checks on the reference data."""
        return [f for f in self.findings if f["suite"] == "reference"]

    @property
    def data_findings(self) -> list[Row]:
        return [f for f in self.findings if f["suite"] != "reference"]

    @property
    def named_rows(self) -> list[Row]:
        """The scorecard rows a bulletin names (点名): behind, held back, to resubmit or not
        reported; grey (not scored) first, then red, then yellow, widest gap first."""
        order = {"grey": 0, "red": 1, "yellow": 2, "green": 3}
        return sorted(
            (
                r
                for r in self.scorecard
                if r["status_group"] in ("behind", "to_verify", "to_resubmit", "not_reported")
            ),
            key=lambda r: (order[r["rag"]], r["gap_points"] if r["gap_points"] is not None else 0),
        )

    @property
    def split_measures(self) -> list[Row]:
        """Measures split across units in 附件2: the columns of the ranking table."""
        return [m for m in self.measure_status if m["is_split"]]


def _fetch(
    connection: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | dict[str, Any] = ()
) -> list[Row]:
    try:
        cursor = connection.execute(sql, params if isinstance(params, dict) else list(params))
    except duckdb.CatalogException as missing:
        raise ReportDataError(
            "已发布的仓库缺少通报所需的表，请运行 tineng run 重新发布。"
            f"The warehouse lacks a table the report needs: {missing}"
        ) from missing
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def latest_period(connection: duckdb.DuckDBPyConnection) -> str | None:
    """The latest month with submissions in the warehouse."""
    row = connection.execute(_LATEST_PERIOD).fetchone()
    return row[0] if row else None


def has_audit(connection: duckdb.DuckDBPyConnection) -> bool:
    return bool(connection.execute(_HAS_AUDIT).fetchone()[0])


def load_bulletin(connection: duckdb.DuckDBPyConnection, period: str) -> Bulletin:
    summary = _fetch(connection, _SUMMARY, [period])
    if not summary:
        latest = latest_period(connection)
        raise PeriodNotInWarehouse(
            f"仓库中没有 {period} 的数据（最近有报送的月份：{latest or '无'}）。"
            f"No data for {period} in the warehouse (latest month with submissions: {latest or 'none'})."
        )
    audit = has_audit(connection)
    plan_year = summary[0]["plan_year"]  # the month's plan: its tasks, projects and settled contradictions
    unit_status = _fetch(connection, _UNIT_STATUS, [period])
    compliance = _fetch(connection, _COMPLIANCE, [period])
    by_unit = {row["unit_code"]: row for row in compliance}
    return Bulletin(
        period=period,
        summary=summary[0],
        trend=_fetch(connection, _TREND, [plan_year, period]),
        district=_fetch(connection, _DISTRICT, [period]),
        measure_status=_fetch(connection, _MEASURE_STATUS, [period]),
        unit_status=unit_status,
        scorecard=_fetch(connection, _SCORECARD, [period]),
        compliance=compliance,
        chase=_fetch(connection, _CHASE, [period]),
        deliverables=_fetch(connection, _DELIVERABLES, [period]),
        file_messages=_fetch(connection, _FILE_MESSAGES, [period, period]),
        findings=_fetch(connection, _FINDINGS, [period]) if audit else [],
        confirmations=_fetch(connection, _CONFIRMATIONS, [plan_year]),
        submission_statuses=_fetch(connection, _SUBMISSION_STATUSES),
        plan_tasks=_fetch(connection, _PLAN_TASKS, [plan_year]),
        unowned_deliverables=_fetch(connection, _UNOWNED_DELIVERABLES, [plan_year]),
        check_counts=(
            {**counts.read(connection), **_fetch(connection, _FINDING_COUNTS, {"period": period})[0]}
            if audit
            else {}
        ),
        is_demo=bool(connection.execute(_IS_DEMO, [period]).fetchone()[0]),
        feedback=[
            load_feedback(connection, period, unit, by_unit[unit["unit_code"]], audit) for unit in unit_status
        ],
    )


def load_feedback(
    connection: duckdb.DuckDBPyConnection, period: str, unit: Row, compliance: Row, audit: bool
) -> UnitFeedback:
    code = unit["unit_code"]
    return UnitFeedback(
        unit=unit,
        compliance=compliance,
        files=_fetch(connection, _UNIT_FILES, [code, period, period]),
        messages=_fetch(connection, _UNIT_MESSAGES, [code, period, period]),
        findings=_fetch(connection, _UNIT_FINDINGS, [code, code, period]) if audit else [],
        progress=_fetch(connection, _UNIT_PROGRESS, [period, code]),
        deliverables=_fetch(connection, _UNIT_DELIVERABLES, [period, code]),
    )
