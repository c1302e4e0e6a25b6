"""Per-run staging: every run builds in its own copy of the published warehouse.

``<warehouse_dir>/.staging/<run_id>/warehouse.duckdb`` starts as a byte copy of the published file (so
loading is incremental) and is only ever written by the run that holds the lock. The published file is
never opened for writing: a reader holding it keeps its snapshot and never blocks a run.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import time
from pathlib import Path

from pipelines.warehouse import locks, versions
from pipelines.warehouse.paths import Layout, safe_run_id


def lock_wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("RESOLUTIONS_LOCK_WAIT", "600")))
    except ValueError:
        return 600.0


def acquire_waiting(layout: Layout, run_id: str, wait: float | None = None, on_wait=None) -> None:
    """Take the lock, waiting up to ``wait`` seconds (``RESOLUTIONS_LOCK_WAIT``, default 600) for a live
    writer to finish: a run triggered by the sensor while ``make run`` is writing then simply runs next."""
    deadline = time.monotonic() + (lock_wait_seconds() if wait is None else wait)
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
            stop_children(entry)
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry.name)
    return removed


CHILDREN = "children.json"


def record_child(staging_dir: Path, pid: int) -> None:
    """Note a child process (dbt) of this run, so that the next run can stop it if this one is killed:
    a SIGKILL leaves the child running, and it would go on writing this run's files."""
    path = staging_dir / CHILDREN
    try:
        known = json.loads(path.read_text())
    except (OSError, ValueError):
        known = []
    known.append({"pid": pid, "start_ticks": locks._proc_start_ticks(pid)})
    with contextlib.suppress(OSError):
        path.write_text(json.dumps(known))


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            ppid = int(stat[stat.rfind(")") + 2 :].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(proc.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def stop_children(staging_dir: Path) -> list[int]:
    """SIGKILL the recorded children of a dead run (and theirs), each only if it is still the same
    process (PID and start time), never a process that reused the PID. Only called under the lock."""
    try:
        known = json.loads((staging_dir / CHILDREN).read_text())
    except (OSError, ValueError):
        return []
    stopped = []
    for child in known:
        pid, ticks = child.get("pid"), child.get("start_ticks")
        if not isinstance(pid, int) or pid <= 1 or ticks is None:
            continue
        now = locks._proc_start_ticks(pid)
        if now is not None and now != ticks:
            continue  # the PID belongs to another process now (and so no group of the child's exists)
        # dbt leads a process group of its own (pipelines/warehouse/own_group.py): the group outlives its
        # leader, and while it exists the kernel gives its number to no new process, so it is still ours
        for victim in [*([pid, *_descendants(pid)] if now is not None else []), *_members(pid)]:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(victim, signal.SIGKILL)
                stopped.append(victim)
    return sorted(set(stopped))


def _members(pgid: int) -> list[int]:
    """Live processes of process group ``pgid``."""
    out = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            fields = stat[stat.rfind(")") + 2 :].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 2 and fields[2] == str(pgid) and fields[0] != "Z":
            out.append(int(proc.name))
    return out


def end_run(layout: Layout, run_id: str) -> None:
    """Drop the run's staging dir and release the lock (no-op for a lock this process does not hold)."""
    shutil.rmtree(layout.staging_dir(run_id), ignore_errors=True)
    locks.release(layout, run_id)
