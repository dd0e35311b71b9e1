"""Who sent a file and for which month, from the sheet itself; checked against folder and file name.

The sheet is the authority. Where the folder, the file name or the template's own stamp say
something else, the file is rejected with both readings: the reader never re-assigns a file.
What a message asks about the month is something the clerk can do: the template's 报送月份 cell
is locked, so a clerk who filled the template is sent for the right template or folder or name.
"""

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from functools import cache

from orchestration import reference
from orchestration.ingest import messages
from orchestration.ingest.layout import Located
from orchestration.ingest.model import Message
from orchestration.ingest.values import NAME_LIMIT, cell_text, folded, without_invisible
from orchestration.submissions.contract import HEADER_FIELDS, PORTAL_NAME_MARK, TEMPLATE_VERSION

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
# An Excel date serial number in the range of this century's dates (36526 is 2000-01-01).
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_SERIALS = range(36526, 73051)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_HEADER_LABELS = {f.key: f for f in HEADER_FIELDS}


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


def date_serial(cell: object) -> dt.date | None:
    """The date an Excel date serial number stands for (44256 is 2021-03-01), or None."""
    if isinstance(cell, bool) or (isinstance(cell, float) and not math.isfinite(cell)):
        return None
    if isinstance(cell, int | float):
        number = cell
    elif _SERIAL.fullmatch(text := folded(cell_text(cell))):
        number = float(text)
    else:
        return None
    return _EXCEL_EPOCH + dt.timedelta(days=int(number)) if int(number) in _SERIALS else None


def units_named_in(file_name: str) -> set[str]:
    """The units a file name names, by code (S06) or by name or alias (金银湖街)."""
    name = folded(file_name.rsplit(".", 1)[0])
    units = {c.upper() for c in _NAME_CODE.findall(name) if c.upper() in reference.units()}
    aliases, longest = _alias_lengths(reference.state())
    # every piece of the name looked up, not every alias searched for: a file costs the same
    # whether the plan has 20 units or 20,000
    pieces = {name[i:j] for i in range(len(name)) for j in range(i + 1, min(len(name), i + longest) + 1)}
    return units | {aliases[piece] for piece in pieces if piece in aliases}


@cache
def _alias_lengths(state: str) -> tuple[dict[str, str], int]:
    """The aliases that are not a unit's code, and the longest one's length."""
    aliases = {alias: code for alias, code in reference.unit_aliases().items() if alias != code}
    return aliases, max(map(len, aliases), default=0)


def unit_of(header: dict[str, Located]) -> str | None:
    """The unit a header block names (填报单位 or 单位编码), if it names one of the plan's."""
    texts = (cell_text(header[key].value) for key in ("unit", "unit_code") if key in header)
    return next((code for code in map(reference.resolve_unit, texts) if code), None)


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
    # Kept as written, but never more than a name: a longer text is no unit's name (unit_unknown).
    as_written = cell_text(written[0].value) if written else meta.get("unit_name")
    identity.unit_as_written = as_written[:NAME_LIMIT] if as_written else None
    codes = list(dict.fromkeys(code for code, _, _ in readings if code))
    unknown = [located for located in written if reference.resolve_unit(cell_text(located.value)) is None]
    if unknown:  # the sheet names no unit of the plan: the hidden stamp does not overrule it
        where, written = _where(sheet, unknown[0]), cell_text(unknown[0].value)
        clean = without_invisible(written)
        clean_reading = clean if clean != written and reference.resolve_unit(clean) else None
        identity.messages.append(
            messages.make("unit_unknown", **where, written=written, clean_reading=clean_reading)
        )
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


def _period(
    identity: Identity, sheet: str, header: dict[str, Located], meta: dict[str, str], template: bool
) -> None:
    # A template reused from last month with 报送月份 changed is fine: the visible month wins.
    located = header.get("period")
    written = cell_text(located.value) if located else meta.get("period", "")
    action = messages.period_action("fill_in", template)
    if not written:
        identity.messages.append(messages.make("period_missing", **action))
        return
    identity.period_as_written = written[:NAME_LIMIT]
    value = located.value if located else written
    # A located month on the template is in its locked cell: the message does not point at it.
    where = _where(sheet, located) if located and not template else {}
    serial = date_serial(value)
    if serial:
        period = f"{serial.year:04d}-{serial.month:02d}"
        identity.messages.append(
            messages.make(
                "period_date_serial",
                **where,
                written=written,
                date=serial.isoformat(),
                period=period,
                **action,
            )
        )
        return
    identity.period = parse_period(value)
    if identity.period is None:
        identity.messages.append(messages.make("period_unreadable", **where, written=written, **action))


def _check_period(identity: Identity, folder_period: str | None, today: dt.date, template: bool) -> None:
    period, year = identity.period, int(identity.period[:4])
    if not reference.has_plan(year):
        action = messages.period_action("other_year", template, year=year)
        loaded = "、".join(f"{y}年" for y in reference.plan_years())
        identity.messages.append(
            messages.make("period_outside_plan_year", period=period, year=year, loaded=loaded, **action)
        )
    elif period > f"{today.year:04d}-{today.month:02d}":
        action = messages.period_action("future", template)
        identity.messages.append(messages.make("period_in_future", period=period, **action))
    if folder_period and folder_period != period:
        action = messages.period_action("folder", template, folder=folder_period)
        identity.messages.append(
            messages.make("folder_period_mismatch", folder=folder_period, period=period, **action)
        )


def _renamed(file_name: str, period: str, unit_code: str | None) -> str:
    """The name a file for `period` would have: the template's own, when the unit is known."""
    suffix = "." + file_name.rsplit(".", 1)[1] if "." in file_name else ""
    if unit_code:
        return f"{period}_{unit_code}_{reference.units()[unit_code].name}{suffix}"
    return f"{period}{suffix}"


def _check_file_name(identity: Identity, file_name: str, template: bool) -> None:
    name = folded(file_name.rsplit(".", 1)[0])
    periods = {f"{y}-{int(m):02d}" for y, m in _NAME_PERIOD.findall(name)}
    months = {f"{int(m)}月" for m in _NAME_MONTH.findall(name)} if not periods else set()
    period = identity.period
    if period and (periods - {period} or months - {f"{int(period[5:])}月"}):
        found = "、".join(sorted(periods | months))
        suggested = _renamed(file_name, period, identity.unit_code)
        action = messages.period_action("file_name", template)
        identity.messages.append(
            messages.make(
                "filename_period_mismatch", name=file_name, found=found, period=period, suggested=suggested,
                **action,
            )
        )  # fmt: skip
    units = units_named_in(file_name)
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
    template = bool(meta)  # made by the template writer, whose 报送月份 cell is locked
    blank = {key: located for key, located in header.items() if not cell_text(located.value)}
    header = {key: located for key, located in header.items() if key not in blank}
    _unit(identity, sheet, header, meta)
    _period(identity, sheet, header, meta, template)
    if identity.period:
        _check_period(identity, folder_period, today, template)
    if PORTAL_NAME_MARK not in file_name:  # the portal chose that name, not the clerk
        _check_file_name(identity, file_name, template)
    # Up to version 2 the template showed its version in the header block; since, only _meta has it.
    version = cell_text(header["template_version"].value) if "template_version" in header else ""
    identity.template_version = version or meta.get("template_version") or None
    found = _version(identity.template_version or "")
    if found is not None and found < int(TEMPLATE_VERSION):
        identity.messages.append(
            messages.make("template_outdated", found=identity.template_version, current=TEMPLATE_VERSION)
        )
    identity.reporter = _text(identity, sheet, header, "reporter")
    identity.phone = _text(identity, sheet, header, "phone")
    # A 填报人 or 联系电话 line left blank: the office wants to know whom to call about the data.
    for key in ("reporter", "phone"):
        if key in blank:
            identity.messages.append(messages.make(f"{key}_missing", **_where(sheet, blank[key])))
    return identity


def _text(identity: Identity, sheet: str, header: dict[str, Located], key: str) -> str | None:
    """A header field's text, cut to NAME_LIMIT characters with a warning naming the cell."""
    if key not in header:
        return None
    text = cell_text(header[key].value)
    if len(text) > NAME_LIMIT:
        f = _HEADER_LABELS[key]
        fields = {"label": f.label, "label_en": f.label_en, "length": len(text), "limit": NAME_LIMIT}
        identity.messages.append(messages.make("text_too_long", **_where(sheet, header[key]), **fields))
    return text[:NAME_LIMIT]
