"""Validate a DataFrame read from DuckDB against a rule with Great Expectations (pandas datasource).

GX's SQL datasource does not work on DuckDB, so relations are read into pandas first. GX costs
seconds to import; it is imported on first use only.
"""

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pandas as pd

from expectations.rule import Rule

ROW_ID = "_row"
# A relation's column naming, per row, the rules the lead office has settled there (口径确认,
# comma-separated): a settled contradiction is not checked again, the bulletin reports the decision.
CONFIRMED_RULES = "confirmed_rules"
PLAN_YEAR = "plan_year"
# Columns that locate a finding; kept with every failing row when the relation has them.
FINDING_KEYS = ("measure_code", "unit_code", "period", "file_id")
# Enough rows to show in a check's output and to store as findings; the count is always exact.
MAX_FINDINGS = 200


@dataclass(frozen=True)
class Finding:
    row: dict[str, Any]
    message_zh: str
    message_en: str


@dataclass(frozen=True)
class Outcome:
    rule: Rule
    passed: bool
    checked_rows: int
    failing_rows: int
    findings: list[Finding] = field(default_factory=list)


@cache
def _batch_definition():
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
    )
    context = gx.get_context(mode="ephemeral", project_config=config)
    asset = context.data_sources.add_pandas("warehouse").add_dataframe_asset("relation")
    return asset.add_batch_definition_whole_dataframe("whole")


def columns_needed(rule: Rule, available: list[str]) -> list[str]:
    """The columns of a relation a rule reads: those its expectation or its finding sentences name.

    Reading only these keeps a check's memory in proportion to what it looks at.
    """
    text = (
        json.dumps(rule.expectation().configuration.kwargs, default=str) + rule.finding_zh + rule.finding_en
    )
    return [column for column in available if re.search(rf"\b{re.escape(column)}\b", text)]


def validate(rule: Rule, frame: pd.DataFrame) -> Outcome:
    if CONFIRMED_RULES in frame.columns:
        settled = frame[CONFIRMED_RULES].fillna("").str.split(",").apply(lambda rules: rule.name in rules)
        frame = frame[~settled]
    frame = frame.reset_index(drop=True)
    frame[ROW_ID] = range(len(frame))
    batch = _batch_definition().get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(
        rule.expectation(),
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [ROW_ID]},
    )
    failing_ids = [int(item[ROW_ID]) for item in result.result.get("unexpected_index_list") or []]
    failing_ids = list(dict.fromkeys(failing_ids))
    findings = []
    # with more than one plan year loaded, a finding says which year's plan it is about
    several_years = PLAN_YEAR in frame.columns and frame[PLAN_YEAR].nunique() > 1
    for row_id in failing_ids[:MAX_FINDINGS]:
        row = frame.iloc[row_id].drop(labels=[ROW_ID]).to_dict()
        message_zh, message_en = rule.describe(row)
        if several_years and row.get(PLAN_YEAR) is not None:
            message_zh, message_en = f"{row[PLAN_YEAR]}年：{message_zh}", f"{row[PLAN_YEAR]}: {message_en}"
        findings.append(Finding(row=row, message_zh=message_zh, message_en=message_en))
    return Outcome(
        rule=rule,
        passed=bool(result.success),
        checked_rows=len(frame),
        failing_rows=max(len(failing_ids), int(result.result.get("unexpected_count") or 0)),
        findings=findings,
    )
