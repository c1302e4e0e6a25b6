"""The raw-folder sensor requests a run for every change of raw/, a return to an earlier listing included.

Dagster's daemon skips a run request whose run key an earlier run of the same sensor already carries
(``fetch_existing_runs`` in ``dagster._daemon.sensor``: runs tagged ``dagster/run_key`` and
``dagster/sensor_name``). The tests evaluate the real sensor with ``build_sensor_context`` on a Dagster
instance, apply that same rule to the instance's runs, and record each requested run there with those
tags, as the daemon does; the slow test executes the requested runs and reads what they published.
"""

from __future__ import annotations

import dagster as dg
import pytest
from dagster._core.storage.tags import RUN_KEY_TAG, SENSOR_NAME_TAG

from pipelines.defs.automation.triggers import next_cursor, raw_folder_sensor
from pipelines.defs.resources import WarehouseResource
from tests.conftest import copy_raw, copy_warehouse, hostile_document, query

SENSOR = "raw_folder_sensor"


def already_run(instance: dg.DagsterInstance, run_key: str) -> bool:
    """The daemon's idempotence rule: a run of this sensor with this run key exists."""
    runs = instance.get_runs(filters=dg.RunsFilter(tags={RUN_KEY_TAG: run_key}))
    return any(r.tags.get(SENSOR_NAME_TAG) == SENSOR for r in runs)


def tick(instance, cursor, raw, wh):
    ctx = dg.build_sensor_context(instance=instance, cursor=cursor, sensor_name=SENSOR,
                                  resources={"warehouse": WarehouseResource(raw_dir=str(raw), warehouse_dir=str(wh))})
    return raw_folder_sensor(ctx), ctx.cursor


def daemon_tags(request: dg.RunRequest) -> dict[str, str]:
    return {**request.tags, RUN_KEY_TAG: request.run_key, SENSOR_NAME_TAG: SENSOR}


def record(instance, request: dg.RunRequest) -> None:
    instance.add_run(dg.DagsterRun(job_name="warehouse_job", tags=daemon_tags(request)))


NEW_DOC = hostile_document(77, "a document added, then removed")


def test_adding_then_removing_a_file_requests_two_runs_the_daemon_does_not_skip(tmp_path):
    raw = copy_raw(tmp_path / "raw")
    with dg.instance_for_test() as instance:
        first, cursor = tick(instance, None, raw, tmp_path / "wh")
        assert isinstance(first, dg.RunRequest) and not already_run(instance, first.run_key)
        record(instance, first)
        same, same_cursor = tick(instance, cursor, raw, tmp_path / "wh")
        assert isinstance(same, dg.SkipReason) and same_cursor == cursor
        (raw / "added.txt").write_text(NEW_DOC)
        added, cursor = tick(instance, cursor, raw, tmp_path / "wh")
        assert isinstance(added, dg.RunRequest) and not already_run(instance, added.run_key)
        record(instance, added)
        (raw / "added.txt").unlink()  # the folder is back to the first listing
        removed, cursor = tick(instance, cursor, raw, tmp_path / "wh")
        assert isinstance(removed, dg.RunRequest)
        assert not already_run(instance, removed.run_key), "the removal would be skipped as already run"
        assert len({first.run_key, added.run_key, removed.run_key}) == 3


def test_a_reset_cursor_starts_a_new_series_of_run_keys():
    one, key_one = next_cursor(None, "f" * 64)
    _, key_again = next_cursor(None, "f" * 64)
    assert key_one != key_again
    assert next_cursor(one, "f" * 64) is None


def test_a_cursor_of_the_earlier_form_still_counts_as_the_listing_it_names():
    assert next_cursor("a" * 64, "a" * 64) is None
    assert next_cursor("a" * 64, "b" * 64) is not None


@pytest.mark.slow
def test_a_file_added_then_removed_is_published_then_gone_through_the_sensors_runs(published_warehouse, tmp_path):
    from pipelines.definitions import defs
    from pipelines.warehouse import locks
    from pipelines.warehouse.paths import Layout

    raw = copy_raw(tmp_path / "raw")
    wh = copy_warehouse(published_warehouse, tmp_path / "wh")
    job = defs().resolve_job_def("warehouse_job")
    config = {"resources": {"warehouse": {"config": {"raw_dir": str(raw), "warehouse_dir": str(wh)}}}}

    def documents_named(name):
        return query(wh / "warehouse.duckdb", "select count(*) from main.dim_documents where source_file = ?",
                     [name])[0][0]

    with dg.instance_for_test() as instance:
        first, cursor = tick(instance, None, raw, wh)
        if isinstance(first, dg.RunRequest):  # the tree changed since the session warehouse was built
            record(instance, first)
        runs = []
        for change in ("add", "remove"):
            if change == "add":
                (raw / "added.txt").write_text(NEW_DOC)
            else:
                (raw / "added.txt").unlink()
            request, cursor = tick(instance, cursor, raw, wh)
            assert isinstance(request, dg.RunRequest) and not already_run(instance, request.run_key), change
            result = job.execute_in_process(run_config=config, instance=instance, tags=daemon_tags(request),
                                            raise_on_error=False)
            locks.release(Layout(wh), result.run_id)
            assert result.success, change
            runs.append(result.run_id)
            assert documents_named("added.txt") == (1 if change == "add" else 0), change
        assert all(instance.get_run_by_id(r).tags[SENSOR_NAME_TAG] == SENSOR for r in runs)


def test_the_first_tick_requests_no_run_when_the_published_warehouse_is_of_this_folder(published_warehouse,
                                                                                        tmp_path, monkeypatch):
    # `make dev` on a warehouse `make run` just published: the sensor's first tick starts nothing
    raw = copy_raw(tmp_path / "raw")
    # the code and dbt project are those the session warehouse recorded (a tree edited while the session
    # runs is a change, and pipelines/warehouse/unchanged.py's own tests cover that)
    state = dict(query(published_warehouse / "warehouse.duckdb", "select key, value from meta.ingest_state"))
    monkeypatch.setattr("pipelines.warehouse.ingest.code_fingerprint", lambda: state["code_fingerprint"])
    monkeypatch.setattr("pipelines.warehouse.scope.dbt_project_fingerprint", lambda: state["dbt_project_fingerprint"])
    with dg.instance_for_test() as instance:
        first, cursor = tick(instance, None, raw, published_warehouse)
        assert isinstance(first, dg.SkipReason) and "no run needed" in first.skip_message
        assert cursor  # the listing is recorded: the next change is a change
        again, _ = tick(instance, cursor, raw, published_warehouse)
        assert isinstance(again, dg.SkipReason) and again.skip_message == "raw folder unchanged"
        (raw / "added.txt").write_text(NEW_DOC)
        added, _ = tick(instance, cursor, raw, published_warehouse)
        assert isinstance(added, dg.RunRequest)
        # a folder the published warehouse was not built from is a run at once
        other = copy_raw(tmp_path / "other")
        (other / "added.txt").write_text(NEW_DOC)
        assert isinstance(tick(instance, None, other, published_warehouse)[0], dg.RunRequest)
