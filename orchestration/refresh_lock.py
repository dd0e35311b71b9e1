"""The one refresh lock: every refresh, from the CLI or from Dagster, holds it for its whole run.

It is a file beside the ledger (settings.refresh_lock()), outside the build directory, so deleting
the build during a run cannot bypass it. A process that already holds it (the CLI around its
in-process Dagster run) does not take it twice.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from filelock import FileLock, Timeout

from orchestration import settings

_POLL_S = 10.0
_depth = 0  # how many holders in this process


@contextmanager
def held(wait_s: float | None, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock; wait at most `wait_s` seconds (None: as long as it takes, telling `on_wait`
    every few seconds). Raises filelock.Timeout when `wait_s` runs out."""
    global _depth
    if _depth:
        _depth += 1
        try:
            yield
        finally:
            _depth -= 1
        return
    settings.ledger_dir().mkdir(parents=True, exist_ok=True)
    lock = FileLock(settings.refresh_lock())
    if wait_s is not None:
        lock.acquire(timeout=wait_s)
    else:
        while True:
            try:
                lock.acquire(timeout=_POLL_S)
                break
            except Timeout:
                if on_wait:
                    on_wait(
                        f"另一个刷新正在进行，等待其结束（{settings.refresh_lock()}）。Waiting for the running refresh."
                    )
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        lock.release()
