"""Progress of long work: a bar on an interactive terminal, and a log line every tenth."""

import sys
from collections.abc import Callable

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


class ProgressReporter:
    def __init__(self, label: str, log: Callable[[str], None]):
        self._label = label
        self._log = log
        self._bar: Progress | None = None
        self._task = None
        self._logged_tenth = -1

    def __enter__(self) -> "ProgressReporter":
        if sys.stderr.isatty():
            self._bar = Progress(
                TextColumn(self._label),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                transient=True,
            )
            self._bar.start()
        return self

    def __call__(self, done: int, total: int) -> None:
        if self._bar is not None:
            if self._task is None:
                self._task = self._bar.add_task(self._label, total=total)
            self._bar.update(self._task, completed=done)
        tenth = done * 10 // total if total else 10
        if tenth > self._logged_tenth:
            self._logged_tenth = tenth
            self._log(f"{self._label}：{done}/{total}")

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
