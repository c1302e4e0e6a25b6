"""The run's side worker (pipelines/side_worker.py): suites and the report run outside the run's
process, and a worker that dies fails its own call only."""

import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from pipelines import side_worker as worker


def _pid() -> int:
    return os.getpid()


def _die() -> None:
    os._exit(3)


def test_the_worker_runs_calls_in_a_process_of_its_own_and_keeps_it():
    first = worker.run(_pid)
    assert first != os.getpid()
    assert worker.run(_pid) == first


def test_a_worker_that_dies_fails_its_call_and_the_next_call_gets_a_new_worker():
    before = worker.run(_pid)
    with pytest.raises(BrokenProcessPool):
        worker.run(_die)
    after = worker.run(_pid)
    assert after not in (before, os.getpid())


def _use_the_worker_and_return() -> None:
    worker.run(_pid)


def test_a_process_that_used_the_worker_still_exits_when_multiprocessing_started_it():
    # a step process of Dagster's multiprocess executor: multiprocessing joins its children at its exit
    import multiprocessing

    child = multiprocessing.get_context("spawn").Process(target=_use_the_worker_and_return)
    child.start()
    child.join(timeout=120)
    alive = child.is_alive()
    if alive:
        child.kill()
    assert not alive and child.exitcode == 0


USE_THEN_WAIT = ("import time; from pipelines import side_worker; from tests.test_side_worker import _pid; "
                 "print(side_worker.run(_pid), flush=True); time.sleep(120)")


def test_the_worker_exits_when_its_run_is_sigkilled():
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    run = subprocess.Popen([sys.executable, "-c", USE_THEN_WAIT], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    pid = int(run.stdout.readline())
    run.send_signal(signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 15
    while os.path.exists(f"/proc/{pid}") and time.monotonic() < deadline:
        time.sleep(0.2)
    stat = open(f"/proc/{pid}/stat").read() if os.path.exists(f"/proc/{pid}") else ""
    assert not stat or stat.rsplit(")", 1)[1].split()[0] == "Z", "the worker outlived its SIGKILLed run"


def test_the_worker_starts_with_dbt_only_for_builds_that_compute_lineage_in_this_process():
    from pipelines.defs.dbt.assets import side_worker_starts_with_dbt
    from pipelines.facts.lineage import PARALLEL_FROM

    assert side_worker_starts_with_dbt(1) and side_worker_starts_with_dbt(PARALLEL_FROM - 1)
    assert not side_worker_starts_with_dbt(PARALLEL_FROM)
