"""The template as generated and filled in, in every file format units send it in."""

import pytest

from orchestration import reference
from orchestration.ingest.model import FileStatus
from orchestration.ingest.read import read_submission
from tests.ingest.conftest import (
    codes,
    only,
    progress_sheet,
    template_sheets,
    values,
    write_csv,
    write_ods,
    write_xls,
    write_xlsx,
)

S06_VALUES = {
    "I01": (None, 12.5),
    "I02": (1, 5),
    "I04": (2, 10),
    "I08": (0, 1),
    "I09": (3, 6),
    "I10": (0, 1),
    "T01-2": (0, 0),
    "T01-3": (1, 1),
    "T04-2": (None, None),
}


def test_filled_template_is_read_in_full(month_dir):
    path = write_xlsx(month_dir / "2021-06_S06_金银湖街.xlsx", template_sheets())
    parsed = read_submission(path, "2021-06")

    assert parsed.status == FileStatus.ACCEPTED, parsed.messages
    assert (parsed.unit_code, parsed.unit_as_written, parsed.period) == ("S06", "金银湖街", "2021-06")
    assert (parsed.template_version, parsed.reporter, parsed.phone) == ("3", "张三", "13800000000")
    assert values(parsed) == S06_VALUES
    first = parsed.rows[0]
    assert (first.sheet, first.row, first.measure_as_written) == ("月度进展", 6, "高新技术产业增加值增速")
    t04 = parsed.rows[-1]
    assert (t04.month_text, t04.ytd_text) == ("/", "/")
    projects = {d.deliverable_code: d for d in parsed.deliverables}
    assert (
        set(projects) == {d.code for d in reference.deliverables_for(2021, "S06")} >= {"D-I10-01", "D-T01-01"}
    )
    assert projects["D-I10-01"].measure_code == "I10"
    assert projects["D-I10-01"].status_code == "in_progress"
    assert projects["D-I10-01"].row == 2


def test_bilingual_headers_and_a_totals_row(month_dir):
    header = ["序号\nNo.", "指标编码\nCode", "指标名称\nIndicator", "计量单位\nUnit of measure"]
    header += [
        "年度目标\nAnnual target",
        "本月完成\nThis month",
        "累计完成\nYear to date",
        "进展情况说明\nNotes",
    ]
    rows = progress_sheet(header=header)
    rows.append(["合 计", None, None, None, None, 7, 24, None])
    path = write_xlsx(month_dir / "june.xlsx", {"月度进展": rows})
    parsed = read_submission(path, "2021-06")

    assert parsed.status == FileStatus.ACCEPTED, parsed.messages
    assert values(parsed) == S06_VALUES
    assert [(t.row, t.month_value, t.ytd_value) for t in parsed.totals] == [(15, 7, 24)]


def test_old_template_version_is_read_with_a_warning(month_dir):
    path = write_xlsx(month_dir / "june.xlsx", {"月度进展": progress_sheet(version=1)})
    parsed = read_submission(path, "2021-06")

    assert parsed.status == FileStatus.ACCEPTED_WITH_WARNINGS
    assert codes(parsed) == ["template_outdated"]
    assert only(parsed, "template_outdated").text_zh.startswith("模板版本过旧")
    assert values(parsed) == S06_VALUES


def test_xls_from_old_excel(month_dir):
    path = write_xls(month_dir / "金银湖街6月.xls", template_sheets())
    parsed = read_submission(path, "2021-06")

    assert parsed.status == FileStatus.ACCEPTED, parsed.messages
    assert values(parsed) == S06_VALUES
    assert len(parsed.deliverables) == len(reference.deliverables_for(2021, "S06"))


def test_ods(month_dir):
    path = write_ods(month_dir / "金银湖街.ods", template_sheets())
    parsed = read_submission(path, "2021-06")

    assert parsed.status == FileStatus.ACCEPTED, parsed.messages
    assert values(parsed) == S06_VALUES
    assert parsed.deliverables[0].status_code == "in_progress"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_export(month_dir, encoding):
    path = write_csv(month_dir / "金银湖街.csv", progress_sheet(), encoding)
    parsed = read_submission(path, "2021-06")

    assert parsed.status == FileStatus.ACCEPTED, parsed.messages
    assert parsed.unit_code == "S06"
    assert values(parsed) == S06_VALUES
    assert parsed.rows[0].sheet == "金银湖街.csv"


def test_xlsx_content_saved_under_an_xls_name(month_dir):
    path = write_xlsx(month_dir / "金银湖街.xlsx", template_sheets())
    renamed = path.rename(path.with_suffix(".xls"))
    parsed = read_submission(renamed, "2021-06")

    assert parsed.status == FileStatus.ACCEPTED, parsed.messages
    assert values(parsed) == S06_VALUES
