"""How long `tineng` takes to answer --help and argument errors, against a bare interpreter.

    python -m bench.cli_startup [--repeats 10]

Each command runs `--repeats` times in turn with the others (median wall time of a fresh process).
The target (issue 16) is `tineng --help` under 0.5 s: the CLI parses and answers without importing
Dagster, dbt, DuckDB or pandas.
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

TINENG = str(Path(sys.executable).parent / "tineng")
COMMANDS = {
    "python -c pass (floor)": [sys.executable, "-c", "pass"],
    "tineng --help": [TINENG, "--help"],
    "tineng run --help": [TINENG, "run", "--help"],
    "tineng run --period 2021-13 (argument error)": [TINENG, "run", "--period", "2021-13"],
}
TARGET_S = 0.5


def _once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for command in COMMANDS.values():
        _once(command)  # page cache and .pyc files
    for _ in range(args.repeats):
        for name, command in COMMANDS.items():
            times[name].append(_once(command))
    floor = statistics.median(times["python -c pass (floor)"])
    for name, seconds in times.items():
        median = statistics.median(seconds)
        print(
            f"{name:46} median {median:.3f} s (min–max {min(seconds):.3f}–{max(seconds):.3f}), {median / floor:.1f}x floor"
        )
    help_median = statistics.median(times["tineng --help"])
    verdict = "met" if help_median < TARGET_S else "NOT met"
    print(f"tineng --help median of {args.repeats}: {help_median:.3f} s, target < {TARGET_S} s: {verdict}")


if __name__ == "__main__":
    main()
