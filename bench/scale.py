"""`python -m bench.scale`: the full refresh at 1x, 10x, 100x and 1000x the units (~204,000 files
a year at 1000x), with wall time and peak memory per step, and each step's growth exponent.

Each scale loads its own plan with synthetic units, the way a plan is loaded
(bench/synthetic_units.py). The demo year is generated once per run, for the plan's own units;
each scale's files are that year linked, and each Annex 2 unit's templates cloned for its copies
(bench/synthetic_files.py). The plan's reference build, made once per plan state, is made before
the timed refreshes, as loading the plan would. The bulletin step is left out: it writes one feedback workbook per
unit, which is per-unit output rather than pipeline work.
"""

import argparse
import math
import shutil
import statistics
from pathlib import Path

from bench.common import scratch_dir
from bench.synthetic_files import clone_year
from bench.synthetic_units import annex2_units, scaled_plans
from bench.workspace import BenchSpace
from orchestration.plans import store

FIRST, LAST = "2021-01", "2021-12"
STEPS = {
    "submissions": "ingest",
    "warehouse_models": "dbt",
    "reference_expectations": "checks (plan)",
    "submissions_expectations": "checks (submissions)",
    "published_warehouse": "publish",
}
TARGET_S, TARGET_MIB = 600, 2048  # at 1000x: a full refresh under 10 minutes, all processes under 2 GiB


def demo_year(root: Path) -> Path:
    """The demo year of the plan's own units, generated once per benchmark run."""
    scaled_plans(1, root)
    space = BenchSpace(root=root, raw=root / "raw")
    space.tineng("demo", "--through", LAST)
    return space.raw


def profile_scale(demo: Path, root: Path, factor: int, repeats: int) -> dict:
    scaled_plans(factor, root)
    space = BenchSpace(root=root, raw=root / "raw")
    annex2 = {u["unit_code"]: u["unit_name"] for u in annex2_units(store.default_plan())}
    files = clone_year(demo, space.raw, annex2, factor)
    space.build_reference()
    runs = []
    for _ in range(repeats):
        space.discard_build()
        runs.append(space.profile(FIRST, LAST, report=False))
    if not all(r["success"] for r in runs):
        raise RuntimeError(f"the {factor}x refresh failed")
    return {"factor": factor, "files": files, "runs": runs}


def summarise(result: dict) -> list[str]:
    runs = result["runs"]
    totals = [r["total_s"] for r in runs]
    lines = [
        f"{result['factor']:>5}x units, {result['files']:>7,} files: "
        f"total {statistics.median(totals):.1f} s (min–max {min(totals):.1f}–{max(totals):.1f}), "
        f"peak memory {max(r['peak_tree_mib'] for r in runs)} MiB all processes, "
        f"{max(r['peak_process_mib'] for r in runs)} MiB largest process"
    ]
    for key, label in STEPS.items():
        seconds = [r["steps"][key]["seconds"] for r in runs]
        peak = max(r["steps"][key]["peak_tree_mib"] for r in runs)
        lines.append(
            f"        {label:<22} {statistics.median(seconds):7.1f} s (min–max {min(seconds):.1f}–{max(seconds):.1f}), peak {peak} MiB"
        )
    startup = [r["startup_s"] for r in runs]
    lines.append(f"        {'start-up':<22} {statistics.median(startup):7.1f} s")
    return lines


def growth(results: list[dict]) -> list[str]:
    """Each step's growth exponent from the smallest scale to the largest: time ~ units^k."""
    first, last = results[0], results[-1]
    span = math.log(last["factor"] / first["factor"])

    def exponent(pick) -> str:
        low = statistics.median(pick(r) for r in first["runs"])
        high = statistics.median(pick(r) for r in last["runs"])
        return f"{math.log(max(high, 0.01) / max(low, 0.01)) / span:.2f}"

    parts = [
        f"{label} {exponent(lambda r, key=key: r['steps'][key]['seconds'])}" for key, label in STEPS.items()
    ]
    parts.append(f"total {exponent(lambda r: r['total_s'])}")
    return [f"growth exponent {first['factor']}x → {last['factor']}x (time ~ units^k): " + ", ".join(parts)]


def verdicts(results: list[dict]) -> list[str]:
    lines = []
    base = statistics.median(r["total_s"] for r in results[0]["runs"])
    for result in results[1:]:
        total = statistics.median(r["total_s"] for r in result["runs"])
        lines.append(f"{result['factor']}x wall time / 1x: {total / base:.2f}x")
    for result in results:
        if result["factor"] == 1000:
            total = statistics.median(r["total_s"] for r in result["runs"])
            peak = max(r["peak_tree_mib"] for r in result["runs"])
            lines.append(
                f"1000x full refresh {total:.0f} s, target < {TARGET_S} s: {'met' if total < TARGET_S else 'NOT met'}; "
                f"peak memory {peak} MiB all processes, target < {TARGET_MIB} MiB: {'met' if peak < TARGET_MIB else 'NOT met'}"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--factors", default="1,10,100,1000", help="unit multiples, comma-separated, ascending"
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="refreshes per scale (the files are made once)"
    )
    args = parser.parse_args()
    results = []
    with scratch_dir("bench-scale-") as root:
        demo = demo_year(root / "demo")
        for factor in (int(f) for f in args.factors.split(",")):
            scale_root = root / f"{factor}x"
            result = profile_scale(demo, scale_root, factor, args.repeats)
            shutil.rmtree(scale_root)  # this run's own files; the next scale needs the disk
            for line in summarise(result):
                print(line, flush=True)
            results.append(result)
    for line in growth(results) + verdicts(results):
        print(line)


if __name__ == "__main__":
    main()
