"""Client processes for the concurrency tests: a spawn pool and an event that tells them to stop."""

import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.managers import SyncManager
from multiprocessing.pool import Pool


@contextmanager
def client_pool(clients: int) -> Iterator[tuple[SyncManager, Pool, object]]:
    """Yields (manager, pool, stop). On leaving, even by an exception, the clients are told to
    stop and the pool is closed and joined. Never `Pool.terminate` (what `with Pool()` does): a
    worker waiting for the task queue while terminate holds its lock only leaves on SIGTERM, and a
    process started with SIGTERM ignored (as under some job runners) hangs there for good."""
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        pool = context.Pool(clients)
        stop = manager.Event()
        try:
            yield manager, pool, stop
        finally:
            stop.set()
            pool.close()
            pool.join()
