"""The Dagster code location: what the UI and `resolutions run` load (in-process, no run)."""

import re
import stat
from pathlib import Path

import dagster as dg
import pytest
import yaml

from tests.conftest import ROOT, copy_raw


@pytest.fixture(scope="module")
def defs():
    from pipelines.definitions import defs as load

    return load()


def test_raw_assets_dbt_models_checks_schedule_and_sensor_are_defined(defs):
    keys = {k.to_user_string() for k in defs.resolve_all_asset_keys()}
    for name in ("raw_documents", "raw_clauses", "raw_parse_issues", "raw_targets", "quarantine",
                 "document_versions", "dim_documents", "fct_clauses", "fct_commitments", "published_warehouse"):
        assert name in keys
    checks = {k.name for k in defs.resolve_asset_graph().asset_check_keys}
    assert {"ge_dim_documents", "ge_fct_clauses", "ge_fct_targets"} <= checks
    assert any(c.startswith(("unique_", "not_null_")) for c in checks), "dbt tests are not asset checks"
    assert defs.resolve_sensor_def("raw_folder_sensor") and defs.resolve_schedule_def("daily_rebuild")


def test_dbt_sources_are_the_raw_assets_one_lineage_graph(defs):
    graph = defs.resolve_asset_graph()
    assert dg.AssetKey("raw_clauses") in graph.get(dg.AssetKey("fct_clauses")).parent_keys
    assert dg.AssetKey("raw_documents") in graph.get(dg.AssetKey("dim_documents")).parent_keys
    # no dangling source stubs: every parent of a dbt model is materialisable here
    for key in graph.materializable_asset_keys:
        for parent in graph.get(key).parent_keys:
            assert graph.get(parent).is_materializable, f"{key} depends on an external {parent}"


def test_ge_checks_are_blocking_and_gate_publishing(defs):
    graph = defs.resolve_asset_graph()
    ge = [k for k in graph.asset_check_keys if k.name.startswith("ge_")]
    assert ge and all(graph.get_check_spec(k).blocking for k in ge)
    upstream = graph.get(dg.AssetKey("published_warehouse")).parent_keys
    assert {k.asset_key for k in ge} <= upstream


def test_one_job_holds_every_asset_and_check_in_one_process(defs):
    job = defs.resolve_job_def("warehouse_job")
    nodes = {n.name for n in job.nodes}
    assert {"raw_ingest", "dbt_build", "published_warehouse"} <= nodes
    assert any(n.startswith("dim_documents_ge_") for n in nodes)
    assert job.executor_def.name == "in_process"


def test_sensor_requests_a_run_only_when_the_raw_folder_changes(defs, tmp_path):
    from pipelines.defs.resources import WarehouseResource

    raw = copy_raw(tmp_path / "raw")
    sensor = defs.resolve_sensor_def("raw_folder_sensor")
    resources = {"warehouse": WarehouseResource(raw_dir=str(raw), warehouse_dir=str(tmp_path / "wh"))}

    def tick(cursor):
        ctx = dg.build_sensor_context(cursor=cursor, resources=resources)
        result = sensor(ctx)
        return result, ctx.cursor

    first, cursor = tick(None)
    assert isinstance(first, dg.RunRequest)
    again, cursor2 = tick(cursor)
    assert isinstance(again, dg.SkipReason) and cursor2 == cursor
    (raw / "new.txt").write_text("RESOLUTION 1\n\nThe Assembly,\n\n1. Urges all to act;\n")
    added, cursor3 = tick(cursor)
    assert isinstance(added, dg.RunRequest) and cursor3 != cursor
    (raw / "new.txt").unlink()
    removed, _ = tick(cursor3)
    assert isinstance(removed, dg.RunRequest)


def test_translator_groups_models_by_layer():
    from pipelines.defs.dbt.translator import group_for

    assert group_for({"resource_type": "model", "fqn": ["proj", "marts", "fct_x"]}) == "marts"
    assert group_for({"resource_type": "seed", "fqn": ["proj", "lexicon"]}) == "seeds"


def test_every_asset_check_has_a_description(defs):
    graph = defs.resolve_asset_graph()
    missing = [k.to_user_string() for k in graph.asset_check_keys
               if not (graph.get_check_spec(k).description or "").strip()]
    assert not missing, f"checks the UI would show as 'No description provided': {missing}"
    # a test's own yml description is the check's
    said = [graph.get_check_spec(k).description for k in graph.asset_check_keys
            if k.asset_key == dg.AssetKey("fct_clause_lineage") and k.name.endswith("rows_satisfy")]
    assert len(said) == 1 and said[0].startswith("Every lineage row is consistent: it links back, never forward;")


def test_a_dbt_test_is_described_by_its_yml_description_else_by_what_it_asserts():
    from pipelines.defs.dbt.translator import describe_test

    manifest = {"nodes": {"model.p.fct_x": {"name": "fct_x"}, "model.p.dim_y": {"name": "dim_y"}}, "macros": {}}

    def test(name, description="", column=None, **kwargs):
        return {"description": description, "column_name": column, "attached_node": "model.p.fct_x",
                "package_name": "p", "test_metadata": {"name": name, "kwargs": {"model": "{{ x }}", **kwargs}}}

    assert describe_test(test("unique", "Said in the yml.", "x_id"), manifest) == "Said in the yml."
    assert describe_test(test("not_null", column="x_id"), manifest) == "x_id of fct_x is never null."
    assert describe_test(test("relationships", column="y_id", to="ref('dim_y')", field="y_id"), manifest) == \
        "Every y_id of fct_x is a y_id of dim_y."
    assert describe_test(test("accepted_values", column="kind", values=["a", "b"]), manifest) == \
        "kind of fct_x is one of: a, b."
    assert describe_test(test("unique_combination_of_columns", combination_of_columns=["a", "b"]), manifest) == \
        "No two rows of fct_x share (a, b)."
    links = [{"columns": ["y_id"], "to": "dim_y"}, {"columns": ["a", "b"], "to": "fct_x", "to_columns": ["c", "d"]}]
    assert describe_test(test("references", links=links), manifest) == \
        "In fct_x: every (y_id) is a (y_id) of dim_y; every (a, b) is a (c, d) of fct_x."
    assert describe_test(test("rows_satisfy", expressions=["a > 0", "b  in ('x', 'y')"]), manifest) == \
        "Every row of fct_x satisfies: a > 0; b in ('x', 'y')."
    assert describe_test(test("a_new_generic_test", limit=3), manifest) == \
        "dbt test a_new_generic_test on fct_x (limit: 3)"


def test_instance_config_queues_one_run_at_a_time_without_telemetry():
    config = yaml.safe_load((ROOT / "dagster.yaml").read_text())
    assert config["run_queue"]["max_concurrent_runs"] == 1
    assert config["telemetry"]["enabled"] is False


def test_makefile_has_the_documented_targets_and_ci_calls_make_test():
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    assert {"install", "run", "test", "dev", "fuzz", "clean"} <= targets
    assert "127.0.0.1" in makefile and "sync --locked" in makefile
    ci = ROOT / ".ci" / "run"
    assert ci.stat().st_mode & stat.S_IXUSR
    lines = ci.read_text().splitlines()
    assert lines[0] == "#!/usr/bin/env bash" and "set -euo pipefail" in lines and lines[-1] == "make test"


def test_run_help_documents_the_exit_statuses():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "pipelines.cli", "run", "--help"], capture_output=True,
                         text=True, cwd=ROOT, check=True).stdout
    for code in ("0 ", "1 ", "2 ", "3 "):
        assert f"\n  {code}" in out
    for option in ("--raw-dir", "--warehouse-dir", "RESOLUTIONS_RAW_DIR", "RESOLUTIONS_WAREHOUSE_DIR"):
        assert option in out
    assert Path(ROOT / "warehouse" / "README.md").exists()


def test_a_failed_dbt_test_is_reported_with_its_failing_rows(tmp_path):
    import json

    import duckdb

    from pipelines.defs.dbt.assets import failure_report

    db = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create table fct as select * from (values ('d1', '1'), ('d1', '3')) v(doc_id, clause_ref)")
    results = {"results": [
        {"unique_id": "test.proj.numbering_is_contiguous_fct", "status": "fail", "failures": 1,
         "message": "Got 1 result", "compiled_code": "select doc_id, clause_ref from fct where clause_ref = '3'"},
        {"unique_id": "model.proj.fct_x", "status": "error", "message": "Binder Error: column nope\nmore"},
        {"unique_id": "test.proj.ok", "status": "pass", "compiled_code": "select 1"},
    ]}
    (tmp_path / "run_results.json").write_text(json.dumps(results))
    lines = failure_report(tmp_path / "run_results.json", db)
    assert lines == ["dbt test FAILED numbering_is_contiguous_fct: 1 row(s)", "  doc_id=d1, clause_ref=3",
                     "dbt FAILED fct_x: Binder Error: column nope"]


def test_loading_the_definitions_as_make_dev_does_prints_no_warning(tmp_path):
    # `make dev` loads `-m pipelines.definitions`; `dagster definitions validate` loads it the same way
    # (a code location of that name), without starting the UI
    import subprocess
    import sys

    from tests.conftest import cli_env

    dagster = str(Path(sys.executable).with_name("dagster"))
    (tmp_path / "dagster.yaml").write_text((ROOT / "dagster.yaml").read_text())  # as `make dagster-home` does
    proc = subprocess.run([dagster, "definitions", "validate", "-m", "pipelines.definitions"], cwd=ROOT,
                          env=cli_env(DAGSTER_HOME=str(tmp_path)), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    warned = [line for line in (proc.stdout + proc.stderr).splitlines()
              if ("WARNING" in line or "Warning" in line)
              and "definitions_validate_command" not in line]  # the validate command's own deprecation
    assert not warned, "\n".join(warned[:5])
