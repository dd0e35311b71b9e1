"""Files saved by LibreOffice (where it is installed): the template filled in and saved as .ods,
.xls and .xlsx lands as typed, percentages included; its errors and hidden sheets are seen."""

from pathlib import Path

import pytest

from orchestration.ingest.model import FileStatus
from orchestration.ingest.read import read_submission
from tests.ingest.conftest import codes, values
from tests.reliability import hostile

pytestmark = pytest.mark.skipif(not hostile.libreoffice(), reason="LibreOffice (soffice) is not installed")


@pytest.mark.parametrize("suffix", ["ods", "xls", "xlsx"])
def test_a_template_saved_by_libreoffice_lands_as_typed(tmp_path, suffix):
    path = hostile.libreoffice_template("S06", suffix)(
        tmp_path / "2021-03" / f"2021-03_S06_金银湖街.{suffix}"
    )
    parsed = read_submission(path, "2021-03")

    assert parsed.status == FileStatus.ACCEPTED, parsed.messages
    assert (parsed.unit_code, parsed.period, parsed.template_version) == ("S06", "2021-03", "3")
    assert values(parsed) == {code: (1, 3) for code in hostile.measures_of("S06")}  # the rate: 1% and 3%
    assert parsed.rows[0].month_text == "1%"


def test_formula_errors_saved_by_libreoffice_are_refused_naming_the_cells(tmp_path):
    parsed = read_submission(hostile.libreoffice_formula_errors(tmp_path / "a.ods"), "2021-03")

    assert [(m.code, m.column) for m in parsed.messages] == [
        ("value_spreadsheet_error", "F"),
        ("value_spreadsheet_error", "G"),
    ]
    assert "“#DIV/0!”" in parsed.messages[0].text_zh and "“#N/A”" in parsed.messages[1].text_zh


@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_hidden_sheets_saved_by_libreoffice_are_not_read(tmp_path, suffix):
    hidden = hostile.hidden_progress_sheet(tmp_path / "hidden.xlsx")
    very_hidden = hostile.very_hidden_progress_sheet(tmp_path / "very_hidden.xlsx")

    def converted(source: Path) -> Path:
        return hostile.convert_with_libreoffice(source, suffix, tmp_path / suffix / f"{source.stem}.{suffix}")

    assert codes(read_submission(converted(hidden), "2021-03")) == ["folder_period_mismatch"]
    assert codes(read_submission(converted(very_hidden), "2021-03")) == [
        "unit_missing",
        "period_missing",
        "no_progress_table",
    ]
