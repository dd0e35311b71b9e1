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


def test_invisible_characters_in_a_quoted_value_are_named():
    message = messages.make(
        "value_not_number",
        "月度进展",
        6,
        "F",
        written="1\u200b2\u00a0\x07",
        label="本月完成",
        label_en="This month",
    )

    assert "“1[零宽空格]2[不换行空格][控制字符U+0007]”" in message.text_zh
    assert "'1[zero-width space]2[no-break space][control character U+0007]'" in message.text_en
    assert "看不见的字符" in message.text_zh and "cannot be seen" in message.text_en
    assert not {"\u200b", "\u00a0", "\x07"} & set(message.text_zh + message.text_en)


def test_a_long_quoted_value_is_cut_and_its_length_given():
    message = messages.make("measure_unknown", "月度进展", 6, "B", written="很长" * 5000)

    assert f"“{'很长' * 50}…（共10,000字）”" in message.text_zh
    assert "… (10,000 characters)" in message.text_en
    assert len(message.text_zh) < 300


def test_a_plain_message_gets_no_note_about_invisible_characters():
    message = messages.make(
        "value_not_number", "月度进展", 6, "F", written="abc", label="本月完成", label_en="This month"
    )

    assert "看不见" not in message.text_zh and "[" not in message.text_zh
