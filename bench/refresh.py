"""`python -m bench.refresh`: a full 12-month refresh against a bare `dbt build` of the same project;
one late file on a loaded year, and one new month on top of eleven, against the full refresh;
measured side by side.

The full refresh is what an operator runs, Python start-up included: `tineng run --all` from an
empty build (read all 262 demo files, dbt, checks, publish), then the same with the bulletin run
that follows it. The bare dbt build runs on the database that refresh produced, with a warm parse
cache like the refresh's.
"""

import argparse
import shutil
import tempfile
from pathlib import Path

from bench.common import Timing, format_ratio, measure, scratch_dir
from bench.workspace import BenchSpace
from tineng_demo.year import generate_demo

FIRST, LAST = "2021-01", "2021-12"
LATE_MONTH, LATE_FILE = "2021-06", "2021-06_S01_吴家山街.xlsx"


def full_refresh_against_dbt(space: BenchSpace, repeats: int) -> list[str]:
    space.tineng("run", "--all")  # warm-up: parse caches, the published warehouse
    refresh = measure(lambda: space.tineng("run", "--all", "--no-report"), repeats)
    with_bulletin = measure(lambda: space.tineng("run", "--all"), repeats)
    space.bare_dbt_build()  # warm-up
    dbt = measure(space.bare_dbt_build, repeats)
    space.discard_build()  # the step breakdown is of a full refresh too
    steps = space.profile(FIRST, LAST, report=True)
    return [
        f"full 12-month refresh (tineng run --all --no-report; files already in the ledger): {refresh.format('s', 1)}",
        f"  the same, then the bulletin (tineng run --all):     {with_bulletin.format('s', 1)}",
        f"bare dbt build, same project and data:                {dbt.format('s', 1)}",
        format_ratio("full refresh / bare dbt build", refresh, dbt, at_most=1.6),
        format_ratio("full refresh and bulletin / bare dbt build", with_bulletin, dbt),
        "  one refresh by step (s): "
        + ", ".join(f"{name} {s['seconds']}" for name, s in steps["steps"].items())
        + f"; start-up {steps['startup_s']}",
    ]


def arriving_late(space: BenchSpace, held_back: Path, period: str, repeats: int) -> Timing:
    """Refresh `period` after `held_back` (a month folder or one file under raw/) arrives, on a
    warehouse refreshed without it, as the run after a late upload does. Plans unchanged."""
    kept = Path(tempfile.mkdtemp(prefix="arriving-late-", dir=space.root))  # this call's own copies
    aside = kept / "held-back"
    held_back.rename(aside)
    space.tineng("run", "--all")
    before = kept / "build", kept / "ledger"
    shutil.copytree(space.warehouse / "build", before[0])
    shutil.copytree(space.ledger, before[1])
    aside.rename(held_back)

    def restore() -> None:
        space.discard_build()
        shutil.copytree(before[0], space.warehouse / "build")
        shutil.copytree(before[1], space.ledger)

    return measure(lambda: space.tineng("run", "--period", period, "--no-report"), repeats, setup=restore)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with scratch_dir("bench-refresh-") as root:
        space = BenchSpace(root=root, raw=root / "raw")
        generate_demo(space.raw, through=LAST)
        for line in full_refresh_against_dbt(space, args.repeats):
            print(line)

        late = arriving_late(space, space.raw / LATE_MONTH / LATE_FILE, LATE_MONTH, args.repeats)
        one = arriving_late(space, space.raw / LAST, LAST, args.repeats)
        full = measure(lambda: space.tineng("run", "--all", "--no-report"), args.repeats)
        print(f"full refresh again, same run (tineng run --all --no-report): {full.format('s', 1)}")
        print(
            f"one late file on a loaded year ({LATE_MONTH}/{LATE_FILE}; tineng run --period {LATE_MONTH}"
            f" --no-report): {late.format('s', 1)}"
        )
        print(format_ratio("late file / full refresh", late, full, at_most=0.4))
        print(
            f"one new month on top of eleven (tineng run --period {LAST} --no-report): {one.format('s', 1)}"
        )
        print(format_ratio("one new month / full refresh", one, full))


if __name__ == "__main__":
    main()
