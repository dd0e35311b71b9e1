"""Text from submissions in spreadsheet cells: formulas become inert text, everything else stays as typed."""

import pytest

from orchestration.report.safe_text import cell_value, neutralise


@pytest.mark.parametrize(
    "typed",
    [
        '=HYPERLINK("https://example.invalid","点此")',
        "+1+1",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "  =cmd|' /C calc'!A0",
        "\u3000=1+1",
    ],
)
def test_formula_like_text_gets_an_apostrophe(typed):
    assert neutralise(typed) == "'" + typed


@pytest.mark.parametrize("typed", ["演示数据：本月完成1家", "—", "1,200", "0.5亿元", "", "a=b"])
def test_ordinary_text_is_left_as_typed(typed):
    assert neutralise(typed) == typed


def test_numbers_and_empty_cells_pass_through():
    assert cell_value(-3.5) == -3.5
    assert cell_value(None) is None
    assert cell_value("=1") == "'=1"
