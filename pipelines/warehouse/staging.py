"""Per-run staging: every run builds in its own copy of the published warehouse.

``<warehouse_dir>/.staging/<run_id>/warehouse.duckdb`` starts as a byte copy of the published file (so
loading is incremental) and is only ever written by the run that holds the lock. The published file is
never opened for writing: a reader holding it keeps its snapshot and never blocks a run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pipelines.warehouse import locks, versions
from pipelines.warehouse.paths import Layout, safe_run_id


def begin_run(layout: Layout, run_id: str, fresh: bool = False) -> Path:
    """Lock the warehouse for ``run_id``, clear what killed runs left behind, return the staging file."""
    layout.root.mkdir(parents=True, exist_ok=True)
    locks.acquire(layout, run_id)
    versions.recover(layout)
    clean_stale_staging(layout, keep=run_id)
    staging = layout.staging_db(run_id)
    if staging.exists():  # the same run entering again (a retried step): keep what it built
        return staging
    staging.parent.mkdir(parents=True, exist_ok=True)
    if layout.published.exists() and not fresh:
        tmp = staging.with_name(".copy.tmp")
        shutil.copyfile(layout.published, tmp)
        os.replace(tmp, staging)
    return staging


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
