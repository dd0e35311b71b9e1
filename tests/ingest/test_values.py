"""Reading one value cell as a number in the measure's unit of measure."""

import datetime as dt

import pytest

from orchestration.ingest.values import Number, parse_number


@pytest.mark.parametrize(
    ("cell", "uom", "expected"),
    [
        (12.0, "家", Number(12.0)),
        ("１２", "家", Number(12.0)),
        ("1,200", "人", Number(1200.0)),
        ("1.2万人", "人", Number(12000.0)),
        ("3场次", "场", Number(3.0)),
        ("2家企业", "家", Number(2.0)),
        ("5000万元", "亿元", Number(0.5)),
        ("800元", "亿元", Number(8e-06)),
        ("14％", "%", Number(14.0, percent_sign=True)),
        ("—", "家", Number(None)),
        ("", "家", Number(None)),
        ("约5家", "家", Number(None, "not_a_number")),
        ("1,2", "家", Number(None, "not_a_number")),
        ("3家，另有2家在谈", "家", Number(None, "not_a_number")),
        (True, "家", Number(None, "not_a_number")),
        (dt.date(2021, 6, 1), "家", Number(None, "not_a_number")),
        ("3人", "家", Number(None, "unit_mismatch")),
        ("14万", "%", Number(None, "unit_mismatch")),
        ("-2", "家", Number(-2.0)),
    ],
)
def test_parse_number(cell, uom, expected):
    assert parse_number(cell, uom) == expected
