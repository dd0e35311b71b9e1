"""Hostile files through the real pipeline: one batch, one refresh, every file judged on its own.

Next to a few good templates, raw/2021-03/ receives every kind of file that has hurt or fooled a
reader: damaged and disguised files, archive and XML bombs, tables too large, wrong units and
months, bad values, odd names, links, pipes and folders. After one real refresh (Dagster, dbt,
Great Expectations, publish, report) each file must have its registry status and its exact
message codes, every message must say where and be in Chinese and English, every good file must
land, nothing may crash, and raw/ must be byte-identical.

Where a kind found a bug, its expectation is the correct behaviour (see FOUND in kinds.py).
`period_in_future` cannot be reached with real files while the clock is past the plan year: any
later month is outside the plan year (see `future period`).
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from orchestration import reference
from orchestration.cli.refresh import months_to_refresh, run_refresh
from tests.conftest import use_directories
from tests.reliability import hostile as h
from tests.reliability.batch import (
    Kind,
    Refreshed,
    build,
    published_or_fail,
    registry,
    sha256_of,
    snapshot,
)
from tests.reliability.kinds import KINDS, M


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    with pytest.MonkeyPatch.context() as patch:
        space = use_directories(root / "raw", root / "warehouse", patch)
        build(space.raw, KINDS)
        before = snapshot(space.raw)
        outcome = run_refresh(months_to_refresh(None))
        published_or_fail(outcome)
        yield Refreshed(space, outcome, before, registry(space))


def test_the_batch_is_refreshed_and_published_without_a_crash(batch):
    outcome = batch.outcome
    assert outcome.failures == []
    assert outcome.success and outcome.published
    assert outcome.blocking_failures == []
    assert outcome.ingest["files_found"] == len(batch.filed) == sum(k.status is not None for k in KINDS)


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_each_file_gets_its_status_and_messages(batch, kind):
    filed = batch.filed.get(kind.path)
    if kind.status is None:
        assert filed is None, f"{kind.path} must never be read: {filed}"
        return
    assert filed is not None, f"{kind.path} is not in the registry"
    assert (filed.status, filed.codes) == (kind.status, list(kind.codes)), filed.messages
    if kind.where:
        assert filed.messages[0][2:5] == kind.where
    for words in kind.says:
        assert words in filed.messages[0][5], filed.messages[0][5]


def test_every_message_says_where_in_chinese_and_english(batch):
    for path, filed in batch.filed.items():
        for code, severity, sheet, row, column, zh, en in filed.messages:
            assert zh and en and zh != en, (path, code)
            assert severity in ("error", "warning", "info"), (path, code)
            assert "Traceback" not in zh + en and "Error:" not in zh + en, (path, code)
            if sheet:
                assert f"“{sheet}”" in zh and f"'{sheet}'" in en, (path, code)
            if row:
                assert f"第{row}行" in zh and f"row {row}" in en, (path, code)
            if column:
                assert f"{column}列" in zh and f"column {column}" in en, (path, code)
        # An internal error or a dead worker is never the answer to a file's content (the .ods
        # bomb is the one file only the memory limit can stop).
        assert not {"reader_failed", "worker_crashed"} & set(filed.codes), (path, filed.messages)
        if filed.status == "rejected":
            assert any(m[1] == "error" for m in filed.messages), path


def test_errors_about_a_cell_or_row_name_them(batch):
    located = {"value_not_number", "value_negative", "measure_duplicate", "unit_unknown", "period_unreadable"}
    for path, filed in batch.filed.items():
        for code, _, sheet, row, column, _, _ in filed.messages:
            if code in located:
                assert sheet and row, (path, code)
            if code in located - {"measure_duplicate"}:
                assert column, (path, code)


ACCEPTED = [k for k in KINDS if k.accepted]


@pytest.mark.parametrize("kind", ACCEPTED, ids=[k.name for k in ACCEPTED])
def test_accepted_files_are_current_and_their_rows_land(batch, kind):
    space, registered = batch.space, batch.filed
    filed = registered[kind.path]
    assert (filed.unit_code, filed.is_current) == (kind.unit, True)
    rows = space.query(
        """select measure_code, month_value, ytd_value, is_assigned from marts.fct_progress
           where file_id = ? and period = ?""",
        [filed.file_id, h.PERIOD],
    )
    assigned = [(code, month, ytd) for code, month, ytd, is_assigned in rows if is_assigned]
    unassigned = sorted(code for code, *_, is_assigned in rows if not is_assigned)
    assert sorted(r[0] for r in assigned) == sorted(h.measures_of(kind.unit))
    # A measure the unit does not own (P06's extra I05 row) lands marked: the checks warn and the
    # scorecard skips it.
    assert unassigned == (["I05"] if "measure_not_assigned" in kind.codes else [])
    for code, month, ytd in assigned:
        expected = (1e12, 1e12) if (kind.unit, code) == ("S04", "I04") else (1, 3)
        assert (month, ytd) == expected, (kind.path, code)


def test_an_absurd_value_is_accepted_and_flagged_by_the_plausibility_check(batch):
    space = batch.space
    findings = space.query(
        """select severity, unit_code, measure_code, period, message_zh from audit.check_findings
           where check_name = 'expect_ytd_within_plausible_multiple_of_target'"""
    )
    assert [f[:4] for f in findings] == [("warning", "S04", "I04", h.PERIOD)]
    assert "走马岭街" in findings[0][4] and "1000000000000" in findings[0][4]


def test_the_same_bytes_twice_are_one_submission(batch):
    registered = batch.filed
    copy, original = registered[M + "截断 (1).xlsx"], registered[M + "截断.xlsx"]
    assert (copy.status, copy.duplicate_of, copy.messages) == ("duplicate", original.file_id, [])
    assert copy.sha256 == original.sha256 and original.codes == ["file_damaged"]


def test_raw_is_byte_identical_after_the_refresh(batch):
    assert snapshot(batch.space.raw) == batch.before


def test_nothing_outside_raw_is_read_or_written(batch, tmp_path_factory):
    space = batch.space
    texts = space.query(
        """select message_zh || message_en from marts.fct_submission_message
           union all select coalesce(unit_as_written, '') from marts.fct_submission
           union all select coalesce(note, '') from marts.fct_progress"""
    )
    passwd = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    assert not [t for (t,) in texts if passwd in t or "root:" in t]
    paths = [p for (p,) in space.query("select path from marts.fct_submission")]
    assert all(p.startswith(M) and ".." not in Path(p).parts for p in paths)
    assert not Path("/tmp", h.ZIP_SLIP_MARKER).exists()
    assert not list(tmp_path_factory.getbasetemp().rglob(h.ZIP_SLIP_MARKER))


def test_the_months_report_is_written_for_every_unit_that_filed(batch):
    space, registered = batch.space, batch.filed
    feedback = space.warehouse / "reports" / h.PERIOD / "latest" / "feedback"
    units = {f.unit_code for f in registered.values() if f.unit_code}
    written = {p.name.split("_")[0] for p in feedback.glob("*.xlsx")}
    assert units <= written, sorted(units - written)


@pytest.fixture
def raw_on_tmpfs(tmp_path, monkeypatch):
    """A workspace whose raw/ is on tmpfs when the machine has one: tmpfs keeps modification times
    that ext4 would clamp to 2446 (as do btrfs and network shares)."""
    shm = Path("/dev/shm")
    root = (
        Path(tempfile.mkdtemp(prefix="tineng-reliability-", dir=shm)) if os.access(shm, os.W_OK) else tmp_path
    )
    try:
        yield use_directories(root / "raw", tmp_path / "warehouse", monkeypatch)
    finally:
        if root != tmp_path:
            shutil.rmtree(root, ignore_errors=True)


def test_names_and_folders_that_stop_whole_refreshes(raw_on_tmpfs):
    """Files that stopped a whole refresh (nothing ingested or published): each must cost only itself.

    FOUND (all fixed): a file name that is not valid UTF-8 (GBK bytes from a Windows zip) crashed
    ingestion with UnicodeEncodeError in registry.file_id. A modification time past year 9999 (kept
    by tmpfs, btrfs, SMB) crashed discovery with ValueError in datetime.fromtimestamp. A file that
    cannot be opened (mode 000 under another account; only tried when not running as root) failed
    discovery with PermissionError. A month folder before the plan year (raw/2020-12/) failed the
    run until commit 4c87926.
    """
    workspace = raw_on_tmpfs
    kinds = [
        Kind("good", M + "2021-03_S01_吴家山街.xlsx", h.good_file("S01"), "accepted", unit="S01"),
        Kind("GBK name", M + h.GBK_NAME, h.good_file("D05"), "accepted", unit="D05"),
        Kind("mtime past 9999", M + "2021-03_D13_区金融办.xlsx", h.far_future_mtime, "accepted", unit="D13",
             received=None),
        Kind("folder before the plan year", "2020-12/2020-12_S02_慈惠街.xlsx", h.file_without_plan("S02", "2020-12"), None),
    ]  # fmt: skip
    if os.geteuid() != 0:  # root reads anything: the kind only means something for other users
        kinds.append(Kind("unreadable file", M + "无权限.xlsx", h.unreadable, None))
    build(workspace.raw, kinds)
    before = snapshot(workspace.raw)

    outcome = run_refresh(months_to_refresh(None))

    assert outcome.failures == []
    assert outcome.success and outcome.published
    assert snapshot(workspace.raw) == before
    registered = registry(workspace)
    by_sha = {f.sha256: f for f in registered.values()}
    for kind in kinds[:3]:
        filed = by_sha[sha256_of(workspace.raw / kind.path)]
        assert (filed.status, filed.unit_code, filed.is_current) == ("accepted", kind.unit, True)
        landed = workspace.query("select count(*) from marts.fct_progress where file_id = ?", [filed.file_id])
        assert landed == [(len(reference.assignments_for(2021, kind.unit)),)]
    # Files outside the plan's months, if registered at all, are never accepted.
    assert all(f.status == "rejected" for p, f in registered.items() if not p.startswith(M))


def test_only_the_plans_months_are_refreshed(workspace):
    """Only folders that are partitions (the plan year's months up to now) are refreshed: before
    commit 4c87926 raw/2099-01/ made every refresh run 937 monthly partitions (2 min instead of
    30 s) and raw/2020-12/ failed the run."""
    for folder in ("2020-12", "2021-03", "2021-07", "2099-01", "2021-13", "2021-3"):
        (workspace.raw / folder).mkdir()
    assert months_to_refresh(None) == ["2021-03", "2021-07"]
