"""Real worker processes: a file that crashes, exhausts or hangs its worker costs only itself."""

from orchestration.ingest.model import FileStatus
from orchestration.ingest.pool import ParseJob, parse_files
from tests.ingest.conftest import (
    measure_row,
    only,
    progress_sheet,
    template_sheets,
    values,
    write_csv,
    write_xlsx,
)
from tests.reliability import hostile

EXPECTED = {
    "far_cell": "sheet_too_large",
    "shared_string_bomb": "sheet_text_too_large",
    "whitespace_64mb": "archive_suspicious",
    "truncated_xlsx": "file_damaged",
    "bit_flipped_xlsx": "file_damaged",
    "pdf_renamed": "not_a_spreadsheet",
    "password_protected": "encrypted",
    "repeated_cells_ods": "sheet_too_large",
}


def _good(folder, i):
    return write_xlsx(folder / f"2021-06_S06_金银湖街_{i}.xlsx", template_sheets())


def test_bad_files_in_a_batch_cost_only_themselves(month_dir):
    bad = {
        make: getattr(hostile, make)(month_dir / f"{make}.{'ods' if make.endswith('ods') else 'xlsx'}")
        for make in EXPECTED
    }
    paths = [
        p
        for pair in zip([_good(month_dir, i) for i in range(len(bad))], bad.values(), strict=True)
        for p in pair
    ]
    seen = []

    parsed = parse_files(
        [ParseJob(p, "2021-06") for p in paths], lambda done, total: seen.append((done, total))
    )

    assert len(parsed) == len(paths)
    by_path = dict(zip(paths, parsed, strict=True))
    for make, path in bad.items():
        assert by_path[path].status == FileStatus.REJECTED, make
        assert [m.code for m in by_path[path].messages] == [EXPECTED[make]], make
    for path in paths[::2]:
        assert by_path[path].status == FileStatus.ACCEPTED, by_path[path].messages
        assert values(by_path[path])["I02"] == (1, 5)
    assert seen[-1] == (len(paths), len(paths))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_a_file_that_exhausts_its_worker_costs_only_itself(month_dir):
    # Every bomb is refused before it is read, so the memory limit is met with a sheet within the
    # reader's limits (1.9 million cells) in a worker allowed 250 MB.
    big = hostile.cells_under_the_limit(month_dir / "big.xlsx")
    good = [_good(month_dir, i) for i in range(2)]

    parsed = parse_files([ParseJob(p, "2021-06") for p in [good[0], big, good[1]]], memory_mb=250)

    assert [m.code for m in parsed[1].messages] == ["worker_out_of_memory"]
    assert [p.status for p in parsed] == [FileStatus.ACCEPTED, FileStatus.REJECTED, FileStatus.ACCEPTED]


def test_a_file_that_takes_too_long_is_stopped(month_dir):
    endless = [measure_row(i, "I02", 1, 2) for i in range(90_000)]
    slow = write_csv(month_dir / "slow.csv", progress_sheet(endless))
    good = [_good(month_dir, i) for i in range(3)]

    parsed = parse_files([ParseJob(p, "2021-06") for p in [good[0], slow, *good[1:]]], timeout_s=1)

    message = only(parsed[1], "worker_timeout")
    assert "1秒" in message.text_zh and "1 seconds" in message.text_en
    assert [p.status for p in parsed] == [
        FileStatus.ACCEPTED,
        FileStatus.REJECTED,
        *[FileStatus.ACCEPTED] * 2,
    ]


def test_results_keep_the_order_of_the_jobs(month_dir):
    paths = [
        write_xlsx(month_dir / f"{i}.xlsx", {"月度进展": progress_sheet([measure_row(1, "I04", i, i)])})
        for i in range(1, 41)
    ]

    parsed = parse_files([ParseJob(p, "2021-06") for p in paths], workers=2)

    assert [p.rows[0].month_value for p in parsed] == list(range(1, 41))
    assert parse_files([]) == []
