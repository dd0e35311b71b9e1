"""What a cell says, normalised: its text, a label to match against the contract, a number.

Numbers are read the way clerks write them: full-width digits (１２), thousands separators
("1,200"), a unit after the number ("2家", "3 场", "5000万元"), and a remark in brackets.
Amounts are converted to the measure's unit of measure ("5000万元" is 0.5 for a 亿元 measure).
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from orchestration.submissions.contract import NOT_APPLICABLE

# Magnitude words that may precede a base unit ("万元", "亿", "1.2万人").
_MAGNITUDES = {"": 1, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8}
_COUNT_WORDS = "家个户所项处座栋件场次届期人名位"
# Count words that mean the same thing as a measure's unit of measure ("3个" for a 家 measure).
_SAME_COUNT = {
    "家": "家个户所",
    "个": "个项处座栋家",
    "项": "项个件",
    "场": "场次届期",
    "人": "人名位",
    "名": "名人位",
}
_NUMBER = re.compile(r"([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(.*)")
_UNIT = re.compile(rf"(十万|百万|千万|[千万亿])?(元|%|[{_COUNT_WORDS}])?(.*)")
_BRACKETED = re.compile(r"\(.*\)$")


def cell_text(cell: object) -> str:
    """The cell as the clerk sees it: "" when empty, 12.0 as "12", dates as 2021-06-01."""
    if cell is None or isinstance(cell, str):
        return (cell or "").strip()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime) and cell.time() == dt.time():
        return cell.date().isoformat()
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    return str(cell)


def folded(text: str) -> str:
    """Full-width folded to ASCII, spaces removed: the form spellings are compared in."""
    return "".join(unicodedata.normalize("NFKC", text).replace("−", "-").split())


_NOT_APPLICABLE = {folded(text).lower() for text in NOT_APPLICABLE}


@lru_cache(maxsize=8192, typed=True)
def label_forms(cell: object) -> frozenset[str]:
    """Forms of a header or label cell to look up among the contract's spellings.

    "本月完成\\nThis month", "本月完成（家）", "填报单位：" and "*本月完成" all yield "本月完成".
    """
    text = cell_text(cell)
    candidates = {text, *text.splitlines()}
    forms = set()
    for candidate in candidates:
        plain = folded(candidate).lower().strip("*:：")
        unbracketed = re.sub(r"\(.*?\)|\[.*?\]", "", plain).strip("*:")
        chinese = re.match(r"[\u4e00-\u9fff]*", unbracketed).group()
        forms |= {plain, unbracketed, chinese}
    return frozenset(forms - {""})


@dataclass(frozen=True)
class Number:
    value: float | None  # in the measure's unit of measure; None when empty, n/a or unreadable
    problem: str | None = None  # "not_a_number" | "unit_mismatch"


def _base_and_scale(uom: str) -> tuple[str, float]:
    magnitude, base, _ = _UNIT.fullmatch(uom).groups()
    return base or uom, _MAGNITUDES[magnitude or ""]


def _compatible(written: str, base: str) -> bool:
    return written == base or written in _SAME_COUNT.get(base, "")


def parse_number(cell: object, uom: str | None) -> Number:
    """A value cell read as a number in `uom` (None: any unit word accepted, nothing converted)."""
    if isinstance(cell, bool):
        return Number(None, "not_a_number")
    if isinstance(cell, int | float):
        return Number(float(cell))
    if isinstance(cell, dt.date | dt.time | dt.timedelta):
        return Number(None, "not_a_number")
    text = folded(cell_text(cell))
    if not text or text.lower() in _NOT_APPLICABLE:
        return Number(None)
    number = _NUMBER.fullmatch(text)
    if not number:
        return Number(None, "not_a_number")
    sign, digits, fraction, rest = number.groups()
    value = float(sign + digits.replace(",", "") + (fraction or ""))
    magnitude, written_base, remark = _UNIT.fullmatch(_BRACKETED.sub("", rest)).groups()
    if re.search(r"\d", remark) or (remark and not (magnitude or written_base)):
        return Number(None, "not_a_number")
    if not (magnitude or written_base):
        return Number(value)
    value *= _MAGNITUDES[magnitude or ""]
    if uom is None:
        return Number(value)
    base, scale = _base_and_scale(uom)
    if (written_base and not _compatible(written_base, base)) or (magnitude and base == "%"):
        return Number(None, "unit_mismatch")
    return Number(round(value / scale, 10))
