"""Per-run staging: every run builds in its own copy of the published warehouse.

``<warehouse_dir>/.staging/<run_id>/warehouse.duckdb`` starts as a byte copy of the published file (so
loading is incremental) and is only ever written by the run that holds the lock. The published file is
never opened for writing: a reader holding it keeps its snapshot and never blocks a run.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from pipelines import settings
from pipelines.warehouse import locks, versions
from pipelines.warehouse.paths import Layout, safe_run_id


def acquire_waiting(layout: Layout, run_id: str, wait: float | None = None, on_wait=None) -> None:
    """Take the lock, waiting up to ``wait`` seconds (default: ``settings.lock_wait``) for a live writer to
    finish: a run triggered by the sensor while ``make run`` is writing then simply runs next."""
    deadline = time.monotonic() + settings.lock_wait(wait)
    told = False
    while True:
        try:
            locks.acquire(layout, run_id)
            return
        except locks.LockHeld as exc:
            if time.monotonic() >= deadline:
                raise
            if on_wait is not None and not told:
                on_wait(f"waiting for run {exc.info.get('run_id')} (pid {exc.info.get('pid')}) to finish writing")
                told = True
            time.sleep(1.0)


def begin_run(layout: Layout, run_id: str, fresh: bool = False, wait: float | None = None, on_wait=None) -> Path:
    """Lock the warehouse for ``run_id``, clear what killed runs left behind, return the staging file."""
    layout.root.mkdir(parents=True, exist_ok=True)
    acquire_waiting(layout, run_id, wait, on_wait)
    versions.recover(layout)
    clean_stale_staging(layout, keep=run_id)
    problem = versions.check_published(layout)
    if problem is not None:  # never build on, or publish over, a file the product did not publish
        locks.release(layout, run_id)
        raise versions.PublishedFileProblem(problem)
    staging = layout.staging_db(run_id)
    if staging.exists():  # the same run entering again (a retried step): keep what it built
        return staging
    staging.parent.mkdir(parents=True, exist_ok=True)
    if layout.published.exists() and not fresh:
        tmp = staging.with_name(".copy.tmp")
        shutil.copyfile(layout.published, tmp)
        os.replace(tmp, staging)
    else:
        create_database(staging)
    return staging


# DuckDB fixes a file's storage format when it creates the file. BI tools and the DuckDB CLI on PyPI bundle
# DuckDB 1.x, which refuses files in the 2.0 format: a warehouse created in the 1.4 format opens in both.
STORAGE_COMPATIBILITY_VERSION = "v1.4.0"


def create_database(path: Path) -> None:
    """Create an empty warehouse file in the storage format every reader we support can open."""
    import duckdb

    duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY_VERSION}).close()


def clean_stale_staging(layout: Layout, keep: str | None = None) -> list[str]:
    """Remove staging dirs of other runs. Only safe while holding the lock: then no other run is live."""
    removed = []
    if not layout.staging_root.is_dir():
        return removed
    keep_name = safe_run_id(keep) if keep else None
    for entry in layout.staging_root.iterdir():
        if entry.name == keep_name:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry.name)
    return removed


def end_run(layout: Layout, run_id: str) -> None:
    """Drop the run's staging dir and release the lock (no-op for a lock this process does not hold)."""
    shutil.rmtree(layout.staging_dir(run_id), ignore_errors=True)
    locks.release(layout, run_id)
