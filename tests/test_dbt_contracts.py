"""The dbt project's own checks that pipeline runs do not repeat: its unit tests, and the constraints of
the marts' enforced contracts, which DuckDB applies when a table is written instead of a test query."""

import json
import subprocess
from pathlib import Path

import duckdb
import pytest

from pipelines.defs.dbt.assets import check_constraints, failure_report
from pipelines.defs.dbt.project import build_scope_filter, load_project
from tests.conftest import private_copy, run_dbt


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


def dbt_test(db: Path, tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, list[dict]]:
    """``dbt test ARGS`` on ``db`` in a process of its own: the process and run_results.json's results."""
    proc, run_results = run_dbt("test", db, tmp_path, *args)
    return proc, json.loads(run_results.read_text())["results"]


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
    """A not_null test on a not_null column of an enforced contract would only re-check what the
    database refused to write: one more dbt node on every run."""
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
        if meta.get("name") == "not_null" and column in column_constraints(node, "not_null"):
            repeated.append(test["name"])
    assert not repeated


def test_no_published_table_holds_an_index(published_warehouse):
    """DuckDB holds the index of a primary key or unique constraint in memory whatever its memory
    limit: the marts' keys are unique by their tests instead, so a build's memory stays bounded.
    The pipeline's own bookkeeping in the meta schema is a few rows per document and keeps its keys."""
    with duckdb.connect(str(published_warehouse / "warehouse.duckdb"), read_only=True) as con:
        indexed = con.execute(
            "select table_name, constraint_type from duckdb_constraints() "
            "where schema_name = 'main' and constraint_type in ('PRIMARY KEY', 'UNIQUE') "
            "union all select table_name, 'INDEX' from duckdb_indexes() "
            "where schema_name = 'main'").fetchall()
    assert indexed == []


def test_every_mart_has_a_uniqueness_test(manifest):
    marts = [n for n in manifest["nodes"].values()
             if n["resource_type"] == "model" and n["config"]["materialized"] in ("table", "incremental")]
    tested = {test["attached_node"] for test in manifest["nodes"].values()
              if (test.get("test_metadata") or {}).get("name") in ("unique", "unique_combination_of_columns")}
    assert marts
    assert sorted(n["name"] for n in marts if n["unique_id"] not in tested) == []


def test_a_duplicated_key_fails_its_unique_test(published_warehouse, manifest, tmp_path):
    test = next(n for n in manifest["nodes"].values()
                if (n.get("test_metadata") or {}).get("name") == "unique"
                and n["attached_node"] == "model.resolution_warehouse.fct_document_metadata")
    db = private_copy(published_warehouse, tmp_path)
    with duckdb.connect(str(db)) as con:
        # the statement names a mart of the project's manifest, never a document's text
        con.execute("insert into main.fct_document_metadata "
                    "select * from main.fct_document_metadata order by metadata_id limit 1")
    _, results = dbt_test(db, tmp_path, "--select", test["name"])
    [result] = [r for r in results if r["unique_id"] == test["unique_id"]]
    assert result["status"] == "fail" and result["failures"] == 1


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


def test_the_published_tables_hold_their_contracts_check_constraints(published_warehouse, manifest):
    marts = enforced_marts(manifest)
    with duckdb.connect(str(published_warehouse / "warehouse.duckdb"), read_only=True) as con:
        held = dict(con.execute(
            "select table_name, count(*) from duckdb_constraints() "
            "where schema_name = 'main' and constraint_type = 'CHECK' group by table_name").fetchall())
    stated = {n["alias"] or n["name"]: len(check_constraints(n)) for n in marts}
    assert sum(stated.values()) > 0
    assert {t: k for t, k in stated.items() if k} == held


def test_no_test_repeats_a_check_constraint(manifest):
    """An accepted_values or expression_is_true test on an enforced mart would re-check what a check
    constraint of its contract states (the rows it checks are the ones the build wrote). A warning is
    not a constraint: it reports and lets the build publish."""
    enforced = {n["unique_id"] for n in enforced_marts(manifest)}
    repeated = [t["name"] for t in manifest["nodes"].values()
                if t["resource_type"] == "test" and t.get("attached_node") in enforced
                and (t.get("test_metadata") or {}).get("name") in ("accepted_values", "expression_is_true")
                and t["config"].get("where") in (None, build_scope_filter())
                and t["config"]["severity"].lower() == "error"]
    assert not repeated


def test_a_row_that_breaks_a_check_constraint_is_refused_and_reported_with_the_rows(
        published_warehouse, manifest, tmp_path):
    db = private_copy(published_warehouse, tmp_path)
    with duckdb.connect(str(db)) as con:
        doc_id, clause_ref = con.execute(
            "select doc_id, clause_ref from raw.raw_clauses order by doc_id, ordinal limit 1").fetchone()
        con.execute("update raw.raw_clauses set char_end = char_start where doc_id = ? and clause_ref = ?",
                    [doc_id, clause_ref])
    proc, run_results = run_dbt("run", db, tmp_path, "--select", "fct_clauses", "--full-refresh")
    assert proc.returncode != 0
    lines = failure_report(run_results, db, nodes=manifest["nodes"])
    assert lines[0].startswith("dbt FAILED fct_clauses: "), lines
    assert "CHECK constraint" in lines[0]
    at = lines.index("  breaks check (char_end > char_start):")
    assert f"doc_id={doc_id}" in lines[at + 1] and f"clause_ref={clause_ref}," in lines[at + 1]
    with duckdb.connect(str(db), read_only=True) as con:  # the published table was left as it was
        assert con.execute("select count(*) from main.fct_clauses where char_end <= char_start").fetchone() == (0,)


def consolidated_test(manifest: dict, kind: str, model: str) -> dict:
    [test] = [n for n in manifest["nodes"].values()
              if (n.get("test_metadata") or {}).get("name") == kind
              and n["attached_node"] == f"model.resolution_warehouse.{model}"]
    return test


def failing_rows(db: Path, tmp_path: Path, test: dict, column: str) -> list[tuple]:
    proc, run_results = run_dbt("test", db, tmp_path, "--select", test["name"], "--store-failures")
    [result] = [r for r in json.loads(run_results.read_text())["results"] if r["unique_id"] == test["unique_id"]]
    assert result["status"] == "fail", proc.stdout[-3000:]
    with duckdb.connect(str(db), read_only=True) as con:
        schema = con.execute("select table_schema from information_schema.tables where table_name = ?",
                             [test["alias"] or test["name"]]).fetchone()[0]
        return con.execute(f'select {column}, lineage_id from "{schema}"."{test["alias"] or test["name"]}"').fetchall()


def break_one_lineage_row(db: Path, where: str, assignment: str) -> int:
    """Apply ``assignment`` (test constants, not data) to the first row of fct_clause_lineage that matches
    ``where``; its lineage_id."""
    with duckdb.connect(str(db)) as con:
        lineage_id = con.execute(f"select min(lineage_id) from main.fct_clause_lineage where {where}").fetchone()[0]
        con.execute(f"update main.fct_clause_lineage set {assignment} where lineage_id = ?", [lineage_id])
    return lineage_id


def test_a_broken_link_fails_the_models_references_test_and_names_the_link(published_warehouse, manifest, tmp_path):
    test = consolidated_test(manifest, "references", "fct_clause_lineage")
    db = private_copy(published_warehouse, tmp_path)
    lineage_id = break_one_lineage_row(db, "matched_clause_ref is not null", "matched_clause_ref = 'no such clause'")
    assert failing_rows(db, tmp_path, test, "broken_link") == [
        ("(matched_doc_id, matched_clause_ref) -> fct_clauses (doc_id, clause_ref)", lineage_id)]


def test_a_row_that_breaks_a_rule_fails_rows_satisfy_and_names_the_rule(published_warehouse, manifest, tmp_path):
    test = consolidated_test(manifest, "rows_satisfy", "fct_clause_lineage")
    db = private_copy(published_warehouse, tmp_path)
    lineage_id = break_one_lineage_row(db, "label = 'modified'", "similarity = 101")
    assert failing_rows(db, tmp_path, test, "unmet_expression") == [("similarity between 0 and 100", lineage_id)]
