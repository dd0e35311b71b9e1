"""What every benchmark needs: time a function over repeats, print rates and ratios, a scratch folder.

Absolute times depend on what else the machine is doing; ratios of contenders measured in the
same run are what a benchmark reports and what its targets are set on.
"""

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Timing:
    """A measure over repeated runs: the median and the lowest and highest runs."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, samples: Sequence[float]) -> "Timing":
        return cls(statistics.median(samples), min(samples), max(samples))

    def per_second(self, count: float) -> "Timing":
        """Seconds per run turned into a rate: `count` things per run -> things per second."""
        return Timing(count / self.median, count / self.high, count / self.low)

    def format(self, unit: str, digits: int = 0) -> str:
        return f"{self.median:,.{digits}f} {unit} (min–max {self.low:,.{digits}f}–{self.high:,.{digits}f})"


def measure(fn: Callable[[], object], repeats: int, setup: Callable[[], object] | None = None) -> Timing:
    """Seconds `fn` takes, over `repeats` runs; `setup` runs before each run, untimed."""
    seconds = []
    for _ in range(repeats):
        if setup:
            setup()
        start = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - start)
    return Timing.of(seconds)


def format_ratio(
    label: str,
    numerator: Timing,
    denominator: Timing,
    *,
    at_least: float | None = None,
    at_most: float | None = None,
) -> str:
    """numerator / denominator of the medians, the range the runs allow, and whether the ratio
    meets its target: `at_least` for rates (files/s), `at_most` for durations (seconds)."""
    ratio = numerator.median / denominator.median
    low, high = numerator.low / denominator.high, numerator.high / denominator.low
    line = f"{label}: {ratio:.2f}x (range {low:.2f}–{high:.2f})"
    if at_least is not None:
        line += f", target ≥ {at_least:g}x: {'met' if ratio >= at_least else 'NOT met'}"
    if at_most is not None:
        line += f", target ≤ {at_most:g}x: {'met' if ratio <= at_most else 'NOT met'}"
    return line


@contextmanager
def scratch_dir(prefix: str = "bench-") -> Iterator[Path]:
    """A fresh folder that is removed afterwards, whatever happens."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
