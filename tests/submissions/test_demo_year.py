"""`tineng demo`: a synthetic year in raw/, checked by opening the files it writes."""

import codecs
import csv
import io
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from python_calamine import CalamineWorkbook

from orchestration import reference
from orchestration.submissions import contract, templates
from tineng_demo import year as demo

SHANGHAI = ZoneInfo("Asia/Shanghai")
PERIODS = [f"2021-{month:02d}" for month in range(1, 13)]
UNITS = [u.code for u in reference.submitting_units(2021)]
FIRST = templates.FIRST_MEASURE_ROW - 1
CODE, MONTH, YTD, NOTE = (
    templates.column_number(key) - 1 for key in ("measure_code", "month_value", "ytd_value", "note")
)
# Files laid out exactly like the template, whoever typed them.
TEMPLATE_LAYOUT = {"template", "typo", "correction", "resubmission"}


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    raw_dir = tmp_path_factory.mktemp("raw")
    return demo.generate_demo(raw_dir)


@pytest.fixture(scope="module")
def spring(tmp_path_factory):
    """The same seed stopped at April, in another folder."""
    return demo.generate_demo(tmp_path_factory.mktemp("raw"), through="2021-04")


def _manifest(raw_dir: Path, period: str) -> dict[str, dict]:
    return json.loads((raw_dir / period / demo.MANIFEST).read_text("utf-8"))["files"]


def _progress_rows(path: Path) -> list[list]:
    if path.suffix == ".csv":
        data = path.read_bytes()
        text = data.decode("utf-8-sig") if data.startswith(codecs.BOM_UTF8) else data.decode("gbk")
        return list(csv.reader(io.StringIO(text)))
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(contract.PROGRESS_SHEET).to_python()


def _path(summary: demo.DemoSummary, f: demo.DemoFile) -> Path:
    return summary.raw_dir / f.period / f.name


def _cells(summary: demo.DemoSummary, f: demo.DemoFile) -> set[str]:
    return {str(cell) for row in _progress_rows(_path(summary, f)) for cell in row}


def _follow_up(summary: demo.DemoSummary, first: demo.DemoFile, kind: str) -> demo.DemoFile:
    (found,) = [
        f for f in summary.files if (f.period, f.unit_code, f.kind) == (first.period, first.unit_code, kind)
    ]
    return found


def _received(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, SHANGHAI)


def _clean_values(summary: demo.DemoSummary) -> dict[tuple[str, str], dict[str, tuple[float, float]]]:
    """(unit, month) -> measure -> (month value, year to date), from the file that counts: the latest
    template-layout file of the month. Months where the unit sent a hand-edited file are left out."""
    latest: dict[tuple[str, str], demo.DemoFile] = {}
    for f in sorted(summary.files, key=lambda f: f.received_at):
        if f.kind in TEMPLATE_LAYOUT:
            latest[f.unit_code, f.period] = f
    values = {}
    for (unit, period), f in latest.items():
        if (int(period[5:]), unit) in demo.SPECIAL_FILES:
            continue
        rows = _progress_rows(summary.raw_dir / period / f.name)[FIRST:]
        values[unit, period] = {row[CODE]: (row[MONTH], row[YTD]) for row in rows}
    return values


def test_every_unit_sends_a_file_every_month(year):
    assert year.skipped_months == ()
    assert sorted(p.name for p in year.raw_dir.iterdir()) == PERIODS
    for period in PERIODS:
        files = _manifest(year.raw_dir, period)
        assert sorted(p.name for p in (year.raw_dir / period).iterdir()) == sorted([*files, demo.MANIFEST])
        assert {f["unit_code"] for f in files.values()} == set(UNITS), period
    for f in year.files:
        if f.kind in TEMPLATE_LAYOUT:
            rows = _progress_rows(_path(year, f))
            assert (rows[1][1], rows[1][4]) == (reference.units()[f.unit_code].name, f.unit_code)
    assert 255 <= len(year.files) <= 275
    kinds = year.by_kind()
    assert sum(kinds.values()) == len(year.files)
    assert kinds["correction"] == kinds["typo"] == demo.CORRECTIONS_PER_YEAR
    assert kinds["resubmission"] == len(demo.REJECTED_KINDS)


def test_the_same_seed_writes_the_same_bytes_whatever_month_it_stops_at(year, spring):
    assert sorted(p.name for p in spring.raw_dir.iterdir()) == PERIODS[:4]
    for period in PERIODS[:4]:
        names = sorted(p.name for p in (year.raw_dir / period).iterdir())
        assert sorted(p.name for p in (spring.raw_dir / period).iterdir()) == names
        for name in names:
            first, second = year.raw_dir / period / name, spring.raw_dir / period / name
            assert first.read_bytes() == second.read_bytes(), name
            if name != demo.MANIFEST:  # the manifest is dated when it was written
                assert first.stat().st_mtime == second.stat().st_mtime, name


def test_nothing_is_written_after_the_month_it_stops_at(spring):
    assert sorted(p.name for p in spring.raw_dir.iterdir()) == PERIODS[:4]
    assert {f.period for f in spring.files} == set(PERIODS[:4])


def test_files_arrive_after_month_end_mostly_by_the_due_day(year):
    firsts = [f for f in year.files if f.kind not in ("correction", "resubmission")]
    for f in year.files:
        received = _received(_path(year, f))
        assert received == f.received_at, f.name
        month_end = datetime(2021 + int(f.period[5:]) // 12, int(f.period[5:]) % 12 + 1, 1, tzinfo=SHANGHAI)
        assert received >= month_end, f.name
        assert 8 <= received.hour <= 18, f.name
    late = [f for f in firsts if f.late]
    assert 3 <= len(late) <= len(firsts) // 10
    for f in late:
        assert 6 <= f.received_at.day <= 12 and f.received_at.date() > templates.due_date(f.period)
    assert all(f.received_at.day <= 4 for f in firsts if not f.late)


def test_corrections_follow_a_typo_with_the_right_value(year):
    corrections = [f for f in year.files if f.kind == "correction"]
    assert len(corrections) == demo.CORRECTIONS_PER_YEAR
    for fixed in corrections:
        typo = _follow_up(year, fixed, "typo")
        assert fixed.name == typo.name.replace(".xlsx", "_更正.xlsx")
        assert (fixed.received_at - typo.received_at).days >= 1
        wrong = _progress_rows(_path(year, typo))[FIRST:]
        right = _progress_rows(_path(year, fixed))[FIRST:]
        changed = [(w, r) for w, r in zip(wrong, right, strict=True) if w[YTD] != r[YTD]]
        assert len(changed) == 1, fixed.name
        ((w, r),) = changed
        assert w[YTD] == pytest.approx(r[YTD] * 10) and r[NOTE].startswith("更正：")


def test_year_to_date_adds_up_month_by_month_in_the_files_that_count(year):
    measures = reference.measures(2021)
    values = _clean_values(year)
    assert len(values) >= len(UNITS) * 12 - len(demo.SPECIAL_FILES)
    for (unit, period), reported in values.items():
        for code, (month_value, ytd) in reported.items():
            if measures[code].kind == "rate":
                continue
            previous = values.get((unit, f"2021-{int(period[5:]) - 1:02d}"))
            if previous is not None:
                assert month_value == pytest.approx(ytd - previous[code][1]), (unit, period, code)
                if measures[code].is_cumulative:
                    assert ytd >= previous[code][1], (unit, period, code)
            elif period == "2021-01" and measures[code].is_cumulative:
                assert month_value == ytd


def test_values_are_plausible_for_each_kind_of_measure(year):
    values = _clean_values(year)
    targets = {(a.unit_code, a.measure_code): a.target for a in reference.reporting_assignments(2021)}
    december = {unit: values[unit, "2021-12"] for unit in UNITS if (unit, "2021-12") in values}
    assert 20000 <= december["D05"]["T09"][1] <= 40000
    assert 300 < values["D02", "2021-01"]["M03"][1] < 330 and 360 < december["D02"]["M03"][1] < 450
    amount = december["D02"]["I07"][1]  # 亿元
    assert round(amount, 2) == amount and 10 < amount < 45
    rates = [reported["I01"][1] for reported in december.values() if "I01" in reported]
    assert len(rates) >= 15 and all(8 <= r <= 18 for r in rates)
    completion = [
        ytd / targets[unit, code]
        for unit, reported in december.items()
        for code, (_, ytd) in reported.items()
        if reference.measures(2021)[code].is_cumulative and targets[unit, code] >= 5
    ]
    assert any(c >= 1 for c in completion) and any(c < 0.8 for c in completion)
    net_dips = [
        (unit, period, code)
        for (unit, period), reported in values.items()
        for code, (month_value, _) in reported.items()
        if month_value < 0
    ]
    assert net_dips and all(not reference.measures(2021)[code].is_cumulative for _, _, code in net_dips)


def test_project_statuses_move_forward_through_the_year(year):
    order = list(reference.deliverable_statuses())
    statuses: dict[str, list[str]] = {}
    column = templates.column_number("status", contract.DELIVERABLE_COLUMNS) - 1
    for f in sorted(year.files, key=lambda f: f.period):
        if f.kind == "template" and f.unit_code == "P06":
            sheet = CalamineWorkbook.from_path(str(_path(year, f))).get_sheet_by_name(
                contract.DELIVERABLES_SHEET
            )
            for row in sheet.to_python()[templates.FIRST_DELIVERABLE_ROW - 1 :]:
                statuses.setdefault(row[1], []).append(row[column])
    assert len(statuses) == len(reference.deliverables_for(2021, "P06"))
    for story in statuses.values():
        assert all(s in order for s in story)
        forward = [s for s in story if s != "滞后"]
        assert forward == sorted(forward, key=order.index)
    assert any(story[0] == "未启动" for story in statuses.values())
    assert any(story[-1] == "已完成" for story in statuses.values())


def test_every_file_says_it_is_demo_data(year):
    for f in year.files:
        if f.kind in TEMPLATE_LAYOUT:
            rows = _progress_rows(_path(year, f))
            assert rows[3][1] == "演示数据"
            assert all("演示数据" in row[NOTE] for row in rows[FIRST:])


def test_hand_edited_kinds_are_all_there_and_still_carry_the_units_measures(year):
    kinds = {f.kind: f for f in year.files}
    assert set(demo.HAND_EDITS) | set(demo.REJECTED_KINDS) <= set(kinds)
    for kind in demo.HAND_EDITS:
        measure_codes = {a.measure_code for a in reference.assignments_for(2021, kinds[kind].unit_code)}
        assert measure_codes <= _cells(year, kinds[kind]), kind
    assert _path(year, kinds["xls"]).read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # an OLE2 (BIFF) file
    assert _path(year, kinds["csv_utf8"]).read_bytes().startswith(codecs.BOM_UTF8)
    gbk = _path(year, kinds["csv_gbk"]).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    assert "东山街" in gbk.decode("gbk")
    assert _path(year, kinds["ods"]).read_bytes()[30:38] == b"mimetype"  # first entry, as ODF requires

    def cells(kind: str) -> set[str]:
        return _cells(year, kinds[kind])

    assert "合计" in cells("columns_reordered_total")
    assert {"Unit", "Month", "Year to date"} <= cells("english_headers")
    assert any("万元" in c for c in cells("text_with_units"))
    assert any(c[0] in "０１２３４５６７８９" for c in cells("text_with_units") if c)
    assert any("," in c for c in cells("thousands_separators"))
    assert {"/", "—"} <= cells("not_applicable")
    assert "填报单位：东西湖区金银湖街道办事处" in cells("shifted_merged")


def test_files_meant_to_be_rejected_are_followed_by_a_good_one(year):
    for kind in demo.REJECTED_KINDS:
        (bad,) = [f for f in year.files if f.kind == kind]
        good = _follow_up(year, bad, "resubmission")
        assert good.received_at > bad.received_at
        assert _progress_rows(_path(year, good))[2][1] == good.period
    stale = next(f for f in year.files if f.kind == "rejected_wrong_period")
    assert _progress_rows(_path(year, stale))[2][1] != stale.period
    worded = next(f for f in year.files if f.kind == "rejected_text_value")
    assert "正在统计" in _cells(year, worded)


def test_real_submissions_are_never_mixed_with_demo_data(tmp_path):
    real = tmp_path / "2021-02" / "2021-02_S01_吴家山街.xlsx"
    real.parent.mkdir()
    real.write_bytes(b"a real file")
    with pytest.raises(ValueError, match="不是演示数据"):
        demo.generate_demo(tmp_path, through="2021-03")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2021-02"]
    assert real.read_bytes() == b"a real file"


def test_months_already_holding_demo_data_are_left_as_they_are(tmp_path):
    first = demo.generate_demo(tmp_path, through="2021-01")
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (tmp_path / "2021-01").iterdir()}
    second = demo.generate_demo(tmp_path, through="2021-02")
    assert second.skipped_months == ("2021-01",)
    assert {f.period for f in second.files} == {"2021-02"}
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (tmp_path / "2021-01").iterdir()} == before
    assert len(first.files) >= len(UNITS)


def test_months_outside_the_plan_year_are_refused(tmp_path):
    for through in ("2022-01", "2021-13", "2021-1"):
        with pytest.raises(ValueError, match="YYYY-MM"):
            demo.generate_demo(tmp_path, through=through)
    assert not list(tmp_path.iterdir())
