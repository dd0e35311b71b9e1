"""How fast submitted files get from raw/ into DuckDB, against the least any reader could do.

    python -m bench.ingest [--files 1000] [--repeats 5] [--naive-files 100]

The files are a demo year (tineng_demo: the generated templates as units fill them in, plus the
hand-edited .xls, .ods and .csv files units send) copied under distinct folders until there are
`--files` of them. Three contenders load them into a fresh DuckDB file each run:

- floor: python-calamine reads every sheet of every file in this process (the two .csv files of a
  demo year with the csv module: calamine does not read CSV), then one insert of all the rows;
- project: the real path, `parse_files` (checks, layout, identity and rows, in the worker pool)
  then `registry.landing_batch` into a fresh submission ledger (`store.append`) and the landing
  tables written from it (`store.landing_frames`, `landing.replace`);
- naive: `pandas.read_excel(..., engine="openpyxl")` per file and an INSERT per row. It is slow,
  so it runs on `--naive-files` of the .xlsx files (openpyxl reads no other format), evenly
  spread, and its rate is scaled from those.

Each contender runs once untimed first (imports, page cache, the pool's forkserver, which a
refresh starts once), then `--repeats` rounds run each contender once in turn. The output gives
files per second and the ratios.

The pool's worker processes import the main module again (multiprocessing does that for every
process it starts), so this module imports pandas, DuckDB and the demo generator where they are
used: at the top they would cost every pool most of a second that a Dagster run does not pay.
"""

import argparse
import csv
import math
import os
import shutil
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bench.common import Timing, format_ratio, measure, scratch_dir
from orchestration.ingest import discover
from orchestration.ingest.discover import FoundFile
from orchestration.ingest.pool import ParseJob, parse_files

if TYPE_CHECKING:
    from orchestration.ledger.batch import LandingBatch

_SHEET_ROWS = "create table sheet_rows (path varchar, sheet varchar, row_no integer, cells varchar[])"
_INSERT_ROW = "insert into sheet_rows values (?, ?, ?, ?)"


def make_files(root: Path, count: int) -> list[FoundFile]:
    """`count` distinct files under root/raw: the demo year, then copies of it in copy-N folders."""
    from tineng_demo.year import generate_demo

    demo = root / "demo"
    generate_demo(demo)
    year = [f.path for f in discover.find_files(demo, discover.month_folders(demo))]
    raw = root / "raw"
    for index in range(count):
        source = year[index % len(year)]
        target = raw / source.parent.name / f"copy-{index // len(year)}" / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return discover.find_files(raw, discover.month_folders(raw))


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    return list(csv.reader(text.splitlines()))


def floor(paths: list[Path], database: Path) -> int:
    import duckdb
    import pandas as pd
    import python_calamine

    rows = []
    for path in paths:
        if path.suffix == ".csv":
            sheets = {path.name: _csv_rows(path)}
        else:
            book = python_calamine.CalamineWorkbook.from_path(path)
            sheets = {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
        for name, cells in sheets.items():
            rows += [(str(path), name, number, list(map(str, row))) for number, row in enumerate(cells, 1)]
    frame = pd.DataFrame(rows, columns=["path", "sheet", "row_no", "cells"])
    with duckdb.connect(database) as connection:
        connection.execute(_SHEET_ROWS)
        connection.register("frame", frame)
        connection.execute("insert into sheet_rows select * from frame")
    return len(rows)


def project(found: list[FoundFile], database: Path) -> "LandingBatch":
    import duckdb

    from orchestration.ingest import landing, registry
    from orchestration.ledger import store

    parsed = parse_files([ParseJob(f.path, f.folder_period) for f in found])
    # Every file is parsed: registry.plan would skip the copies as duplicates of the demo year.
    batch = registry.landing_batch(registry.IngestPlan(to_parse=found), parsed, "bench", datetime.now())
    with store.connect(database.with_suffix(".ledger.sqlite")) as ledger:
        store.append(ledger, batch, channel="folder")
        frames = store.landing_frames(ledger, demo_reporter="")
    with duckdb.connect(database) as connection:
        landing.replace(connection, frames, refreshed_at=datetime.now())
    return batch


def naive(paths: list[Path], database: Path) -> None:
    import duckdb
    import pandas as pd

    with duckdb.connect(database) as connection:
        connection.execute(_SHEET_ROWS)
        for path in paths:
            sheets = pd.read_excel(path, engine="openpyxl", sheet_name=None, header=None)
            for name, frame in sheets.items():
                for number, row in enumerate(frame.itertuples(index=False), 1):
                    connection.execute(_INSERT_ROW, [str(path), name, number, list(map(str, row))])


def _spread(items: list, count: int) -> list:
    step = max(1, len(items) / count)
    return [items[math.floor(i * step)] for i in range(min(count, len(items)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--naive-files", type=int, default=100)
    args = parser.parse_args()
    with scratch_dir("bench-ingest-") as root:
        found = make_files(root, args.files)
        paths = [f.path for f in found]
        naive_paths = _spread([p for p in paths if p.suffix == ".xlsx"], args.naive_files)
        database = root / "bench.duckdb"

        def fresh() -> None:
            ledger = database.with_suffix(".ledger.sqlite")
            stale_files = (database, database.with_name(database.name + ".wal"), ledger)
            for stale in (*stale_files, *(ledger.with_name(ledger.name + s) for s in ("-wal", "-shm"))):
                stale.unlink(missing_ok=True)

        mix = ", ".join(f"{n} {s}" for s, n in sorted(Counter(p.suffix for p in paths).items()))
        print(f"{len(paths)} files ({mix}), {sum(f.size_bytes for f in found) / 1e6:.1f} MB")
        print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
        print(
            f"median of {args.repeats} interleaved runs after one untimed run; each run loads a fresh DuckDB file"
        )
        print()

        contenders = {
            "floor": (lambda: floor(paths, database), len(paths)),
            "project": (lambda: project(found, database), len(paths)),
            "naive": (lambda: naive(naive_paths, database), len(naive_paths)),
        }
        first = {name: measure(run, 1, setup=fresh).median for name, (run, _) in contenders.items()}
        # Each round runs every contender once, so a change in the machine's load hits them alike.
        seconds: dict[str, list[float]] = {name: [] for name in contenders}
        for _ in range(args.repeats):
            for name, (run, _) in contenders.items():
                seconds[name].append(measure(run, 1, setup=fresh).median)
        rates: dict[str, Timing] = {}
        for name, (_, count) in contenders.items():
            rates[name] = Timing.of(seconds[name]).per_second(count)
            note = f" (on {count} .xlsx files, scaled)" if name == "naive" else ""
            print(f"{name:8} {rates[name].format('files/s')}{note}  [untimed run {first[name]:.2f} s]")

        fresh()
        batch = project(found, database)
        statuses = ", ".join(f"{n} {s}" for s, n in batch.files["status"].value_counts().items())
        print(f"project landed {len(batch.progress_rows):,} progress rows; files {statuses}")
        print(f"floor loaded {floor(paths, database.with_suffix('.floor')):,} sheet rows")
        print()
        print(format_ratio("project/floor", rates["project"], rates["floor"], at_least=0.5))
        rounds = (
            floor_s / project_s
            for floor_s, project_s in zip(seconds["floor"], seconds["project"], strict=True)
        )
        print("  project/floor round by round: " + " ".join(f"{ratio:.2f}" for ratio in rounds))
        print(format_ratio("project/naive", rates["project"], rates["naive"], at_least=10))


if __name__ == "__main__":
    main()
