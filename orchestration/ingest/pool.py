"""Read many files in worker processes that no single file can take down with it.

python-calamine aborts the whole process when an allocation fails (a cell at XFD1048576, a
shared-string bomb), so the checks in safety.py are backed by isolation: each file is read in a
reused worker with an address-space limit and a per-file timeout, and a worker that dies or hangs
costs only its file, which is rejected with a message saying so. Workers come from a forkserver,
so they do not inherit the parent's memory (a Dagster process can be large).
"""

import logging
import multiprocessing
import resource
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, wait
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path

from pebble import CONSTS, ProcessExpired, ProcessPool

from orchestration.ingest import messages
from orchestration.ingest.model import ParsedFile
from orchestration.ingest.read import read_submission

logger = logging.getLogger(__name__)
# How a worker dies when an allocation fails under the limit: Rust aborts, the kernel kills.
_OUT_OF_MEMORY_EXITS = {-signal.SIGABRT, -signal.SIGKILL}
# Files handed to a worker at a time; a failed batch is retried file by file.
BATCH_SIZE = 32
# pebble looks after a pool every CONSTS.sleep_unit seconds (0.1 by default) and closing a pool
# waits for the next look: a tenth of a second per refresh. Looking five times as often costs the
# parent no measurable time; pebble's author points to this setting for it (pebble issue #65).
CONSTS.sleep_unit = 0.02


@dataclass(frozen=True)
class ParseJob:
    path: Path
    folder_period: str | None  # YYYY-MM of the raw/<YYYY-MM>/ folder the file was found in


def _limit_memory(memory_mb: int) -> None:
    limit = memory_mb * (1 << 20)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _worker_context() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    # The server imports this module, and with it pebble and the reader, once: a worker forked
    # from it starts at once instead of spending a tenth of a second on imports.
    context.set_forkserver_preload([__name__])
    return context


def _read_batch(jobs: list[ParseJob]) -> list[ParsedFile]:
    return [read_submission(job.path, job.folder_period) for job in jobs]


def _failure(error: BaseException, job: ParseJob, timeout_s: float, memory_mb: int) -> ParsedFile:
    """The rejection for a file whose worker timed out, ran out of memory, died or raised."""
    if isinstance(error, ProcessExpired):
        logger.warning("reader process died on %s (exit code %s)", job.path, error.exitcode)
    elif not isinstance(error, FutureTimeout | MemoryError):
        logger.error("reading %s failed: %r\n%s", job.path, error, getattr(error, "traceback", ""))
    if isinstance(error, FutureTimeout):
        message = messages.make("worker_timeout", seconds=timeout_s)
    elif isinstance(error, MemoryError) or getattr(error, "exitcode", None) in _OUT_OF_MEMORY_EXITS:
        message = messages.make("worker_out_of_memory", limit_mb=memory_mb)
    elif isinstance(error, ProcessExpired):
        message = messages.make("worker_crashed")
    else:
        message = messages.make("reader_failed")
    return ParsedFile(messages=[message])


def parse_files(
    jobs: Sequence[ParseJob],
    on_progress: Callable[[int, int], None] | None = None,
    *,
    workers: int = 2,
    timeout_s: float = 30,
    memory_mb: int = 1024,
) -> list[ParsedFile]:
    """Read every job's file; the results are in the order of `jobs`, one per job, always.

    Files go to the workers in small batches, which keeps the cost of handing work across
    processes low. A batch that fails (a worker died, hung past `timeout_s` or raised) is split
    up and its files read one by one, each with `timeout_s`, so only the file that caused it is
    rejected; a file that hangs therefore holds a worker for at most twice `timeout_s`.
    """
    if not jobs:  # nothing new: do not start worker processes
        return []
    results: dict[int, ParsedFile] = {}
    size = max(1, min(BATCH_SIZE, len(jobs) // (workers * 4)))
    pool = ProcessPool(workers, initializer=_limit_memory, initargs=(memory_mb,), context=_worker_context())
    with pool:

        def schedule(batch: list[int]):
            return pool.schedule(_read_batch, args=([jobs[i] for i in batch],), timeout=timeout_s)

        waiting = {
            schedule(batch): batch
            for batch in (list(range(i, min(i + size, len(jobs)))) for i in range(0, len(jobs), size))
        }
        while waiting:
            done, _ = wait(waiting, return_when=FIRST_COMPLETED)
            for future in done:
                batch = waiting.pop(future)
                try:
                    parsed = future.result()
                except Exception as error:
                    if len(batch) > 1:
                        waiting.update({schedule([i]): [i] for i in batch})
                        continue
                    parsed = [_failure(error, jobs[batch[0]], timeout_s, memory_mb)]
                results.update(zip(batch, parsed, strict=True))
                if on_progress:
                    on_progress(len(results), len(jobs))
    return [results[index] for index in range(len(jobs))]


class ReaderPool:
    """Reader workers kept running, for files that arrive one at a time (the portal's uploads).

    The same limits as a refresh: each file in a worker with an address-space limit and a time
    limit; a file that kills or hangs its worker is rejected with the same message.
    """

    def __init__(self, workers: int = 2, *, timeout_s: float = 30, memory_mb: int = 1024) -> None:
        self.timeout_s, self.memory_mb = timeout_s, memory_mb
        self._pool = ProcessPool(
            workers, initializer=_limit_memory, initargs=(memory_mb,), context=_worker_context()
        )
        self._pool.schedule(_read_batch, args=([],))  # start the workers now, not at the first upload

    def read(self, job: ParseJob) -> ParsedFile:
        future = self._pool.schedule(_read_batch, args=([job],), timeout=self.timeout_s)
        try:
            return future.result()[0]
        except Exception as error:
            return _failure(error, job, self.timeout_s, self.memory_mb)

    def close(self) -> None:
        self._pool.close()
        self._pool.join()
