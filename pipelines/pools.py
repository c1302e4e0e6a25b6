"""Pools of worker processes: the standard library's ProcessPoolExecutor, spawned (no fork of a process
that runs threads: a Dagster run, dbt's worker threads)."""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import types
from concurrent.futures import ProcessPoolExecutor


def spawned_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))


@contextlib.contextmanager
def without_the_parents_main():
    """Spawned workers re-run the parent's ``__main__`` module before their task. That module may be
    anything (a Streamlit app under test, a notebook, a Dagster run worker): while a pool starts its
    workers (they start within ``submit``), ``__main__`` is an empty module, so they import only what
    their task needs."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def kill_workers(pool: ProcessPoolExecutor) -> None:
    """SIGKILL the workers a broken pool still has. After one worker died, another can block for good
    writing its result to a pipe nobody reads any more, and the pool's shutdown would wait for it."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            process.kill()
