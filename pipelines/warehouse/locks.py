"""One writer at a time: a lock file holding the owner's PID, with stale-lock detection.

The lock file is created atomically with its full content (write a temp file, then ``os.link``), so a
reader never sees half a lock. Checking for a stale lock and taking it over happens under a short
``flock`` on a guard file, so two runs that both find a dead owner cannot both take over.
A lock is stale when its process is gone (or is a zombie, or the PID was reused by a process that
started later), or when it names this very process but another run: runs in one process are sequential,
so that run ended without releasing (an exception or a failed check in an in-process run).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import time
from pathlib import Path

from pipelines.warehouse.paths import Layout


class LockHeld(RuntimeError):
    def __init__(self, info: dict):
        self.info = info
        super().__init__(
            f"another run is writing this warehouse (pid {info.get('pid')}, run {info.get('run_id')}, "
            f"since {info.get('acquired_at')}); try again when it has finished"
        )


def _proc_start_ticks(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()
    if fields and fields[0] == "Z":  # zombie: dead, only waiting to be reaped
        return -1
    try:
        return int(fields[19])
    except (IndexError, ValueError):
        return None


def _alive(pid: int, start_ticks: int | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    now_ticks = _proc_start_ticks(pid)
    if now_ticks == -1:
        return False
    if start_ticks is not None and now_ticks is not None and now_ticks != start_ticks:
        return False  # the PID now belongs to another process
    return True


def read_lock(layout: Layout) -> dict | None:
    try:
        return json.loads(layout.lock_path.read_text())
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {"pid": None, "corrupt": True}


def is_stale(info: dict, run_id: str | None = None) -> bool:
    if info.get("corrupt") or not isinstance(info.get("pid"), int):
        return True
    if info.get("host") not in (None, socket.gethostname()):
        return False  # cannot see another machine's processes: assume it is alive
    if info["pid"] == os.getpid():
        return run_id is None or info.get("run_id") != run_id
    return not _alive(info["pid"], info.get("start_ticks"))


@contextlib.contextmanager
def _guard(layout: Layout):
    layout.root.mkdir(parents=True, exist_ok=True)
    with open(layout.root / ".lock.guard", "a") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(guard, fcntl.LOCK_UN)


def acquire(layout: Layout, run_id: str) -> dict:
    """Take the warehouse lock for ``run_id`` (re-entrant for the same run); raise ``LockHeld``."""
    info = {
        "pid": os.getpid(),
        "start_ticks": _proc_start_ticks(os.getpid()),
        "host": socket.gethostname(),
        "run_id": run_id,
        "acquired_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    with _guard(layout):
        current = read_lock(layout)
        if current is not None:
            if current.get("pid") == info["pid"] and current.get("run_id") == run_id:
                return current
            if not is_stale(current, run_id):
                raise LockHeld(current)
            with contextlib.suppress(FileNotFoundError):
                layout.lock_path.unlink()
        tmp = layout.root / f".lock.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(info))
        try:
            os.link(tmp, layout.lock_path)
        except FileExistsError:  # someone bypassed the guard; never overwrite their lock
            raise LockHeld(read_lock(layout) or {}) from None
        finally:
            tmp.unlink(missing_ok=True)
    return info


def release(layout: Layout, run_id: str | None = None) -> bool:
    """Release the lock if this process holds it (for ``run_id`` when given). True when released."""
    with _guard(layout):
        current = read_lock(layout)
        if not current or current.get("pid") != os.getpid():
            return False
        if run_id is not None and current.get("run_id") != run_id:
            return False
        layout.lock_path.unlink(missing_ok=True)
        return True
