"""What reading one submitted file produces; plain data, picklable across worker processes."""

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # the file is rejected
    WARNING = "warning"  # the file is accepted; the unit should fix this next time
    INFO = "info"


class FileStatus(StrEnum):
    ACCEPTED = "accepted"
    ACCEPTED_WITH_WARNINGS = "accepted_with_warnings"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"  # the same bytes were already received under another name


@dataclass(frozen=True)
class Message:
    """One problem in a file, in words a clerk understands; located as Excel shows it."""

    severity: Severity
    code: str
    text_zh: str
    text_en: str
    sheet: str | None = None
    row: int | None = None  # 1-based row number as shown in Excel
    column: str | None = None  # column letter as shown in Excel, e.g. "F"


@dataclass(frozen=True)
class ProgressRow:
    sheet: str
    row: int
    measure_code: str
    measure_as_written: str
    month_value: float | None
    ytd_value: float | None
    month_text: str | None
    ytd_text: str | None
    note: str | None


@dataclass(frozen=True)
class TotalRow:
    """The sheet's own 合计 row, kept apart so the checks can compare it with the detail rows."""

    sheet: str
    row: int
    month_value: float | None
    ytd_value: float | None


@dataclass(frozen=True)
class DeliverableRow:
    sheet: str
    row: int
    deliverable_code: str | None
    deliverable_name: str
    measure_code: str | None
    status_code: str | None
    status_as_written: str | None
    note: str | None


@dataclass
class ParsedFile:
    unit_code: str | None = None
    unit_as_written: str | None = None
    period: str | None = None  # YYYY-MM
    period_as_written: str | None = None
    template_version: str | None = None
    reporter: str | None = None
    phone: str | None = None
    rows: list[ProgressRow] = field(default_factory=list)
    totals: list[TotalRow] = field(default_factory=list)
    deliverables: list[DeliverableRow] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)

    @property
    def status(self) -> FileStatus:
        severities = {m.severity for m in self.messages}
        if Severity.ERROR in severities:
            return FileStatus.REJECTED
        if Severity.WARNING in severities:
            return FileStatus.ACCEPTED_WITH_WARNINGS
        return FileStatus.ACCEPTED
