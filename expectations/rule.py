"""A data-quality rule: one Great Expectations expectation on one warehouse relation."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"  # the warehouse would be wrong: the refresh is not published
    WARNING = "warning"  # published, and reported in the bulletin and to the units concerned


@dataclass(frozen=True)
class Rule:
    name: str  # expect_..., unique across suites
    schema: str
    relation: str  # a dbt model; the Dagster asset check attaches to it
    severity: Severity
    why_zh: str  # why the rule exists and what to do when it fails
    why_en: str
    expectation: Callable[[], Any]  # builds the gx expectation (gx is imported lazily)
    finding_zh: str  # format string over a failing row's columns
    finding_en: str

    def describe(self, row: Mapping[str, Any]) -> tuple[str, str]:
        values = {k: _display(v) for k, v in row.items()}
        return self.finding_zh.format_map(values), self.finding_en.format_map(values)


def _display(value: Any) -> Any:
    """Numbers as people write them: 5 not 5.0, and a dash for missing values."""
    if value is None or value != value:  # NaN
        return "—"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, float):
        return round(value, 2)
    return value
