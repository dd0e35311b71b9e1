"""`tineng demo`: a synthetic year of unit submissions in raw/, labelled as demo data throughout.

Every submitting unit sends a file every month, mostly the filled template on time; some send
late, some send a correction a few days later, a few send the kinds of files people really make
(see messy.py), and two send a file that must be rejected and then send it again. A file's
modification time is when it was received, in Asia/Shanghai time.

Each month folder is written whole into a private folder and renamed into place, with a manifest
(.demo.json) naming its files, so real data and demo data never share a folder.
"""

import json
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook

from orchestration import reference, settings
from orchestration.submissions import contract, templates
from orchestration.submissions.contract import DEMO_REPORTER
from tineng_demo import messy
from tineng_demo.values import UnitMonth, seeded_rng, simulate_year

MANIFEST = ".demo.json"
DEMO_PHONE = "027-00000000"

# (month, unit) -> what that unit sends that month instead of the clean template. Spread over the
# year so that a demo stopped early still shows some of them.
SPECIAL_FILES = {
    (1, "S06"): "shifted_merged",
    (2, "S01"): "not_applicable",
    (2, "S09"): "xls",
    (3, "D02"): "text_with_units",
    (4, "S10"): "csv_gbk",
    (5, "P03"): "english_headers",
    (5, "S04"): "rejected_wrong_period",
    (6, "S07"): "columns_reordered_total",
    (7, "P05"): "ods",
    (8, "D05"): "thousands_separators",
    (9, "S11"): "csv_utf8",
    (10, "S08"): "rejected_text_value",
}
REJECTED_KINDS = ("rejected_wrong_period", "rejected_text_value")


def _unchanged(sheets: messy.Sheets) -> messy.Sheets:
    return sheets


# kind -> (the edit, the file format it is saved in)
HAND_EDITS: dict[str, tuple[Callable[[messy.Sheets], messy.Sheets], str]] = {
    "shifted_merged": (messy.shifted_and_merged, "xlsx"),
    "columns_reordered_total": (messy.columns_reordered_with_total, "xlsx"),
    "english_headers": (messy.english_headers, "xlsx"),
    "xls": (messy.single_line_headers, "xls"),
    "csv_utf8": (_unchanged, "csv_utf8"),
    "csv_gbk": (_unchanged, "csv_gbk"),
    "ods": (_unchanged, "ods"),
    "text_with_units": (messy.with_units, "template"),
    "thousands_separators": (messy.with_separators, "template"),
    "not_applicable": (messy.with_not_applicable, "template"),
    "rejected_text_value": (messy.with_text_value, "template"),
}
_SUFFIXES = {
    "template": ".xlsx",
    "xlsx": ".xlsx",
    "xls": ".xls",
    "csv_utf8": ".csv",
    "csv_gbk": ".csv",
    "ods": ".ods",
}
CORRECTIONS_PER_YEAR = 8
_OFTEN_LATE_UNITS = 2
_LATE_CHANCE = {True: 0.3, False: 0.02}  # for units that are often late, and for the others


@dataclass(frozen=True)
class DemoFile:
    period: str  # the month folder
    name: str
    unit_code: str
    kind: str
    received_at: datetime

    @property
    def late(self) -> bool:
        return self.received_at.date() > templates.due_date(self.period)


@dataclass(frozen=True)
class DemoSummary:
    raw_dir: Path
    files: tuple[DemoFile, ...]
    skipped_months: tuple[str, ...]  # already held demo data, left as they were

    def by_kind(self) -> dict[str, int]:
        return dict(sorted(Counter(f.kind for f in self.files).items()))

    @property
    def late(self) -> int:
        return sum(f.late for f in self.files)


@dataclass(frozen=True)
class _Planned:
    file: DemoFile
    sheets: messy.Sheets
    file_format: str = "template"  # the unit's own template, typed into


def _timezone() -> ZoneInfo:
    return ZoneInfo(settings.TIMEZONE)


def _last_month(through: str, year: int) -> int:
    match = re.fullmatch(r"(\d{4})-(\d{2})", through)
    if not match or int(match[1]) != year or not 1 <= int(match[2]) <= 12:
        raise ValueError(
            f"演示数据只能生成 {year} 年内的月份，格式为 YYYY-MM，收到“{through}”。"
            f" / The demo covers months of {year} only (YYYY-MM); got {through!r}."
        )
    return int(match[2])


def _holds_demo_month(folder: Path) -> bool:
    """True if the folder holds a demo month already, False if it is missing or empty; raises if
    it holds anything else."""
    present = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    if not present:
        return False
    listed = (
        set(json.loads((folder / MANIFEST).read_text("utf-8"))["files"]) if MANIFEST in present else set()
    )
    foreign = sorted(present - listed - {MANIFEST})
    if foreign:
        raise ValueError(
            f"{folder} 中已有不是演示数据的文件（{'、'.join(foreign[:3])} 等 {len(foreign)} 个），"
            "演示数据不能与真实报送放在一起；请把 TINENG_RAW_DIR 指向一个空目录再生成。"
            f" / {folder} holds {len(foreign)} file(s) that are not demo data; demo data is never mixed"
            " with real submissions. Point TINENG_RAW_DIR at an empty folder."
        )
    return True


def _filled_sheets(values: UnitMonth, period: str) -> messy.Sheets:
    """The template's sheets for `period` with the unit's values typed in."""
    progress = templates.progress_sheet_rows(values.unit_code, period)
    for key, text in (("reporter", DEMO_REPORTER), ("phone", DEMO_PHONE), ("reviewer", DEMO_REPORTER)):
        row, column = templates.header_value_cell(key)
        progress[row - 1][column - 1] = text
    reported = {v.measure_code: v for v in values.progress}
    code = templates.column_number("measure_code") - 1
    for row in progress[templates.FIRST_MEASURE_ROW - 1 :]:
        value = reported[str(row[code])]
        row[templates.column_number("month_value") - 1] = templates.cell_number(value.month_value)
        row[templates.column_number("ytd_value") - 1] = templates.cell_number(value.ytd_value)
        row[templates.column_number("note") - 1] = value.note
    deliverables = templates.deliverable_sheet_rows(values.unit_code, period)
    statuses = {d.deliverable_code: d for d in values.deliverables}
    columns = contract.DELIVERABLE_COLUMNS
    code = templates.column_number("deliverable_code", columns) - 1
    for row in deliverables[templates.FIRST_DELIVERABLE_ROW - 1 :]:
        status = statuses[str(row[code])]
        row[templates.column_number("status", columns) - 1] = status.status
        row[templates.column_number("note", columns) - 1] = status.note
    return messy.Sheets(progress, deliverables)


class _TemplateTyping:
    """Types values into units' templates as the units would (input cells only). Each unit's
    workbook is built once and reused month by month: building styles is the slow part."""

    def __init__(self) -> None:
        self._workbooks: dict[str, Workbook] = {}

    def write(self, path: Path, unit_code: str, sheets: messy.Sheets, saved_at: datetime) -> Path:
        period_row, period_column = templates.header_value_cell("period")
        period = str(sheets.progress[period_row - 1][period_column - 1])
        year, month = (int(part) for part in period.split("-"))
        issued = datetime(year, month, 25, 9, 0, tzinfo=_timezone())
        if unit_code not in self._workbooks:
            self._workbooks[unit_code] = templates.build_template(unit_code, period, issued)
        wb = self._workbooks[unit_code]
        templates.set_period(wb, period, issued)
        templates.type_values(wb, sheets.progress, sheets.deliverables)
        wb.properties.modified = templates.utc_naive(saved_at)
        wb.properties.lastModifiedBy = DEMO_REPORTER
        return templates.save_workbook(wb, path)


def _with_correction_note(sheets: messy.Sheets, wrong: messy.Sheets, measure_code: str) -> messy.Sheets:
    """The right values, with a note on the row the typo was in, as units write it."""
    code, ytd, note = (templates.column_number(k) - 1 for k in ("measure_code", "ytd_value", "note"))
    progress = [list(row) for row in sheets.progress]
    for row, wrong_row in zip(progress, wrong.progress, strict=True):
        if row[code] == measure_code:
            was, now = (messy.plain_number(float(v)) for v in (wrong_row[ytd], row[ytd]))
            row[note] = f"更正：累计完成由 {was} 更正为 {now}。{row[note]}"
    return messy.Sheets(progress, sheets.deliverables)


class _Schedule:
    """When each unit's files arrive: seeded, the same whatever month the demo stops at."""

    def __init__(self, seed: int, year: int) -> None:
        self._seed = seed
        self._year = year
        codes = [u.code for u in reference.submitting_units(year)]
        self._often_late = set(seeded_rng(seed, "often-late").sample(codes, _OFTEN_LATE_UNITS))

    def arrival(self, unit_code: str, month: int) -> datetime:
        rng = seeded_rng(self._seed, "arrival", unit_code, month)
        first = datetime(self._year + month // 12, month % 12 + 1, 1, tzinfo=_timezone())
        if rng.random() < _LATE_CHANCE[unit_code in self._often_late]:
            day = rng.randint(6, 12)
        else:  # on time, mostly close to the due day
            days = range(1, settings.submission_due_day() + 1)
            day = rng.choices(days, weights=days)[0]
        return first + timedelta(
            days=day - 1, hours=rng.randint(8, 17), minutes=rng.randint(0, 59), seconds=rng.randint(0, 59)
        )

    def follow_up(self, unit_code: str, month: int, after: datetime) -> datetime:
        """A correction or a resubmission: one to four days after the first file, in office hours."""
        rng = seeded_rng(self._seed, "follow-up", unit_code, month)
        day = after.replace(hour=0, minute=0, second=0) + timedelta(days=rng.randint(1, 4))
        return day + timedelta(
            hours=rng.randint(8, 17), minutes=rng.randint(0, 59), seconds=rng.randint(0, 59)
        )

    def corrections(self, values: dict[tuple[str, str], UnitMonth]) -> set[tuple[int, str]]:
        """(month, unit) pairs whose first file has a typo that a second file corrects."""
        candidates = sorted(
            (month, unit_code)
            for unit_code, period in values
            if (month := int(period[5:])) > 1 and (month, unit_code) not in SPECIAL_FILES
        )
        seeded_rng(self._seed, "corrections").shuffle(candidates)
        chosen = []
        for month, unit_code in candidates:
            period = f"{self._year}-{month:02d}"
            if messy.with_typo(_filled_sheets(values[unit_code, period], period)) is not None:
                chosen.append((month, unit_code))
            if len(chosen) == CORRECTIONS_PER_YEAR:
                break
        return set(chosen)


def _stem(unit_code: str, period: str) -> str:
    unit = reference.units()[unit_code]
    return Path(contract.template_file_name(period, unit.code, unit.name)).stem


def _hand_edited_name(kind: str, unit_code: str, period: str, file_format: str) -> str:
    year, month = period.split("-")
    suffix = _SUFFIXES[file_format]
    if kind == "shifted_merged":
        return f"{messy.full_name(unit_code)}{year}年{int(month)}月科技创新提能工作进展{suffix}"
    if kind == "xls":
        return f"{reference.units()[unit_code].name}{year}年{int(month)}月科技创新提能月报表{suffix}"
    return _stem(unit_code, period) + suffix


def _plan(
    schedule: _Schedule,
    values: dict[tuple[str, str], UnitMonth],
    unit_code: str,
    period: str,
    corrected: bool,
) -> list[_Planned]:
    """The files the unit sends for the month, in the order they arrive."""
    month = int(period[5:])
    stem = _stem(unit_code, period)
    sheets = _filled_sheets(values[unit_code, period], period)
    received = schedule.arrival(unit_code, month)
    second = schedule.follow_up(unit_code, month, received)
    kind = SPECIAL_FILES.get((month, unit_code))
    if corrected:
        typo = messy.with_typo(sheets)
        assert typo is not None, "corrections are only chosen where a typo can be made"
        wrong, measure_code = typo
        return [
            _Planned(DemoFile(period, f"{stem}.xlsx", unit_code, "typo", received), wrong),
            _Planned(
                DemoFile(period, f"{stem}_更正.xlsx", unit_code, "correction", second),
                _with_correction_note(sheets, wrong, measure_code),
            ),
        ]
    if kind is None:
        return [_Planned(DemoFile(period, f"{stem}.xlsx", unit_code, "template", received), sheets)]
    if kind == "rejected_wrong_period":
        previous = f"{period[:5]}{month - 1:02d}"
        stale = _filled_sheets(values[unit_code, previous], previous)
        first = _Planned(DemoFile(period, f"{stem}.xlsx", unit_code, kind, received), stale)
    else:
        edit, file_format = HAND_EDITS[kind]
        name = _hand_edited_name(kind, unit_code, period, file_format)
        first = _Planned(DemoFile(period, name, unit_code, kind, received), edit(sheets), file_format)
    if kind not in REJECTED_KINDS:
        return [first]
    return [
        first,
        _Planned(DemoFile(period, f"{stem}_重新报送.xlsx", unit_code, "resubmission", second), sheets),
    ]


def _render(item: _Planned, path: Path, typing: _TemplateTyping) -> None:
    saved_at = item.file.received_at
    match item.file_format:
        case "template":
            typing.write(path, item.file.unit_code, item.sheets, saved_at)
        case "xlsx":
            messy.write_xlsx(path, item.sheets, saved_at)
        case "xls":
            messy.write_xls(path, item.sheets)
        case "csv_utf8":
            messy.write_csv(path, item.sheets.progress, "utf-8-sig")
        case "csv_gbk":
            messy.write_csv(path, item.sheets.progress, "gbk")
        case "ods":
            messy.write_ods(path, item.sheets, saved_at)


def _write_month(
    raw_dir: Path, period: str, planned: list[_Planned], seed: int, typing: _TemplateTyping
) -> None:
    staging = Path(tempfile.mkdtemp(prefix=f".{period}-", dir=raw_dir))
    staging.chmod(0o755)  # mkdtemp makes it private to us; the month folder is read by others
    try:
        for item in planned:
            path = staging / item.file.name
            _render(item, path, typing)
            received = item.file.received_at.timestamp()
            os.utime(path, (received, received))
        manifest = {
            "note": "演示数据（合成），不是真实报送 / synthetic demo data, not real submissions",
            "seed": seed,
            "files": {
                item.file.name: {
                    "unit_code": item.file.unit_code,
                    "kind": item.file.kind,
                    "received_at": item.file.received_at.isoformat(),
                }
                for item in planned
            },
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8")
        target = raw_dir / period
        if target.exists():
            target.rmdir()  # empty: _holds_demo_month let nothing else through
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def generate_demo(
    raw_dir: Path, through: str | None = None, seed: int = 2021, year: int = 2021
) -> DemoSummary:
    """Write demo submissions for every month of `year` up to `through` (default December),
    against that year's loaded plan.

    Months that already hold demo data are left as they are; a month folder holding anything
    else stops the run before a file is written.
    """
    last = _last_month(through or f"{year}-12", year)
    periods = [f"{year}-{month:02d}" for month in range(1, last + 1)]
    raw_dir.mkdir(parents=True, exist_ok=True)
    skipped = tuple(p for p in periods if _holds_demo_month(raw_dir / p))
    values = simulate_year(seed, year)
    schedule = _Schedule(seed, year)
    corrections = schedule.corrections(values)
    typing = _TemplateTyping()
    written: list[DemoFile] = []
    for period in periods:
        if period in skipped:
            continue
        month = int(period[5:])
        planned = [
            item
            for unit in reference.submitting_units(year)
            for item in _plan(schedule, values, unit.code, period, (month, unit.code) in corrections)
        ]
        _write_month(raw_dir, period, planned, seed, typing)
        written += [item.file for item in planned]
    return DemoSummary(raw_dir, tuple(written), skipped)
