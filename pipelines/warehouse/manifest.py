"""The run manifest: what a published warehouse holds, stored inside it (``meta.publish_log``) and next
to each kept version (``versions/<version>.json``), so ``resolutions status`` needs no Dagster."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

from pipelines.warehouse import locks, versions
from pipelines.warehouse.paths import Layout
from pipelines.warehouse.quality import quality_summary

PUBLISH_LOG_DDL = """
create table if not exists meta.publish_log (
    version varchar primary key, run_id varchar, started_at timestamp, published_at timestamp,
    raw_dir varchar, n_documents integer, n_clauses integer, n_quarantined integer,
    documents json, quarantined json, checks json, row_counts json, code_fingerprint varchar, quality json,
    sequence bigint)
"""
# a warehouse published before the column existed gains it on its next publish
PUBLISH_LOG_MIGRATIONS = ["alter table meta.publish_log add column if not exists quality json",
                          "alter table meta.publish_log add column if not exists sequence bigint"]


def _tables(con, schema: str) -> list[str]:
    return [r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_schema = ? order by 1", [schema]
    ).fetchall()]


def table_row_counts(con) -> dict[str, int]:
    """Row count of every base table in schemas raw and main (identifiers come from the catalog)."""
    counts = {}
    for schema in ("raw", "main"):
        for table in _tables(con, schema):
            ident = f'"{schema}"."' + table.replace('"', '""') + '"'
            counts[f"{schema}.{table}"] = con.execute(f"select count(*) from {ident}").fetchone()[0]
    return counts


def build_manifest(con, *, version: str, run_id: str, started_at: datetime, raw_dir: str,
                   checks: list[dict], code_fingerprint: str | None = None, sequence: int | None = None) -> dict:
    documents = [dict(zip(("doc_id", "source_file", "sha256", "n_clauses"), r, strict=True)) for r in con.execute(
        "select doc_id, source_file, sha256, n_clauses from raw.raw_documents order by doc_id").fetchall()]
    quarantined = [dict(zip(("source_file", "reason", "message", "hint"), r, strict=True)) for r in con.execute(
        "select source_file, reason, message, hint from raw.quarantine order by source_file").fetchall()]
    counts = table_row_counts(con)
    quality = quality_summary(con)
    return {
        "version": version,
        "run_id": run_id,
        "started_at": started_at.replace(tzinfo=None, microsecond=0).isoformat(),
        "published_at": datetime.now(UTC).replace(tzinfo=None, microsecond=0).isoformat(),
        "raw_dir": raw_dir,
        "n_documents": len(documents),
        "n_clauses": counts.get("raw.raw_clauses", 0),
        "n_quarantined": len(quarantined),
        "documents": documents,
        "quarantined": quarantined,
        "checks": checks,
        "row_counts": counts,
        "code_fingerprint": code_fingerprint,
        "quality": quality,
        "sequence": sequence,
    }


def write_publish_log(con, manifest: dict) -> None:
    con.execute("create schema if not exists meta")
    con.execute(PUBLISH_LOG_DDL)
    for stmt in PUBLISH_LOG_MIGRATIONS:
        con.execute(stmt)
    con.execute(
        "insert or replace into meta.publish_log (version, run_id, started_at, published_at, raw_dir, n_documents, "
        "n_clauses, n_quarantined, documents, quarantined, checks, row_counts, code_fingerprint, quality, sequence) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [manifest["version"], manifest["run_id"], manifest["started_at"], manifest["published_at"],
         manifest["raw_dir"], manifest["n_documents"], manifest["n_clauses"], manifest["n_quarantined"],
         json.dumps(manifest["documents"]), json.dumps(manifest["quarantined"]),
         json.dumps(manifest["checks"], default=str), json.dumps(manifest["row_counts"]),
         manifest["code_fingerprint"], json.dumps(manifest.get("quality") or {}), manifest.get("sequence")],
    )


def read_published_manifest(db_path: Path) -> dict | None:
    out = versions.latest_publish_row(db_path)
    if out is None:
        return None
    for key in ("documents", "quarantined", "checks", "row_counts", "quality"):
        if isinstance(out.get(key), str):
            out[key] = json.loads(out[key])
    return out


def read_status(layout: Layout) -> dict:
    """Everything ``resolutions status`` shows, as plain data."""
    history = []
    if layout.history_path.exists():
        for line in layout.history_path.read_text(encoding="utf-8").splitlines()[-20:]:
            try:
                history.append(json.loads(line))
            except ValueError:
                continue
    lock = locks.read_lock(layout)
    stat = layout.published.stat() if layout.published.exists() else None
    return {
        "warehouse": str(layout.published),
        "exists": stat is not None,
        "size_bytes": stat.st_size if stat else None,
        "modified_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stat.st_mtime)) if stat else None,
        "problem": versions.check_published(layout),
        "published": (None if versions.wal_path(layout.published).exists()  # opening it would replay the log
                      else read_published_manifest(layout.published)),
        "versions": versions.list_versions(layout),
        "last_event": history[-1] if history else None,
        "lock": None if lock is None else {**lock, "stale": not locks.is_held(layout)},
        "staging_dirs": sorted(p.name for p in layout.staging_root.iterdir()) if layout.staging_root.is_dir() else [],
        "outputs": _outputs(layout, stat is not None),
    }


def _outputs(layout: Layout, exists: bool) -> dict | None:
    """Which version the report and the Parquet exports are of (None when there is nothing to compare, or
    when the published file must not be opened: a write-ahead log beside it would be replayed)."""
    if not exists or versions.wal_path(layout.published).exists():
        return None
    from pipelines.exports import outputs_state

    return outputs_state(layout.root)
