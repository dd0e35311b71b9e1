"""Who sent a file and for which month, from the sheet itself; checked against folder and file name.

The sheet is the authority. Where the folder, the file name or the template's own stamp say
something else, the file is rejected with both readings: the reader never re-assigns a file.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from orchestration import reference, settings
from orchestration.ingest import messages
from orchestration.ingest.layout import Located
from orchestration.ingest.model import Message
from orchestration.ingest.values import cell_text, folded
from orchestration.submissions.contract import TEMPLATE_VERSION

_CHINESE_MONTHS = {
    m: i
    for i, m in enumerate(("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"), 1)
}
_PERIOD = re.compile(
    r"(\d{4})[-./_年]?(\d{1,2}|十[一二]?|[一二三四五六七八九])月?份?"
    r"(?:[-./]\d{1,2}日?)?(?:\d{1,2}:\d{2}(?::\d{2})?)?"
)
_NAME_PERIOD = re.compile(r"(?<!\d)(20\d{2})[-_./年]?(0?[1-9]|1[0-2])(?!\d)(?![-_./]\d)")
_NAME_MONTH = re.compile(r"(?<![\d年.])(0?[1-9]|1[0-2])月")
_NAME_CODE = re.compile(r"(?<![A-Za-z0-9])([SPD]\d{2})(?!\d)", re.IGNORECASE)


@dataclass
class Identity:
    unit_code: str | None = None
    unit_as_written: str | None = None
    period: str | None = None
    period_as_written: str | None = None
    template_version: str | None = None
    reporter: str | None = None
    phone: str | None = None
    messages: list[Message] = field(default_factory=list)


def parse_period(cell: object) -> str | None:
    """The month a cell names as "YYYY-MM": 2021-06, 2021年6月, 2021.6, 202106, ２０２１年六月, a date."""
    if isinstance(cell, dt.date):
        return f"{cell.year:04d}-{cell.month:02d}"
    match = _PERIOD.fullmatch(folded(cell_text(cell)))
    if not match:
        return None
    year, month = int(match.group(1)), _CHINESE_MONTHS.get(match.group(2)) or int(match.group(2))
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None


def _where(sheet: str, located: Located) -> dict:
    return {"sheet": sheet, "row": located.row + 1, "column": messages.column_letter(located.column)}


def _unit(identity: Identity, sheet: str, header: dict[str, Located], meta: dict[str, str]) -> None:
    readings = []  # (unit code or None, how the file says it in Chinese, in English)
    written = [header[key] for key in ("unit", "unit_code") if key in header and cell_text(header[key].value)]
    for located in written:
        text, cell = cell_text(located.value), messages.cell_name(located.row, located.column)
        readings.append(
            (reference.resolve_unit(text), f"{cell}单元格为“{text}”", f"cell {cell} says '{text}'")
        )
    stamped = reference.resolve_unit(meta.get("unit_code") or meta.get("unit_name") or "")
    if stamped:
        name = reference.units()[stamped].name
        readings.append((stamped, f"模板是为“{name}”生成的", f"the template was made for '{name}'"))
    identity.unit_as_written = cell_text(written[0].value) if written else meta.get("unit_name")
    codes = list(dict.fromkeys(code for code, _, _ in readings if code))
    unknown = [located for located in written if reference.resolve_unit(cell_text(located.value)) is None]
    if unknown:  # the sheet names no unit of the plan: the hidden stamp does not overrule it
        where = _where(sheet, unknown[0])
        identity.messages.append(messages.make("unit_unknown", **where, written=cell_text(unknown[0].value)))
    elif len(codes) > 1:
        first, second = (next(r for r in readings if r[0] == code) for code in codes[:2])
        identity.messages.append(
            messages.make(
                "unit_conflict", first=first[1], second=second[1], first_en=first[2], second_en=second[2]
            )
        )
    elif codes:
        identity.unit_code = codes[0]
    elif written:
        where = _where(sheet, written[0])
        identity.messages.append(messages.make("unit_unknown", **where, written=identity.unit_as_written))
    else:
        identity.messages.append(messages.make("unit_missing"))


def _period(identity: Identity, sheet: str, header: dict[str, Located], meta: dict[str, str]) -> None:
    # A template reused from last month with 报送月份 changed is fine: the visible month wins.
    located = header.get("period")
    written = cell_text(located.value) if located else meta.get("period", "")
    if not written:
        identity.messages.append(messages.make("period_missing"))
        return
    identity.period_as_written = written
    identity.period = parse_period(located.value if located else written)
    if identity.period is None:
        where = _where(sheet, located) if located else {}
        identity.messages.append(messages.make("period_unreadable", **where, written=written))


def _check_period(identity: Identity, folder_period: str | None, today: dt.date) -> None:
    period, year = identity.period, settings.plan_year()
    if int(period[:4]) != year:
        identity.messages.append(messages.make("period_outside_plan_year", period=period, year=year))
    elif period > f"{today.year:04d}-{today.month:02d}":
        identity.messages.append(messages.make("period_in_future", period=period))
    if folder_period and folder_period != period:
        identity.messages.append(messages.make("folder_period_mismatch", folder=folder_period, period=period))


def _check_file_name(identity: Identity, file_name: str) -> None:
    name = folded(file_name.rsplit(".", 1)[0])
    periods = {f"{y}-{int(m):02d}" for y, m in _NAME_PERIOD.findall(name)}
    months = {f"{int(m)}月" for m in _NAME_MONTH.findall(name)} if not periods else set()
    period = identity.period
    if period and (periods - {period} or months - {f"{int(period[5:])}月"}):
        found = "、".join(sorted(periods | months))
        identity.messages.append(
            messages.make("filename_period_mismatch", name=file_name, found=found, period=period)
        )
    units = {c.upper() for c in _NAME_CODE.findall(name) if c.upper() in reference.units()}
    units |= {code for alias, code in reference.unit_aliases().items() if alias != code and alias in name}
    if identity.unit_code and units and identity.unit_code not in units:
        found = "、".join(reference.units()[code].name for code in sorted(units))
        unit = reference.units()[identity.unit_code].name
        identity.messages.append(
            messages.make("filename_unit_mismatch", name=file_name, found=found, unit=unit)
        )


def _version(text: str) -> int | None:
    digits = re.search(r"\d+", text)
    return int(digits.group()) if digits else None


def identify(
    sheet: str,
    header: dict[str, Located],
    meta: dict[str, str],
    file_name: str,
    folder_period: str | None,
    today: dt.date,
) -> Identity:
    identity = Identity()
    _unit(identity, sheet, header, meta)
    _period(identity, sheet, header, meta)
    if identity.period:
        _check_period(identity, folder_period, today)
    _check_file_name(identity, file_name)
    version = cell_text(header["template_version"].value) if "template_version" in header else ""
    identity.template_version = version or meta.get("template_version") or None
    found = _version(identity.template_version or "")
    if found is not None and found < int(TEMPLATE_VERSION):
        identity.messages.append(
            messages.make("template_outdated", found=identity.template_version, current=TEMPLATE_VERSION)
        )
    identity.reporter = cell_text(header["reporter"].value) if "reporter" in header else None
    identity.phone = cell_text(header["phone"].value) if "phone" in header else None
    return identity
