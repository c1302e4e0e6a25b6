"""Write-audit-publish: the last asset. Runs only after every blocking check passed, then swaps files."""


import dagster as dg
import duckdb

from pipelines.defs.ingest.assets import RAW_TABLES
from pipelines.defs.progress import note
from pipelines.defs.resources import WarehouseResource, run_started_at
from pipelines.warehouse import manifest as wh_manifest
from pipelines.warehouse import staging, versions
from pipelines.warehouse.ingest import code_fingerprint


def _upstream_keys() -> list[dg.AssetKey]:
    from pipelines.defs.dbt import assets as dbt_defs  # the module, so its assets are not collected twice

    keys = [dg.AssetKey(name) for name in RAW_TABLES]
    return keys + sorted(dbt_defs.warehouse_dbt_assets.keys, key=lambda k: k.to_user_string())


def run_check_results(instance, run_id: str) -> list[dict]:
    """Every asset check evaluated in this run (dbt tests and GE suites), as plain dicts."""
    records = instance.get_records_for_run(
        run_id=run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION
    ).records
    out = []
    for record in records:
        ev = record.event_log_entry.dagster_event.event_specific_data
        out.append({
            "asset": ev.asset_key.to_user_string(),
            "check": ev.check_name,
            "passed": bool(ev.passed),
            "severity": ev.severity.value,
            "description": ev.description,
        })
    return out


@dg.asset(
    name="published_warehouse",
    deps=_upstream_keys(),
    group_name="warehouse",
    kinds={"duckdb"},
    description="The staging file, audited, atomically renamed to <warehouse_dir>/warehouse.duckdb.",
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    layout = warehouse.layout()
    staging_db = layout.staging_db(context.run.run_id)
    if not staging_db.exists():
        raise dg.Failure(f"no staging warehouse for run {context.run.run_id}: nothing to publish")
    checks = run_check_results(context.instance, context.run.run_id)
    failed = [c for c in checks if not c["passed"] and c["severity"] == "ERROR"]
    if failed:  # blocking checks already gate this step; never publish even if that gate is bypassed
        raise dg.Failure("blocking checks failed: " + ", ".join(f"{c['asset']}:{c['check']}" for c in failed))
    version = versions.new_version_name(context.run.run_id)
    with duckdb.connect(str(staging_db)) as con:
        manifest = wh_manifest.build_manifest(
            con, version=version, run_id=context.run.run_id, started_at=run_started_at(context),
            raw_dir=str(warehouse.raw_path()), checks=checks, code_fingerprint=code_fingerprint(),
            sequence=versions.next_sequence(layout))
        previous = wh_manifest.read_published_manifest(layout.published)
        refused = versions.shrink_problem(previous and previous.get("n_documents"), manifest["n_documents"],
                                          warehouse.shrink_limit(), warehouse.raw_path())
        if refused is not None and not warehouse.allow_shrink:
            raise dg.Failure(refused)
        wh_manifest.write_publish_log(con, manifest)
        con.execute("checkpoint")
    note(context, f"publishing version {version}")
    path = versions.publish(layout, staging_db, version, manifest, keep=warehouse.keep_count())
    staging.end_run(layout, context.run.run_id)
    note(context, f"published {path}")
    return dg.MaterializeResult(metadata={
        "version": version,
        "path": dg.MetadataValue.path(str(path)),
        "documents": manifest["n_documents"],
        "quarantined": manifest["n_quarantined"],
        "checks_passed": sum(c["passed"] for c in checks),
        "checks_failed": sum(not c["passed"] for c in checks),
        "row_counts": dg.MetadataValue.json(manifest["row_counts"]),
    })
