"""Which documents a dbt build recomputes: ``raw.build_scope``.

The per-document marts (fct_clauses, fct_topics, fct_verbs, ...) are dbt incremental models: a build
deletes the rows of the documents in scope and of documents no longer in ``raw.raw_documents``, then
inserts the rows of the documents in scope (the staging models read only those). So one new document
costs one document's worth of SQL, not a rebuild of every table.

The scope is every document (and dbt runs with ``--full-refresh``) when the marts cannot be trusted to
hold the other documents' rows: the first build, a run with ``--full-refresh``, a parser or extractor
change (the raw tables were rebuilt), or any change of the dbt project itself (models, macros, seeds,
tests, dbt_project.yml, profiles.yml), recorded as a fingerprint in ``meta.ingest_state``. Otherwise it
is the documents the ingest loaded in this run (new and changed files).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import polars as pl

from pipelines.warehouse import rawload
from pipelines.warehouse.paths import PROJECT_ROOT

DBT_DIR = PROJECT_ROOT / "dbt_project"
_PROJECT_FILES = ("models", "macros", "seeds", "tests", "snapshots")
_STATE_KEY = "dbt_project_fingerprint"
# a mart whose absence means the warehouse has never been built by dbt
_SENTINEL_MART = "fct_clauses"


def dbt_project_fingerprint() -> str:
    h = hashlib.sha256()
    files = [DBT_DIR / "dbt_project.yml", DBT_DIR / "profiles.yml"]
    for sub in _PROJECT_FILES:
        base = DBT_DIR / sub
        if base.is_dir():
            files.extend(p for p in base.rglob("*") if p.is_file())
    for p in sorted(files):
        if p.is_file():
            h.update(str(p.relative_to(DBT_DIR)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def record_loaded(con, doc_ids: list[str], raw_rebuilt: bool = False) -> None:
    """The ingest's part, in its transaction: the documents it (re)loaded in this run, and whether it
    rebuilt the raw tables from scratch."""
    rawload.set_state(con, "raw_rebuilt", "1" if raw_rebuilt else "0")
    frame = pl.DataFrame({"doc_id": sorted(set(doc_ids))}, schema={"doc_id": pl.String})
    con.register("_scope", frame.to_arrow())
    try:
        con.execute("create or replace table raw.build_scope as select doc_id from _scope")
    finally:
        con.unregister("_scope")


@dataclass(frozen=True)
class BuildScope:
    full: bool
    documents: int  # documents dbt recomputes
    reason: str


def decide(con, *, full_refresh_requested: bool) -> BuildScope:
    """Settle this build's scope in the staging file before ``dbt build`` (see the module docstring)."""
    rawload.ensure_schema(con)
    raw_rebuilt = rawload.get_state(con, "raw_rebuilt") == "1"
    fingerprint = dbt_project_fingerprint()
    tables = {r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_schema = 'main'").fetchall()}
    if full_refresh_requested:
        reason = "full refresh requested"
    elif raw_rebuilt:
        reason = "raw tables rebuilt (parser or extractor changed, or first run)"
    elif _SENTINEL_MART not in tables:
        reason = "first dbt build of this warehouse"
    elif rawload.get_state(con, _STATE_KEY) != fingerprint:
        reason = "dbt project changed"
    else:
        reason = ""
    if "build_scope" not in rawload.existing_tables(con):
        record_loaded(con, [], raw_rebuilt)
    if reason:
        con.execute("create or replace table raw.build_scope as select doc_id from raw.raw_documents")
    rawload.set_state(con, _STATE_KEY, fingerprint)
    n = con.execute("select count(*) from raw.build_scope").fetchone()[0]
    return BuildScope(full=bool(reason), documents=n, reason=reason or "documents loaded in this run")
