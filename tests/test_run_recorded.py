"""A CLI run is recorded in the Dagster instance of $DAGSTER_HOME when it ends
(pipelines/commands/record.py): the Dagster UI lists it with the materialization of every asset and the
result of every check. The session's own run (conftest ``published_warehouse``) is recorded as
``make run`` records it."""

from __future__ import annotations

import json
import os
import sys
import urllib.request

import dagster as dg
import pytest
from browser_helpers import body_text, chromium, free_port, needs_chromium, screenshot, server, wait_until
from conftest import ROOT

from pipelines.commands import record


@pytest.fixture(scope="module")
def job_asset_and_check_keys():
    from pipelines.definitions import defs

    job = defs().resolve_job_def("warehouse_job")
    return set(job.asset_layer.executable_asset_keys), set(job.asset_layer.asset_graph.asset_check_keys)


@pytest.fixture(scope="module")
def recorded_instance(session_dagster_home):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DAGSTER_HOME", str(session_dagster_home))
        with dg.DagsterInstance.get() as instance:
            yield instance


def test_the_session_run_is_recorded_with_its_status_times_and_every_event(recorded_instance,
                                                                        published_run_stdout):
    (run,) = recorded_instance.get_runs()
    assert run.status == dg.DagsterRunStatus.SUCCESS
    record_ = recorded_instance.get_run_record_by_id(run.run_id)
    assert record_.start_time and record_.end_time and record_.start_time < record_.end_time
    n_events = len(recorded_instance.all_logs(run.run_id))
    assert f"run recorded in the Dagster instance at {recorded_instance.root_directory} ({n_events} events" \
        in published_run_stdout


def test_every_asset_of_the_job_has_its_materialization_and_every_check_its_result(
        recorded_instance, job_asset_and_check_keys):
    asset_keys, check_keys = job_asset_and_check_keys
    (run,) = recorded_instance.get_runs()
    for key in asset_keys:
        event = recorded_instance.get_latest_materialization_event(key)
        assert event is not None and event.run_id == run.run_id, key
    for key in check_keys:
        (execution,) = recorded_instance.event_log_storage.get_asset_check_execution_history(key, limit=5)
        assert execution.run_id == run.run_id and execution.status.value == "SUCCEEDED", key


def _graphql(url: str, query: str) -> dict:
    request = urllib.request.Request(f"{url}/graphql", data=json.dumps({"query": query}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["data"]


@pytest.fixture(scope="module")
def dagster_ui(session_dagster_home, tmp_path_factory):
    port = free_port()
    env = {**os.environ, "DAGSTER_HOME": str(session_dagster_home)}
    cmd = [sys.executable, "-m", "dagster_webserver", "-h", "127.0.0.1", "-p", str(port),
           "-m", "pipelines.definitions"]
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("dagster-ui") / "webserver.log"
    with server(cmd, f"{url}/server_info", log, env=env, cwd=ROOT, ok=b"dagster_webserver_version", timeout=180):
        yield url


ASSETS_QUERY = """{ assetNodes { assetKey { path } assetMaterializations(limit: 1) { runId }
  assetChecksOrError { ... on AssetChecks {
    checks { name executionForLatestMaterialization { status runId } } } } } }"""


def test_the_dagster_ui_lists_the_run_its_materializations_and_its_checks(dagster_ui, recorded_instance,
                                                                        job_asset_and_check_keys):
    (run,) = recorded_instance.get_runs()
    asset_keys, check_keys = job_asset_and_check_keys
    runs = _graphql(dagster_ui, "{ runsOrError { ... on Runs { results { runId status jobName } } } }")
    assert runs["runsOrError"]["results"] == [{"runId": run.run_id, "status": "SUCCESS", "jobName": "warehouse_job"}]
    nodes = _graphql(dagster_ui, ASSETS_QUERY)["assetNodes"]
    materialized = {tuple(n["assetKey"]["path"]) for n in nodes
                    if [m["runId"] for m in n["assetMaterializations"]] == [run.run_id]}
    assert {tuple(k.path) for k in asset_keys} <= materialized
    checks = [c for n in nodes for c in n["assetChecksOrError"].get("checks", [])]
    assert len(checks) == len(check_keys)
    assert {(c["executionForLatestMaterialization"] or {}).get("runId") for c in checks} == {run.run_id}
    assert {c["executionForLatestMaterialization"]["status"] for c in checks} == {"SUCCEEDED"}


@needs_chromium
def test_the_run_page_of_the_dagster_ui_shows_the_run_as_a_person_sees_it(dagster_ui, recorded_instance,
                                                                        tmp_path):
    (run,) = recorded_instance.get_runs()
    with chromium(tmp_path / "profile") as driver:
        driver.get(f"{dagster_ui}/runs/{run.run_id}")
        wait_until(lambda: "Success" in body_text(driver) and "published_warehouse" in body_text(driver),
                   timeout=90, what="the run page")
        _skip_the_welcome_dialog(driver)
        screenshot(driver, "dagster-run")
        driver.get(f"{dagster_ui}/runs")
        wait_until(lambda: run.run_id[:8] in body_text(driver), timeout=90, what="the runs list")
        screenshot(driver, "dagster-runs")


def _skip_the_welcome_dialog(driver) -> None:
    """A fresh Dagster UI greets a new browser with a newsletter dialog over the page: skip it as a
    person would."""
    from selenium.webdriver.common.by import By

    for button in driver.find_elements(By.XPATH, "//button[normalize-space()='Skip']"):
        button.click()
    wait_until(lambda: "Join the Dagster community" not in body_text(driver), timeout=30, what="the dialog to close")


# --- the copy itself, on a small job ------------------------------------------------------------

@dg.asset(check_specs=[dg.AssetCheckSpec("positive", asset="numbers")])
def numbers():
    yield dg.MaterializeResult(metadata={"n": 3})
    yield dg.AssetCheckResult(passed=True, check_name="positive")


@dg.asset(deps=[numbers])
def doubled():
    return None


def _small_run():
    source = dg.DagsterInstance.ephemeral()
    result = dg.materialize([numbers, doubled], instance=source)
    return source, result.run_id


def _persistent(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    return record.home_instance()


def test_a_copied_run_holds_the_same_events_in_the_same_order(tmp_path, monkeypatch):
    source, run_id = _small_run()
    target = _persistent(tmp_path, monkeypatch)
    n = record.copy_run(source, run_id, target)
    copied = [e.dagster_event_type for e in target.all_logs(run_id)]
    assert copied == [e.dagster_event_type for e in source.all_logs(run_id)] and len(copied) == n
    assert target.get_run_by_id(run_id).status == dg.DagsterRunStatus.SUCCESS
    assert target.get_latest_materialization_event(dg.AssetKey("doubled")).run_id == run_id
    (check,) = target.event_log_storage.get_asset_check_execution_history(
        dg.AssetCheckKey(dg.AssetKey("numbers"), "positive"), limit=5)
    assert check.status.value == "SUCCEEDED"


def test_a_copy_that_fails_half_way_leaves_neither_the_run_nor_any_of_its_events(tmp_path, monkeypatch):
    source, run_id = _small_run()
    target = _persistent(tmp_path, monkeypatch)
    storage = target.event_log_storage
    stored = []
    real_store = type(storage).store_event

    def store_then_fail(self, event):
        if any(e.dagster_event_type == dg.DagsterEventType.ASSET_MATERIALIZATION for e in stored):
            raise OSError("disk full")  # the first materialization is written, the rest is not
        stored.append(event)
        real_store(self, event)

    monkeypatch.setattr(type(storage), "store_event", store_then_fail)
    with pytest.raises(OSError, match="disk full"):
        record.copy_run(source, run_id, target)
    monkeypatch.undo()
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    assert any(e.dagster_event_type == dg.DagsterEventType.ASSET_MATERIALIZATION for e in stored)
    fresh = record.home_instance()
    assert not fresh.has_run(run_id)
    assert fresh.all_logs(run_id) == []
    assert fresh.get_latest_materialization_event(dg.AssetKey("numbers")) is None


def test_without_a_dagster_home_there_is_no_instance_to_record_in(monkeypatch, tmp_path):
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    assert record.home_instance() is None
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "missing"))
    assert record.home_instance() is None
