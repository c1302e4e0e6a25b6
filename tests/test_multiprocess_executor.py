"""The definitions scale out unchanged (docs/scaling.md): warehouse_job on Dagster's multiprocess executor,
against a persistent instance, runs each step in a process of its own and publishes the warehouse that the
in-process ``resolutions run`` publishes from the same documents."""

from __future__ import annotations

import os

import dagster as dg
import pytest
from conftest import table_checksums

from pipelines.multiprocess import run, step_processes


@pytest.fixture(scope="session")
def multiprocess_run(tmp_path_factory, session_raw_dir):
    home = tmp_path_factory.mktemp("dagster_home")
    warehouse = tmp_path_factory.mktemp("multiprocess") / "warehouse"
    with dg.DagsterInstance.local_temp(tempdir=str(home)) as instance:
        result = run(session_raw_dir, warehouse, instance)
        stored = instance.get_run_by_id(result.run_id)
    return result, stored, warehouse


def test_the_run_succeeds_with_one_process_per_step(multiprocess_run):
    result, stored, _ = multiprocess_run
    assert result.success and stored.is_success
    steps = step_processes(result)
    assert {"raw_ingest", "dbt_build", "published_warehouse"} <= set(steps)
    assert len(set(steps.values())) == len(steps) and os.getpid() not in steps.values()


def test_it_publishes_the_warehouse_the_in_process_run_publishes(multiprocess_run, published_warehouse):
    _, _, warehouse = multiprocess_run
    assert table_checksums(warehouse / "warehouse.duckdb") == table_checksums(published_warehouse / "warehouse.duckdb")
