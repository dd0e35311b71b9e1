"""`python -m bench.run` (`make bench`): every benchmark, one after the other, with the machine described.

Each benchmark measures its contenders side by side in the same run and prints ratios; copy a
run's output into bench/RESULTS.md.
"""

import os
import platform
import subprocess
import sys
from datetime import datetime
from importlib.metadata import version

import psutil

BENCHMARKS = (
    ("CLI start-up: --help and argument errors", ["bench.cli_startup", "--repeats", "10"]),
    ("Ingest: project vs calamine floor vs naive loop (1,000 files)", ["bench.ingest", "--repeats", "5"]),
    (
        "Full refresh vs bare dbt build; one late file and one new month vs full refresh",
        ["bench.refresh", "--repeats", "3"],
    ),
    ("Scale: 1x, 10x, 100x, 1000x units", ["bench.scale", "--factors", "1,10,100,1000", "--repeats", "1"]),
    (
        "PostgreSQL publish vs bare adbc_ingest, 1x and 100x units",
        ["bench.postgres", "--factors", "1,100", "--repeats", "3"],
    ),
)


def describe_machine() -> str:
    packages = ", ".join(
        f"{p} {version(p)}" for p in ("dagster", "dagster-dbt", "dbt-core", "duckdb", "python-calamine")
    )
    return (
        f"{datetime.now():%Y-%m-%d %H:%M}; {platform.platform()}; {os.cpu_count()} CPUs, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB RAM; load average {os.getloadavg()[0]:.1f}; "
        f"Python {platform.python_version()}; {packages}"
    )


def main() -> None:
    selected = sys.argv[1:]  # optional names: cli_startup ingest refresh scale postgres
    print(f"Machine: {describe_machine()}\n", flush=True)
    for title, command in BENCHMARKS:
        if selected and command[0].removeprefix("bench.") not in selected:
            continue
        print(f"## {title}\n", flush=True)
        subprocess.run([sys.executable, "-m", *command], check=True)
        print(flush=True)


if __name__ == "__main__":
    main()
