"""`python -m bench.profile_run`: one refresh in-process, timed and memory-sampled per step.

Prints one JSON object: wall seconds and peak resident memory (the whole process tree: this
process, the dbt subprocess and the reader workers) for each Dagster step, and for the run.
Paths come from the TINENG_* environment, like any refresh.
"""

import argparse
import contextlib
import json
import os
import threading
import time
import warnings
from pathlib import Path

import psutil


class TreeMemory:
    """Samples the resident memory of this process and its children every few milliseconds."""

    def __init__(self, interval_s: float = 0.05):
        self.samples: list[tuple[float, float, float]] = []  # (time, tree MiB, largest process MiB)
        self._interval = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            sizes = []
            for process in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    sizes.append(process.memory_info().rss / 2**20)
            self.samples.append((time.time(), sum(sizes), max(sizes)))
            time.sleep(self._interval)

    def peak(self, start: float, end: float) -> tuple[float, float]:
        window = [(tree, largest) for t, tree, largest in self.samples if start <= t <= end] or [(0.0, 0.0)]
        return max(w[0] for w in window), max(w[1] for w in window)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--first", required=True, help="first month YYYY-MM")
    parser.add_argument("--last", required=True, help="last month YYYY-MM")
    parser.add_argument("--no-report", action="store_true", help="leave out the bulletin step")
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    started = time.time()
    with TreeMemory() as memory:
        import dagster as dg

        from orchestration.cli.refresh import partition_tags, prepare_if_stale

        prepare_if_stale()
        from orchestration.definitions import defs

        quiet = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
        imported = time.time()
        with (
            dg.DagsterInstance.ephemeral() as instance,
            Path(os.devnull).open("w") as sink,
            contextlib.redirect_stdout(sink),
        ):
            results = [
                defs.resolve_job_def("refresh").execute_in_process(
                    instance=instance,
                    tags=partition_tags([args.first, args.last]),
                    run_config=quiet,
                    raise_on_error=False,
                )
            ]
            if not args.no_report:
                results.append(
                    defs.resolve_job_def("bulletin").execute_in_process(
                        instance=instance, partition_key=args.last, run_config=quiet, raise_on_error=False
                    )
                )
            steps = [step for r in results for step in instance.get_run_step_stats(r.run_id)]
        finished = time.time()
    success = all(r.success for r in results)
    report = {"success": success, "startup_s": round(imported - started, 2), "steps": {}}
    for step in steps:
        tree, largest = memory.peak(step.start_time, step.end_time)
        report["steps"][step.step_key] = {
            "seconds": round(step.end_time - step.start_time, 2),
            "peak_tree_mib": round(tree),
            "peak_process_mib": round(largest),
        }
    tree, largest = memory.peak(started, finished)
    report.update(
        total_s=round(finished - started, 2), peak_tree_mib=round(tree), peak_process_mib=round(largest)
    )
    print(json.dumps(report))


if __name__ == "__main__":
    main()
