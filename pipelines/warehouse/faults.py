"""Fault injection for the kill-at-each-stage tests. Inert unless ``RESOLUTIONS_FAULT_AT`` is set.

``RESOLUTIONS_FAULT_AT=<stage>`` (parsing, loading, dbt, checking, publishing, exporting) makes the run
print ``FAULT-POINT <stage> <pid>`` on stdout and sleep ``RESOLUTIONS_FAULT_SLEEP`` seconds (default 300)
at that point, so a test can SIGKILL it exactly there. ``RESOLUTIONS_FAULT_FAIL=<stage>`` raises
``InjectedFault`` there instead (a step that fails). ``RESOLUTIONS_FAULT_CORRUPT`` breaks the build's
data instead (``corrupt_point``).
"""

from __future__ import annotations

import os
import sys
import time

STAGES = ("parsing", "loading", "dbt", "checking", "publishing", "exporting")


class InjectedFault(RuntimeError):
    """Raised at ``RESOLUTIONS_FAULT_FAIL=<stage>``."""


def fault_point(stage: str) -> None:
    if os.environ.get("RESOLUTIONS_FAULT_FAIL") == stage:
        raise InjectedFault(f"fault injected at {stage} (RESOLUTIONS_FAULT_FAIL)")
    if os.environ.get("RESOLUTIONS_FAULT_AT") != stage:
        return
    out = sys.__stdout__ or sys.stdout  # not a redirected stream: the test must see this line
    out.write(f"FAULT-POINT {stage} {os.getpid()}\n")
    out.flush()
    time.sleep(float(os.environ.get("RESOLUTIONS_FAULT_SLEEP", "300")))


def corrupt_point(con) -> None:
    """``RESOLUTIONS_FAULT_CORRUPT=duplicate_clause`` loads one clause row twice, a build that breaks a
    warehouse invariant (unique clause keys) whatever the documents say: the tests of the blocking
    checks use it to prove that such a build publishes nothing."""
    if os.environ.get("RESOLUTIONS_FAULT_CORRUPT") == "duplicate_clause":
        con.execute("insert into raw.raw_clauses select * from raw.raw_clauses limit 1")


def worker_crash_point(source_file: str) -> None:
    """``RESOLUTIONS_FAULT_KILL_WORKER=<file name>`` kills the pool process parsing that file with
    SIGKILL (a native crash, the out-of-memory killer): the test of a worker crash uses it. Never in
    the run process itself."""
    import multiprocessing
    import signal

    if os.environ.get("RESOLUTIONS_FAULT_KILL_WORKER") == source_file and multiprocessing.parent_process():
        os.kill(os.getpid(), signal.SIGKILL)
