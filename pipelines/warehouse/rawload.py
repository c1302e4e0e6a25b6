"""Loading Polars frames into the ``raw`` schema of a staging DuckDB file, idempotently.

Documents are replaced whole: delete every row of the affected ``doc_id``s, then insert. Frames reach
DuckDB through Arrow registration and ids through bound parameters; table names come only from the
registry (``pipelines.facts.registry``) and the constants below, never from document text or file names.
"""

from __future__ import annotations

import polars as pl

from pipelines.facts.registry import EXTRACTORS, FACT_EXTRACTORS

QUARANTINE_SCHEMA = {
    "source_file": pl.String, "sha256": pl.String, "reason": pl.String, "message": pl.String,
    "hint": pl.String, "size_bytes": pl.Int64, "first_seen": pl.Datetime("us"), "last_seen": pl.Datetime("us"),
}

# The document tables and the facts extractors' tables: the extractor registry's (pipelines/facts/registry.py).
DOC_TABLES: dict[str, dict] = {e.table: e.schema for e in EXTRACTORS}
FACT_TABLES = tuple(e.table for e in FACT_EXTRACTORS)

DDL = [
    "create schema if not exists raw",
    "create schema if not exists meta",
    """create table if not exists raw.document_versions (
        doc_id varchar, source_file varchar, sha256 varchar,
        first_seen timestamp, last_seen timestamp)""",
    """create table if not exists meta.ingest_state (key varchar primary key, value varchar)""",
]


def ensure_schema(con) -> None:
    for stmt in DDL:
        con.execute(stmt)
    _ensure_table(con, "quarantine", pl.DataFrame(schema=QUARANTINE_SCHEMA))


def _ensure_table(con, table: str, frame: pl.DataFrame) -> None:
    con.register("_shape", frame.head(0).to_arrow())
    try:
        con.execute(f"create table if not exists raw.{table} as select * from _shape")
    finally:
        con.unregister("_shape")


def existing_tables(con) -> set[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = 'raw'"
    ).fetchall()
    return {r[0] for r in rows}


def drop_document_tables(con) -> None:
    """For a full rebuild (parser or frame contract changed): the tables are recreated from new frames."""
    for table in DOC_TABLES:
        con.execute(f"drop table if exists raw.{table}")


def get_state(con, key: str) -> str | None:
    row = con.execute("select value from meta.ingest_state where key = ?", [key]).fetchone()
    return row[0] if row else None


def set_state(con, key: str, value: str) -> None:
    con.execute("insert or replace into meta.ingest_state values (?, ?)", [key, value])


def loaded_files(con) -> dict[str, tuple[str, list[str]]]:
    """``source_file -> (sha256, [doc_id, ...])`` as currently loaded."""
    if "raw_documents" not in existing_tables(con):
        return {}
    out: dict[str, tuple[str, list[str]]] = {}
    for source_file, sha, doc_id in con.execute(
        "select source_file, sha256, doc_id from raw.raw_documents order by source_file, doc_id"
    ).fetchall():
        out.setdefault(source_file, (sha, []))[1].append(doc_id)
    return out


def conform(frame: pl.DataFrame | None, schema: dict) -> pl.DataFrame:
    """Give a frame the contract's columns and types (missing columns null, extra columns kept last)."""
    if frame is None or frame.width == 0:
        return pl.DataFrame(schema=schema)
    cols = [
        (pl.col(c).cast(t, strict=False) if c in frame.columns else pl.lit(None, dtype=t)).alias(c)
        for c, t in schema.items()
    ]
    extra = [c for c in frame.columns if c not in schema]
    return frame.select(cols + extra)


def delete_documents(con, doc_ids: list[str]) -> None:
    """Delete every row of ``doc_ids`` from every document table. Caller commits."""
    ids = pl.DataFrame({"doc_id": sorted(set(doc_ids))}, schema={"doc_id": pl.String}).to_arrow()
    con.register("_delete_ids", ids)
    try:
        present = existing_tables(con)
        for table in DOC_TABLES:
            if table in present:
                con.execute(f"delete from raw.{table} where doc_id in (select doc_id from _delete_ids)")
    finally:
        con.unregister("_delete_ids")


def insert_documents(con, tables: dict[str, pl.DataFrame]) -> dict[str, int]:
    """Append ``tables`` (rows of documents not in the tables: deleted first) to the document tables,
    creating any that is missing; rows inserted per table. Caller commits."""
    inserted = {}
    for table, schema in DOC_TABLES.items():
        frame = conform(tables.get(table), schema)
        _ensure_table(con, table, frame)
        if frame.height:
            # one chunk per column first: a batch concatenated from per-document frames has hundreds,
            # and both the Arrow conversion and DuckDB's scan of it pay per chunk
            con.register("_rows", frame.rechunk().to_arrow())
            try:
                con.execute(f"insert into raw.{table} by name select * from _rows")
            finally:
                con.unregister("_rows")
        inserted[table] = frame.height
    return inserted


def write_quarantine(con, entries: list[dict], now) -> pl.DataFrame:
    """Replace ``raw.quarantine`` with the files quarantined now, keeping ``first_seen`` per (file, sha)."""
    previous = {
        (r[0], r[1]): r[2]
        for r in con.execute("select source_file, sha256, first_seen from raw.quarantine").fetchall()
    }
    rows = [
        {**e, "first_seen": previous.get((e["source_file"], e["sha256"]), now), "last_seen": now}
        for e in entries
    ]
    frame = conform(pl.DataFrame(rows, schema=QUARANTINE_SCHEMA) if rows else None, QUARANTINE_SCHEMA)
    con.execute("delete from raw.quarantine")
    if frame.height:
        con.register("_q", frame.to_arrow())
        try:
            con.execute("insert into raw.quarantine by name select * from _q")
        finally:
            con.unregister("_q")
    return frame


def touch_document_versions(con, now) -> None:
    """Record every loaded (doc_id, sha256): new pairs get first_seen, all current ones last_seen."""
    con.execute(
        """update raw.document_versions v set last_seen = ?, source_file = d.source_file
           from raw.raw_documents d where v.doc_id = d.doc_id and v.sha256 = d.sha256""",
        [now],
    )
    con.execute(
        """insert into raw.document_versions
           select d.doc_id, d.source_file, d.sha256, ?, ? from raw.raw_documents d
           where not exists (select 1 from raw.document_versions v
                             where v.doc_id = d.doc_id and v.sha256 = d.sha256)""",
        [now, now],
    )


def row_counts(con) -> dict[str, int]:
    return {
        t: con.execute(f"select count(*) from raw.{t}").fetchone()[0]
        for t in [*DOC_TABLES, "quarantine", "document_versions", "build_scope"]
        if t in existing_tables(con)
    }
