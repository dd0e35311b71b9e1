"""`python -m bench.scale`: the full refresh at 1x, 10x and 100x the units (~20,000 files at 100x),
with wall time and peak memory per step.

Each scale loads its own plan with synthetic units, the way a plan is loaded (bench/synthetic_units.py),
and a demo year for all of them. The bulletin step is left out: it writes one feedback workbook
per unit, which is per-unit output rather than pipeline work.
"""

import argparse
import statistics

from bench.common import scratch_dir
from bench.synthetic_units import scaled_plans
from bench.workspace import BenchSpace

FIRST, LAST = "2021-01", "2021-12"
STEPS = {
    "submissions": "ingest",
    "warehouse_models": "dbt",
    "reference_expectations": "checks (plan)",
    "submissions_expectations": "checks (submissions)",
    "published_warehouse": "publish",
}


def profile_scale(factor: int, repeats: int) -> dict:
    with scratch_dir(f"bench-scale-{factor}x-") as root:
        scaled_plans(factor, root)
        space = BenchSpace(root=root, raw=root / "raw")
        files = _demo(space)
        runs = []
        for _ in range(repeats):
            space.discard_build()
            runs.append(space.profile(FIRST, LAST, report=False))
        if not all(r["success"] for r in runs):
            raise RuntimeError(f"the {factor}x refresh failed")
        return {"factor": factor, "files": files, "runs": runs}


def _demo(space: BenchSpace) -> int:
    space.tineng("demo", "--through", LAST)
    return sum(1 for p in space.raw.rglob("*") if p.is_file() and not p.name.startswith("."))


def summarise(result: dict) -> list[str]:
    runs = result["runs"]
    totals = [r["total_s"] for r in runs]
    lines = [
        f"{result['factor']:>4}x units, {result['files']:>6} files: "
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
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--factors", default="1,10,100", help="unit multiples, comma-separated")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    results = [profile_scale(int(f), args.repeats) for f in args.factors.split(",")]
    for result in results:
        for line in summarise(result):
            print(line)
    base = statistics.median(r["total_s"] for r in results[0]["runs"])
    for result in results[1:]:
        total = statistics.median(r["total_s"] for r in result["runs"])
        limit = 10 if result["factor"] == 100 else None
        verdict = f", target ≤ {limit}x: {'met' if total / base <= limit else 'NOT met'}" if limit else ""
        print(f"{result['factor']}x wall time / 1x: {total / base:.2f}x{verdict}")
    peak = max(r["peak_tree_mib"] for res in results for r in res["runs"])
    print(
        f"peak memory, all processes, any scale: {peak} MiB, target < 1024 MiB: {'met' if peak < 1024 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
