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
