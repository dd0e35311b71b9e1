"""What the portal tells a clerk when it does not take a file in at all (nothing is written to raw/)."""

from orchestration.ingest.model import Message, Severity

_WHY = {
    "locked_month": (
        "{period}已由区科经局锁定（截止日已过），不再接收上传。如需补报或更正，请联系区科经局开放该月。",
        "{period} is locked by the office (past its deadline); uploads are refused. Ask the office to reopen it.",
    ),
    "other_unit": (
        "这份报表填的是“{named}”，不是本单位（{unit}）。每个账号只能报送本单位的报表，文件未接收。请下载本单位的模板填写后上传。",
        "This workbook is {named}'s, not {unit}'s. An account can send only its own unit's report; the file was not taken in.",
    ),
    "bad_period": (
        "报送月份应写成 YYYY-MM（如 2021-06），收到“{period}”。",
        "The month must be YYYY-MM (e.g. 2021-06); got {period!r}.",
    ),
}


def refusal(code: str, **fields: str) -> Message:
    zh, en = _WHY[code]
    return Message(Severity.ERROR, f"portal_{code}", zh.format(**fields), en.format(**fields))
