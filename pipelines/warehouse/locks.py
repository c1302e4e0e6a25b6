"""One writer at a time: ``fcntl.flock`` on ``<warehouse>/.lock``, held for the whole run.

The kernel is the only judge of liveness: it releases the lock when the holding process exits, however
it exits (SIGKILL included), so there is no PID bookkeeping to get wrong (reused PIDs, zombies, a lock
file written by another host or by a container that was restarted on the same volume). The file's
content (pid, host, run id, start time) is only for people and ``resolutions status``; a lock file that
nobody holds is stale whatever it says.

Other hosts: the lock is exact between processes of one machine, containers on one machine included. On
NFS, Linux turns ``flock`` into an NFS byte-range lock that the server releases when the holder's lease
expires. Do not put a warehouse folder on a file system without working locks (some FUSE or SMB mounts).

The descriptor is kept per lock file in this process (``_HELD``); runs in one process are sequential, so
a run that finds the lock held by an earlier run of its own process takes it over (that run ended
without releasing: an exception, or a failed check of an in-process run).
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

_HELD: dict[str, tuple[str, int]] = {}  # lock file -> (run_id, descriptor holding the flock)
_FLAGS = os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


class LockHeld(RuntimeError):
    def __init__(self, info: dict):
        self.info = info
        super().__init__(
            f"another run is writing this warehouse (pid {info.get('pid')} on {info.get('host') or '?'}, "
            f"run {info.get('run_id')}, since {info.get('acquired_at')}); try again when it has finished"
        )


def _proc_start_ticks(pid: int) -> int | None:
    """A process's start time in clock ticks since boot (None when it is gone): with the PID, it names
    one process, never a later one that reused the PID."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()
    try:
        return int(fields[19])
    except (IndexError, ValueError):
        return None


def read_lock(layout: Layout) -> dict | None:
    try:
        return json.loads(layout.lock_path.read_text())
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {"pid": None, "corrupt": True}


def is_held(layout: Layout) -> bool:
    """True while a live process (this one included) holds the warehouse lock."""
    if str(layout.lock_path) in _HELD:
        return True
    try:
        fd = os.open(layout.lock_path, os.O_RDONLY | _FLAGS)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # cannot tell (a link planted as .lock...): never call it stale
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def is_stale(layout: Layout) -> bool:
    """A lock file is present but no process holds it: the next run takes it over."""
    return layout.lock_path.exists() and not is_held(layout)


def _drop(key: str) -> None:
    _, fd = _HELD.pop(key)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(key)  # while still holding: the next taker re-checks the inode (see acquire)
    os.close(fd)


def acquire(layout: Layout, run_id: str) -> dict:
    """Take the warehouse lock for ``run_id`` (re-entrant for the same run); raise ``LockHeld``."""
    layout.root.mkdir(parents=True, exist_ok=True)
    key = str(layout.lock_path)
    if key in _HELD:
        if _HELD[key][0] == run_id:
            return read_lock(layout) or {}
        _drop(key)
    while True:
        fd = os.open(layout.lock_path, os.O_RDWR | os.O_CREAT | _FLAGS, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise LockHeld(read_lock(layout) or {}) from None
        # the holder may have unlinked the file between our open and our flock: lock the file that is there
        try:
            on_disk = os.stat(layout.lock_path, follow_symlinks=False)
        except FileNotFoundError:
            on_disk = None
        mine = os.fstat(fd)
        if on_disk is not None and (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino):
            break
        os.close(fd)
    info = {
        "pid": os.getpid(),
        "start_ticks": _proc_start_ticks(os.getpid()),
        "host": socket.gethostname(),
        "run_id": run_id,
        "acquired_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(info).encode(), 0)
    _HELD[key] = (run_id, fd)
    return info


def release(layout: Layout, run_id: str | None = None) -> bool:
    """Release the lock if this process holds it (for ``run_id`` when given). True when released."""
    key = str(layout.lock_path)
    held = _HELD.get(key)
    if held is None or (run_id is not None and held[0] != run_id):
        return False
    _drop(key)
    return True
