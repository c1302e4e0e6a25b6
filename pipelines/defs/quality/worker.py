"""The Great Expectations suites run in one worker process of their own.

Importing Great Expectations takes seconds of CPU. The run starts this worker when dbt starts, so the
import happens on the other core while dbt builds (dbt runs in the run's process and holds its GIL), and
the suites validate there after dbt, one at a time.
"""

from __future__ import annotations

import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from pipelines import pools

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def _import_great_expectations() -> None:
    import great_expectations  # noqa: F401


def start() -> None:
    """Start the worker (and its Great Expectations import) unless it runs already."""
    global _pool
    with _lock:
        if _pool is None:
            _pool = pools.spawned_pool(1)
            with pools.without_the_parents_main():  # the worker starts within this submission
                _pool.submit(_import_great_expectations)


def run(fn, *args):
    """``fn(*args)`` in the worker; a worker that died is replaced for the next call, and this call
    raises (its check fails, saying why)."""
    global _pool
    start()
    try:
        return _pool.submit(fn, *args).result()
    except BrokenProcessPool:
        with _lock:
            _pool = None
        raise
