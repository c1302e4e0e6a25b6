"""The dbt project's own checks that pipeline runs do not repeat: its unit tests, and the constraints of
the marts' enforced contracts, which DuckDB applies when a table is written instead of a test query."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipelines.defs.dbt.project import DBT_DIR, build_scope_filter, load_project

DBT = Path(sys.executable).with_name("dbt")


@pytest.fixture(scope="module")
def manifest() -> dict:
    return load_project()[1]


def enforced_marts(manifest: dict) -> list[dict]:
    return [n for n in manifest["nodes"].values()
            if n["resource_type"] == "model" and n["config"]["materialized"] in ("table", "incremental")
            and n["config"].get("contract", {}).get("enforced")]


def column_constraints(node: dict, kind: str) -> set[str]:
    return {name for name, col in node["columns"].items()
            if any(c["type"] == kind for c in col.get("constraints", []))}


def private_copy(published_warehouse: Path, tmp_path: Path) -> Path:
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(published_warehouse / "warehouse.duckdb", db)
    return db


def dbt_test(db: Path, tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, list[dict]]:
    """``dbt test ARGS`` on ``db`` in a process of its own: the process and run_results.json's results."""
    target = tmp_path / "target"
    proc = subprocess.run(
        [str(DBT), "test", *args, "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR),
         "--target-path", str(target), "--log-path", str(tmp_path)],
        env={**os.environ, "RESOLUTIONS_DB_PATH": str(db)}, capture_output=True, text=True, timeout=600)
    return proc, json.loads((target / "run_results.json").read_text())["results"]


def test_the_unit_tests_pass_on_the_published_warehouse(published_warehouse, manifest, tmp_path):
    assert manifest["unit_tests"], "the project has no dbt unit tests"
    proc, results = dbt_test(private_copy(published_warehouse, tmp_path), tmp_path, "--select", "test_type:unit")
    statuses = {r["unique_id"]: r["status"] for r in results if r["unique_id"].startswith("unit_test.")}
    assert statuses == dict.fromkeys(manifest["unit_tests"], "pass"), proc.stdout[-4000:]
    assert proc.returncode == 0, proc.stdout[-4000:]


def test_the_published_tables_hold_their_contracts_constraints(published_warehouse, manifest):
    marts = enforced_marts(manifest)
    assert marts
    with duckdb.connect(str(published_warehouse / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute(
            "select table_name, constraint_type, constraint_column_names from duckdb_constraints() "
            "where schema_name = 'main' and constraint_type in ('NOT NULL', 'PRIMARY KEY')").fetchall()
    held = {(table, kind): set() for table, kind, _ in rows}
    for table, kind, columns in rows:
        held[(table, kind)] |= set(columns)
    for node in marts:
        name = node["alias"] or node["name"]
        assert held.get((name, "NOT NULL"), set()) == column_constraints(node, "not_null"), name
        assert held.get((name, "PRIMARY KEY"), set()) == column_constraints(node, "primary_key"), name


def test_no_test_repeats_a_constraint_duckdb_enforces(manifest):
    """A not_null test on a not_null column, or a unique test on the primary key, of an enforced
    contract would only re-check what the database refused to write: one more dbt node on every run."""
    enforced = {n["unique_id"]: n for n in enforced_marts(manifest)}
    repeated = []
    for test in manifest["nodes"].values():
        meta = test.get("test_metadata") or {}
        node = enforced.get(test.get("attached_node") or "")
        column = test.get("column_name")
        # a test with a condition of its own ("not null unless a deadline") is not a constraint
        if test["resource_type"] != "test" or node is None or column is None or \
                test["config"].get("where") not in (None, build_scope_filter()):
            continue
        if (meta.get("name") == "not_null" and column in column_constraints(node, "not_null")) or \
                (meta.get("name") == "unique" and column in column_constraints(node, "primary_key")):
            repeated.append(test["name"])
    assert not repeated


def test_a_null_in_a_not_null_column_is_refused_when_a_mart_is_written(published_warehouse, manifest, tmp_path):
    db = private_copy(published_warehouse, tmp_path)
    node = next(n for n in enforced_marts(manifest) if n["config"]["materialized"] == "incremental")
    column = sorted(column_constraints(node, "not_null") - column_constraints(node, "primary_key"))[0]
    table = node["alias"] or node["name"]
    with duckdb.connect(str(db)) as con:
        # the statement names a mart and a column of the project's manifest, never a document's text
        with pytest.raises(duckdb.ConstraintException, match="NOT NULL"):
            con.execute(f'update main."{table}" set "{column}" = null')


def test_a_null_in_a_python_models_required_column_fails_its_not_null_columns_test(
        published_warehouse, manifest, tmp_path):
    test = next(n for n in manifest["nodes"].values()
                if (n.get("test_metadata") or {}).get("name") == "not_null_columns"
                and n["attached_node"] == "model.resolution_warehouse.fct_clause_lineage")
    column = test["test_metadata"]["kwargs"]["columns"][-1]
    db = private_copy(published_warehouse, tmp_path)
    with duckdb.connect(str(db)) as con:
        # the statement names a column of the project's manifest, never a document's text
        con.execute(f'update main.fct_clause_lineage set "{column}" = null where lineage_id in '
                    "(select min(lineage_id) from main.fct_clause_lineage)")
    _, results = dbt_test(db, tmp_path, "--select", test["name"], "--store-failures")
    [result] = [r for r in results if r["unique_id"] == test["unique_id"]]
    assert result["status"] == "fail" and result["failures"] == 1
    with duckdb.connect(str(db), read_only=True) as con:
        relation = con.execute(
            "select table_schema, table_name from information_schema.tables where table_name = ?",
            [test["alias"] if test.get("alias") else test["name"]]).fetchall()[0]
        named = con.execute(f'select null_columns from "{relation[0]}"."{relation[1]}"').fetchall()
    assert named == [(column,)]
