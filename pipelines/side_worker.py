"""One worker process for a run's side work: the Great Expectations suites and the offline report.

Their libraries take seconds of CPU to import and start (Great Expectations; Altair and the vl-convert
engine that draws the report's charts). The run starts this worker when dbt starts a small build, so
that happens on the other core while dbt builds (dbt runs in the run's process and holds its GIL); a large
build starts it with its first check (``side_worker_starts_with_dbt`` in pipelines/defs/dbt/assets.py
says why). The suites and then the report run there, one at a time.
"""

from __future__ import annotations

import multiprocessing.util
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from pipelines import pools

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def _exit_with_parent(parent: int) -> None:
    # a SIGKILLed run cannot stop its worker, and the worker would wait for work forever
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def _prepare(parent: int) -> None:
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    import great_expectations  # noqa: F401

    from pipelines.report import build

    build.start_chart_engine()


def start() -> None:
    """Start the worker (and its imports) unless it runs already."""
    global _pool
    with _lock:
        if _pool is None:
            _pool = pools.spawned_pool(1)
            with pools.without_the_parents_main():  # the worker starts within this submission
                _pool.submit(_prepare, os.getpid())
            # stopped before multiprocessing joins this process's children at its exit (a Dagster step
            # process of the multiprocess executor would wait there for an idle worker forever)
            multiprocessing.util.Finalize(None, stop, exitpriority=100)


def stop() -> None:
    """Stop the worker (the next ``run`` starts a new one)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def run(fn, *args):
    """``fn(*args)`` in the worker; a worker that died is replaced for the next call, and this call
    raises (its check fails, or the report is not refreshed, saying why)."""
    global _pool
    start()
    try:
        return _pool.submit(fn, *args).result()
    except BrokenProcessPool:
        with _lock:
            _pool = None
        raise
