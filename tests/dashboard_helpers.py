"""A real warehouse for the dashboard, report, export and docs tests.

The session fixture ``published_warehouse`` of tests/conftest.py (the warehouse directory ``resolutions
run`` publishes) is used when it exists. Until then this module builds an equivalent directory once per
test session: raw/ parsed with the project's own parser and fact extractors, loaded into schema ``raw``,
then ``dbt build`` of the real project's seeds and models. When dbt did not build fct_clause_lineage
(the across-documents marts are not in yet), it is filled from ``pipelines.facts.lineage.corpus_lineage``
so the lineage view has real rows to show.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = ROOT / "raw"
DBT_DIR = ROOT / "dbt_project"

_built: dict[str, Path] = {}


def warehouse_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published warehouse directory of the session."""
    try:
        value = request.getfixturevalue("published_warehouse")
    except pytest.FixtureLookupError:
        if "dir" not in _built:
            _built["dir"] = build_warehouse(tmp_path_factory.mktemp("dashboard-warehouse"))
        return _built["dir"]
    path = Path(value)
    return path.parent if path.suffix == ".duckdb" else path


def _frames() -> dict[str, pl.DataFrame]:
    from pipelines import frames
    from pipelines.facts import extract_clause_facts
    from pipelines.parsing import parse_bytes

    docs = []
    for path in sorted(RAW_DIR.iterdir()):
        if path.suffix.lower() in {".txt", ".md", ".html", ".htm"}:
            docs.extend(parse_bytes(path.read_bytes(), path.name))
    out = {
        "raw_documents": frames.documents_frame(docs),
        "raw_clauses": frames.clauses_frame(docs),
        "raw_parse_issues": frames.issues_frame(docs),
    }
    for doc in docs:
        for table, frame in extract_clause_facts(doc).items():
            out[table] = pl.concat([out[table], frame], how="diagonal_relaxed") if table in out else frame
    return out


def build_warehouse(root: Path) -> Path:
    db = root / "warehouse.duckdb"
    con = duckdb.connect(str(db))
    try:
        con.execute("create schema raw")
        for table, frame in _frames().items():
            con.register("_frame", frame.to_arrow())
            con.execute(f"create table raw.{table} as select * from _frame")  # table: a fixed name above
            con.unregister("_frame")
        con.execute("""create table raw.quarantine (source_file varchar, sha256 varchar, reason varchar,
                       message varchar, hint varchar, size_bytes bigint, first_seen timestamp,
                       last_seen timestamp)""")
        con.execute("""create table raw.document_versions as
                       select doc_id, source_file, sha256, now()::timestamp as first_seen,
                              now()::timestamp as last_seen
                       from raw.raw_documents""")
    finally:
        con.close()
    env = {**os.environ, "RESOLUTIONS_DB_PATH": str(db), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    dbt = Path(sys.executable).parent / "dbt"
    proc = subprocess.run(
        # seeds and models only: the data tests belong to the pipeline's own test suite
        [str(dbt), "build", "--resource-type", "seed", "--resource-type", "model",
         "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR),
         "--target-path", str(root / "dbt-target"), "--log-path", str(root / "dbt-logs")],
        env=env, cwd=DBT_DIR, capture_output=True, text=True, timeout=900,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"dbt build failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}")
    _add_lineage_if_missing(db)
    return root


def _add_lineage_if_missing(db: Path) -> None:
    from pipelines.facts.lineage import corpus_lineage

    con = duckdb.connect(str(db))
    try:
        present = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'main' and table_name = 'fct_clause_lineage'"
        ).fetchone()[0]
        if present:
            return
        documents = con.sql("select doc_id, adopted_on, number from main.dim_documents").to_arrow_table()
        clauses = con.sql(
            "select doc_id, clause_ref, kind, text, lemma, intensifier, addressee from main.fct_clauses"
        ).to_arrow_table()
        rows = corpus_lineage(documents.to_pylist(), clauses.to_pylist())
        con.register("_lineage", pl.DataFrame(rows).to_arrow())
        con.execute("create table main.fct_clause_lineage as select * from _lineage")
        con.unregister("_lineage")
    finally:
        con.close()


def sql_count(warehouse: Path, sql: str, params: list | None = None) -> int:
    con = duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute(sql, params or []).fetchone()[0]
    finally:
        con.close()
