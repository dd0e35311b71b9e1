"""The message catalogue: every template fills, reads Chinese first, and has a faithful English."""

import re
import string

import pytest

from orchestration.ingest import messages


@pytest.mark.parametrize("code", sorted(messages.CATALOGUE))
def test_every_message_fills_in_both_languages(code):
    _, zh, en = messages.CATALOGUE[code]
    fields = {name for text in (zh, en) for _, name, _, _ in string.Formatter().parse(text) if name}
    sample = {name: 3 for name in fields}

    message = messages.make(code, "月度进展", 12, "F", **sample)

    assert message.code == code
    assert re.search(r"[\u4e00-\u9fff]", message.text_zh)
    assert message.text_zh.startswith("工作表“月度进展”第12行F列")
    assert message.text_en.startswith("Sheet '月度进展', row 12, column F: ")
    assert "{" not in message.text_zh + message.text_en


def test_column_letters_as_excel_shows_them():
    assert [messages.column_letter(i) for i in (0, 5, 25, 26, 16383)] == ["A", "F", "Z", "AA", "XFD"]
    assert messages.cell_name(1048575, 16383) == "XFD1048576"
