"""The definitions scale out unchanged (docs/scaling.md): warehouse_job on Dagster's multiprocess executor,
against a persistent instance, runs each step in a process of its own and publishes the warehouse that the
in-process ``resolutions run`` publishes from the same documents."""

from __future__ import annotations

import os

import dagster as dg
import duckdb
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
        materialized = {key.to_user_string(): event.asset_materialization.metadata
                        for key in instance.get_asset_keys()
                        if (event := instance.get_latest_materialization_event(key))}
    return result, stored, warehouse, materialized


def test_the_run_succeeds_with_one_process_per_step(multiprocess_run):
    result, stored, _, _ = multiprocess_run
    assert result.success and stored.is_success
    steps = step_processes(result)
    assert {"raw_ingest", "dbt_build", "published_warehouse"} <= set(steps)
    assert len(set(steps.values())) == len(steps) and os.getpid() not in steps.values()


def test_it_publishes_the_warehouse_the_in_process_run_publishes(multiprocess_run, published_warehouse):
    _, _, warehouse, _ = multiprocess_run
    assert table_checksums(warehouse / "warehouse.duckdb") == table_checksums(published_warehouse / "warehouse.duckdb")


def test_every_table_dbt_built_carries_its_row_count(multiprocess_run):
    _, _, warehouse, materialized = multiprocess_run
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        tables = {name: con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]
                  for schema, name in con.execute(
                      "select table_schema, table_name from information_schema.tables "
                      "where table_schema in ('main', 'seeds')").fetchall()}
    built = {key: meta for key, meta in materialized.items() if "unique_id" in meta and key in tables}
    assert len(built) >= 20, sorted(materialized)
    for key, meta in built.items():
        assert meta["dagster/row_count"].value == tables[key], key
