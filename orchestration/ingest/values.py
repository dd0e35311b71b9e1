"""What a cell says, normalised: its text, a label to match against the contract, a number.

Numbers are read the way clerks write them: full-width digits (１２), thousands separators
("1,200"), a unit after the number ("2家", "3 场", "5000万元"), and a remark in brackets.
Amounts are converted to the measure's unit of measure ("5000万元" is 0.5 for a 亿元 measure),
and so is a plain number under a header or in a row that states its unit (本月完成（万元）).
What cannot be read as one finite number is refused with the reason: a spreadsheet error
(#DIV/0!), NaN or infinity, digits apart ("5 6": 56, or 5 and 6?), text.
"""

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from orchestration.submissions.contract import NOT_APPLICABLE

# The longest texts kept from a cell: a note (进展情况说明, 说明), and a name or other short text.
NOTE_LIMIT = 500
NAME_LIMIT = 100
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
# Digits with a space between them ("5 6", "1 200"), in any of the spaces NFKC turns into " ".
_SPACED_DIGITS = re.compile(r"\d\s+[\d.,]")
# What Excel, WPS and LibreOffice show in a cell whose formula failed.
SPREADSHEET_ERRORS = {
    "#DIV/0!": ("除数为零", "division by zero"),
    "#VALUE!": ("公式中的数据类型不对", "a value of the wrong type in the formula"),
    "#N/A": ("找不到公式引用的值", "a value the formula looks up is not there"),
    "#REF!": ("公式引用的单元格已被删除", "a cell the formula refers to was deleted"),
    "#NAME?": ("公式中有无法识别的名称", "a name in the formula is not recognised"),
    "#NUM!": ("公式得出的数值无效", "the formula gives an invalid number"),
    "#NULL!": ("公式引用的区域不相交", "the formula's ranges do not intersect"),
    "#SPILL!": ("公式结果无法展开", "the formula's result cannot spill"),
    "#CALC!": ("公式无法计算", "the formula cannot be calculated"),
    "#GETTING_DATA": ("数据尚未取回", "the data was not fetched yet"),
}
_LIBREOFFICE_ERROR = re.compile(r"ERR:\d{3}|#[A-Z/0]+[!?]")
_NOT_FINITE_WORDS = {"nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "∞", "-∞"}


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


def spreadsheet_error(text: str) -> str | None:
    """The error a cell's text shows ("#DIV/0!", LibreOffice's "Err:502"), or None."""
    code = folded(text).upper()
    return code if code in SPREADSHEET_ERRORS or _LIBREOFFICE_ERROR.fullmatch(code) else None


def error_meaning(code: str) -> tuple[str, str]:
    """What a spreadsheet error means, in Chinese and English."""
    return SPREADSHEET_ERRORS.get(code, ("公式计算出错", "the formula failed"))


@dataclass(frozen=True)
class Unit:
    """A unit of measure as written: a magnitude word and a base ("万元" is 万 and 元)."""

    magnitude: str
    base: str

    @property
    def scale(self) -> float:
        return _MAGNITUDES[self.magnitude]

    @property
    def text(self) -> str:
        return self.magnitude + self.base


@lru_cache(maxsize=256)
def parse_unit(text: str) -> Unit | None:
    """The unit of measure `text` is ("万元", "%", "家", "亿"), or None if it is not one."""
    plain = folded(text)
    plain = re.sub(r"^(?:计量)?单位[:：]?", "", plain)
    match = _UNIT.fullmatch(plain)
    if not plain or not match or match.group(3) or not (match.group(1) or match.group(2)):
        return None
    return Unit(match.group(1) or "", match.group(2) or "")


def stated_unit(header: str) -> Unit | None:
    """The unit a header states in brackets: "本月完成（万元）", "累计完成(亿元)", "完成（单位：%）"."""
    for inside in re.findall(r"\(([^()]*)\)", unicodedata.normalize("NFKC", header)):
        unit = parse_unit(inside)
        if unit:
            return unit
    return None


@dataclass(frozen=True)
class Number:
    value: float | None  # in the measure's unit of measure; None when empty, n/a or unreadable
    # "not_a_number" | "unit_mismatch" | "stated_unit_mismatch" | "spreadsheet_error" |
    # "not_finite" | "spaced_digits"
    problem: str | None = None
    percent_sign: bool = False  # the text said "%" itself


def _compatible(written: str, base: str) -> bool:
    return written == base or written in _SAME_COUNT.get(base, "")


def _in_uom(value: float, written: Unit, uom: str | None, problem: str) -> Number:
    """`value` written in unit `written`, converted to `uom` (None: any unit, nothing converted)."""
    value *= written.scale
    if uom is None:
        return Number(value)
    measure = parse_unit(uom) or Unit("", uom)
    base = measure.base or uom
    if (written.base and not _compatible(written.base, base)) or (written.magnitude and base == "%"):
        return Number(None, problem)
    return Number(round(value / measure.scale, 10))


def parse_number(cell: object, uom: str | None, stated: Unit | None = None) -> Number:
    """A value cell read as a number in `uom` (None: any unit word accepted, nothing converted).

    `stated` is the unit the column's header or the row states for a plain number."""
    if isinstance(cell, bool):
        return Number(None, "not_a_number")
    if isinstance(cell, int | float):
        if not math.isfinite(cell):
            return Number(None, "not_finite")
        return _in_uom(float(cell), stated, uom, "stated_unit_mismatch") if stated else Number(float(cell))
    if isinstance(cell, dt.date | dt.time | dt.timedelta):
        return Number(None, "not_a_number")
    raw = cell_text(cell)
    text = folded(raw)
    if not text or text.lower() in _NOT_APPLICABLE:
        return Number(None)
    if spreadsheet_error(text):
        return Number(None, "spreadsheet_error")
    if text.lower() in _NOT_FINITE_WORDS:
        return Number(None, "not_finite")
    if _SPACED_DIGITS.search(unicodedata.normalize("NFKC", raw)):
        return Number(None, "spaced_digits")
    number = _NUMBER.fullmatch(text)
    if not number:
        return Number(None, "not_a_number")
    sign, digits, fraction, rest = number.groups()
    value = float(sign + digits.replace(",", "") + (fraction or ""))
    magnitude, written_base, remark = _UNIT.fullmatch(_BRACKETED.sub("", rest)).groups()
    if re.search(r"\d", remark) or (remark and not (magnitude or written_base)):
        return Number(None, "not_a_number")
    if not (magnitude or written_base):
        return _in_uom(value, stated, uom, "stated_unit_mismatch") if stated else Number(value)
    written = Unit(magnitude or "", written_base or "")
    found = _in_uom(value, written, uom, "unit_mismatch")
    return Number(found.value, found.problem, percent_sign=written_base == "%")


# Characters a clerk cannot see in a cell, by name; other spaces, controls and format characters
# are named by their code point.
_INVISIBLE = {
    "\u200b": ("零宽空格", "zero-width space"),
    "\u200c": ("零宽非连接符", "zero-width non-joiner"),
    "\u200d": ("零宽连接符", "zero-width joiner"),
    "\u2060": ("零宽不换行符", "word joiner"),
    "\ufeff": ("BOM字符", "byte-order mark"),
    "\u00a0": ("不换行空格", "no-break space"),
    "\u3000": ("全角空格", "full-width space"),
    "\u00ad": ("软连字符", "soft hyphen"),
    "\t": ("制表符", "tab"),
    "\n": ("换行符", "line break"),
    "\r": ("回车符", "carriage return"),
}
_INVISIBLE_KINDS = {
    "Zs": ("特殊空格", "odd space"),
    "Zl": ("换行符", "line separator"),
    "Zp": ("分段符", "paragraph separator"),
    "Cc": ("控制字符", "control character"),
    "Cf": ("格式字符", "format character"),
}


def invisible_name(char: str) -> tuple[str, str] | None:
    """The Chinese and English name of a character a clerk cannot see, or None if it shows."""
    if char in _INVISIBLE:
        return _INVISIBLE[char]
    kind = _INVISIBLE_KINDS.get(unicodedata.category(char)) if char != " " else None
    return (f"{kind[0]}U+{ord(char):04X}", f"{kind[1]} U+{ord(char):04X}") if kind else None


def without_invisible(text: str) -> str:
    """`text` without the characters a clerk cannot see (spaces stay)."""
    return "".join(c for c in text if c == " " or invisible_name(c) is None)
