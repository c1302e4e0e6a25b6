"""Start a child of a run (dbt) in its own process group, stopped when the run dies.

``dagster-dbt`` starts dbt with a plain ``subprocess.Popen`` (no ``preexec_fn``), so the project points
its ``dbt_executable`` at ``own-group`` beside this file, which runs this script: it asks the kernel to
SIGKILL it when its parent (the run) dies (``prctl(PR_SET_PDEATHSIG)``), leaves the run's process group
for one of its own (a signal to the run's group, a terminal's Ctrl-C, no longer reaches it half-way, and
the next run can stop the whole group), then becomes dbt (``execv``; the death signal survives it).

Only the standard library: it runs before dbt, on every run.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from pathlib import Path

PR_SET_PDEATHSIG = 1
EXEC_ENV = "RESOLUTIONS_OWN_GROUP_EXEC"  # what to become (default: the dbt beside this Python)


LAUNCHER = Path(__file__).with_name("own-group")


def child_env(target: str) -> dict[str, str]:
    """The environment a run gives ``own-group`` to start ``target`` (this Python, this process)."""
    return {EXEC_ENV: target, "RESOLUTIONS_OWN_GROUP_PYTHON": sys.executable,
            "RESOLUTIONS_OWN_GROUP_PARENT": str(os.getpid())}


def die_with_parent(parent: int) -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the next run stops the recorded group instead
        return
    if os.getppid() != parent:  # the run died before the request took effect
        os._exit(128 + signal.SIGKILL)


def main(argv: list[str]) -> None:
    die_with_parent(int(os.environ.get("RESOLUTIONS_OWN_GROUP_PARENT") or os.getppid()))
    os.setpgid(0, 0)
    target = os.environ.get(EXEC_ENV) or str(Path(sys.executable).with_name("dbt"))
    os.execv(target, [target, *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
