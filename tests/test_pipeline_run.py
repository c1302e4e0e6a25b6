"""`resolutions run` end to end on real files: what it publishes, prints, and how re-runs behave."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import RAW_SAMPLES, ROOT, cli_env, query, run_cli, table_checksums

pytestmark = pytest.mark.slow

MARTS = ("dim_documents", "fct_clauses", "fct_commitments", "fct_verbs", "fct_topics", "fct_targets",
         "fct_entity_mentions", "dim_document_versions")


def test_run_publishes_raw_tables_and_marts(published_warehouse):
    db = published_warehouse / "warehouse.duckdb"
    counts = {t: n for t, (n, _) in table_checksums(db).items()}
    assert counts["raw.raw_documents"] == len(RAW_SAMPLES)
    for mart in MARTS:
        assert f"main.{mart}" in counts, f"{mart} missing"
    assert counts["main.dim_documents"] == len(RAW_SAMPLES)
    assert counts["main.fct_clauses"] == counts["raw.raw_clauses"] > 0
    assert counts["main.fct_commitments"] > 0 and counts["main.fct_targets"] > 0
    assert not list((published_warehouse / ".staging").glob("*")), "staging left behind"
    assert not (published_warehouse / ".lock").exists()


def test_seeds_are_published_in_their_own_schema_not_among_the_marts(published_warehouse):
    db = published_warehouse / "warehouse.duckdb"
    seeds = {p.stem for p in (ROOT / "dbt_project" / "seeds").glob("*.csv")}
    by_schema = {}
    for schema, table in query(db, "select table_schema, table_name from information_schema.tables"):
        by_schema.setdefault(schema, set()).add(table)
    assert by_schema["seeds"] == seeds
    assert not seeds & by_schema["main"], "a seed left among the marts"
    # the marts built from a seed still read it (dim_pledges publishes seed pledges)
    assert query(db, "select count(*) from main.dim_pledges") == query(db, "select count(*) from seeds.pledges")


def test_run_records_what_it_published(published_warehouse):
    db = published_warehouse / "warehouse.duckdb"
    (version, checks, documents), = query(db, "select version, checks, documents from meta.publish_log")
    checks, documents = json.loads(checks), json.loads(documents)
    assert {d["source_file"] for d in documents} == {p.name for p in RAW_SAMPLES}
    assert checks and all(c["passed"] for c in checks)
    assert any(c["check"].startswith("ge_") for c in checks), "Great Expectations checks did not run"
    assert (published_warehouse / "versions" / f"{version}.duckdb").exists()


def test_run_prints_a_summary(published_run_stdout, published_warehouse):
    out = published_run_stdout
    for word in ("documents", "clauses", "commitments", "targets", "quarantined", "checks"):
        assert f"\n  {word}" in out
    assert "0 failed" in out and str(published_warehouse / "warehouse.duckdb") in out
    # the kept versions: how many, the bound, and what they take on disk (each is a full copy)
    assert re.search(r"\n  versions     1 kept \(at most \d+: RESOLUTIONS_KEEP_VERSIONS\), \d+\.\d MB\n", out)
    assert "\x1b[" not in out, "colour codes when stdout is not a terminal"


def test_run_prints_each_steps_progress_and_none_of_dagsters_event_lines(published_run_stdout):
    # the steps' messages come through the progress logger the command selects (pipelines/defs/progress.py)
    progress = re.findall(r"^\[ *\d+\.\ds\]   (\S+)", published_run_stdout, flags=re.M)
    for first_word in ("staging", "parsing", "raw:", "dbt", "check", "publishing", "published", "report", "parquet:"):
        assert first_word in progress, first_word
    assert progress.index("staging") < progress.index("dbt") < progress.index("publishing")
    for dagster_line in ("STEP_START", "RUN_SUCCESS", "ASSET_MATERIALIZATION", " - INFO - ", "warehouse_job - "):
        assert dagster_line not in published_run_stdout


def test_status_shows_the_published_version_documents_and_checks(published_warehouse):
    proc = run_cli("status", "--warehouse-dir", str(published_warehouse), check_codes={0})
    version = query(published_warehouse / "warehouse.duckdb", "select version from meta.publish_log")[0][0]
    assert version in proc.stdout
    for p in RAW_SAMPLES:
        assert repr(p.name) in proc.stdout
    assert "0 failed" in proc.stdout
    data = json.loads(run_cli("status", "--json", "--warehouse-dir", str(published_warehouse)).stdout)
    assert data["published"]["version"] == version and data["lock"] is None


def test_warehouse_dir_and_raw_dir_come_from_the_environment(tmp_path):
    proc = run_cli("run", env=cli_env(RESOLUTIONS_RAW_DIR=str(tmp_path / "nowhere"),
                                      RESOLUTIONS_WAREHOUSE_DIR=str(tmp_path / "wh")))
    assert proc.returncode == 2 and "nowhere" in proc.stderr
    assert not (tmp_path / "wh" / "warehouse.duckdb").exists()


def test_a_full_rebuild_of_unchanged_input_leaves_every_table_identical(rerun_with_readers):
    # an unchanged input alone publishes nothing new (test_unchanged_run); --full-refresh rebuilds it all
    assert rerun_with_readers["proc"].returncode == 0, rerun_with_readers["proc"].stdout[-3000:]
    before, after = rerun_with_readers["before"], rerun_with_readers["after"]
    assert set(before) == set(after)
    # raw.build_scope is the run's note to dbt (what it rebuilt: every document now), not document data
    changed = {t for t in before if before[t] != after[t] and t != "raw.build_scope"}
    assert not changed, f"tables changed on a rebuild: {sorted(changed)}"
    assert after["raw.build_scope"][0] == len(RAW_SAMPLES)
    assert f"{len(RAW_SAMPLES)} parsed, 0 unchanged" in rerun_with_readers["proc"].stdout


def test_changed_file_replaces_its_rows_and_removed_file_leaves(messy_run, published_warehouse):
    db = messy_run["dir"] / "warehouse.duckdb"
    old_db = published_warehouse / "warehouse.duckdb"
    sources = {r[0] for r in query(db, "select source_file from main.dim_documents")}
    assert messy_run["removed"] not in sources
    assert messy_run["changed"] in sources
    doc_id = query(db, "select doc_id from main.dim_documents where source_file = ?", [messy_run["changed"]])[0][0]
    n_old = query(old_db, "select count(*) from main.fct_clauses where doc_id = ?", [doc_id])[0][0]
    n_new = query(db, "select count(*) from main.fct_clauses where doc_id = ?", [doc_id])[0][0]
    assert n_new < n_old
    assert query(db, "select count(*) from main.fct_clauses c where not exists "
                     "(select 1 from main.dim_documents d where d.doc_id = c.doc_id)")[0][0] == 0
    versions = query(db, "select count(*) from raw.document_versions where doc_id = ?", [doc_id])[0][0]
    assert versions == 2
    assert messy_run["removed"] not in {r[0] for r in query(db, "select source_file from raw.raw_documents")}


def test_rollback_restores_the_previous_version(rerun_with_readers, tmp_path):
    from tests.conftest import copy_warehouse

    wh = copy_warehouse(rerun_with_readers["dir"], tmp_path / "wh")
    current = query(wh / "warehouse.duckdb", "select max(version) from meta.publish_log")[0][0]
    proc = run_cli("rollback", "--warehouse-dir", str(wh), check_codes={0})
    restored = query(wh / "warehouse.duckdb", "select max(version) from meta.publish_log")[0][0]
    assert restored < current and restored in proc.stdout
    assert "rolled back" in run_cli("status", "--warehouse-dir", str(wh)).stdout
    assert run_cli("rollback", "no-such-version", "--warehouse-dir", str(wh)).returncode == 2


def test_a_renamed_file_leaves_no_current_version_under_its_old_document(published_warehouse, session_raw_dir,
                                                                          tmp_path):
    from tests.conftest import copy_warehouse

    wh = copy_warehouse(published_warehouse, tmp_path / "warehouse")
    raw = tmp_path / "raw"
    raw.mkdir()
    files = sorted(session_raw_dir.iterdir())
    for p in files:
        (raw / p.name).write_bytes(p.read_bytes())
    old = files[0]
    (raw / old.name).rename(raw / f"renamed-{old.name}")
    run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(wh), check_codes={0})
    db = wh / "warehouse.duckdb"
    current = dict(query(db, "select doc_id, count(*) filter (where is_current) from dim_document_versions group by 1"))
    documents = {r[0] for r in query(db, "select doc_id from dim_documents")}
    assert {d for d, n in current.items() if n} == documents
    assert all(n <= 1 for n in current.values())
    assert current[old.stem] == 0 and current[f"renamed-{old.stem}"] == 1
