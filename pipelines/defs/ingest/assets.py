"""Raw layer: the parser's Polars frames loaded into schema ``raw`` of the run's staging warehouse.

One multi-asset, because one pass over the raw folder produces every raw table and they must change
together (a document is replaced whole in all of them). Incremental by content hash, see
``pipelines/warehouse/ingest.py`` for why this beats dynamic partitions here.
"""


import dagster as dg

from pipelines.defs.progress import note
from pipelines.defs.resources import WarehouseResource, run_started_at
from pipelines.facts.registry import EXTRACTORS
from pipelines.warehouse import staging
from pipelines.warehouse.ingest import ingest
from pipelines.warehouse.rawload import FACT_TABLES

# The extractors' tables (pipelines/facts/registry.py), then the tables the loader keeps for itself.
RAW_TABLES = {
    **{e.table: e.description for e in EXTRACTORS},
    "quarantine": "Files that could not be read as a document: reason and a hint for the user.",
    "document_versions": "Every content version (sha256) of every document, first and last seen.",
    "build_scope": "The documents this run's dbt build recomputes (new and changed; all on a full build).",
}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(name, description=desc, group_name="raw", kinds={"python", "polars", "duckdb"},
                     metadata={"dagster/table_name": f"warehouse.raw.{name}"})
        for name, desc in RAW_TABLES.items()
    ],
    name="raw_ingest",
    description="Parse new and changed raw files, drop removed ones, load the raw schema of the staging file.",
)
def raw_ingest(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    layout = warehouse.layout()
    raw_dir = warehouse.raw_path()
    if not raw_dir.is_dir():
        raise dg.Failure(f"raw folder {raw_dir} does not exist")
    db = staging.begin_run(layout, context.run.run_id, fresh=warehouse.full_refresh,
                            wait=warehouse.lock_wait_seconds(), on_wait=lambda line: note(context, line))
    note(context, f"staging {db}")
    limit = warehouse.max_file_bytes()
    report = ingest(db, raw_dir, now=run_started_at(context), max_bytes=limit, hashes=layout.raw_hashes,
                    progress=lambda line: note(context, line))
    note(context, (
        f"raw: {report.files_seen} file(s), {len(report.parsed_files)} parsed, {report.unchanged_files} unchanged, "
        f"{len(report.removed_files)} removed, {len(report.quarantined)} quarantined"
        + (" (full rebuild: parser code changed or first run)" if report.full_rebuild else "")
    ))
    for q in report.quarantined:
        note(context, f"QUARANTINED {q['source_file']!r}: {q['reason']}: {q['message']} (hint: {q['hint']})")
    counts = report.row_counts
    shared = {
        "parsed_files": dg.MetadataValue.json(report.parsed_files),
        "removed_files": dg.MetadataValue.json(report.removed_files),
        "full_rebuild": report.full_rebuild,
        "seconds": report.seconds,
    }
    for name in RAW_TABLES:
        meta = {"dagster/row_count": counts.get(name, 0), "rows_inserted": report.inserted.get(name, 0)}
        if name == "raw_documents":
            meta.update(shared, files_seen=report.files_seen, unchanged_files=report.unchanged_files,
                        loaded_doc_ids=dg.MetadataValue.json(report.loaded_doc_ids),
                        deleted_doc_ids=dg.MetadataValue.json(report.deleted_doc_ids))
        if name == "quarantine":
            meta["files"] = dg.MetadataValue.json(report.quarantined)
        if name in FACT_TABLES:
            meta["extractor_available"] = report.facts_available
        yield dg.MaterializeResult(asset_key=name, metadata=meta)
