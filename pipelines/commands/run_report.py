"""What ``resolutions run`` prints after the job: counts, quarantine, checks, where the warehouse is."""

from __future__ import annotations

import json

import duckdb

from pipelines.warehouse import manifest as wh_manifest
from pipelines.warehouse import versions
from pipelines.warehouse.quality import quality_lines, quality_summary

EXIT_OK, EXIT_FAILED, EXIT_QUARANTINED, EXIT_OUTPUTS = 0, 1, 3, 4
MART_COUNTS = (
    ("documents", "main.dim_documents", "raw.raw_documents"),
    ("clauses", "main.fct_clauses", "raw.raw_clauses"),
    ("commitments", "main.fct_commitments", None),
    ("targets", "main.fct_targets", "raw.raw_targets"),
)


def _counts_from(db_path) -> dict[str, int]:
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            return wh_manifest.table_row_counts(con)
    except duckdb.Error:
        return {}


def _quarantine_from(db_path) -> list[dict]:
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            rows = con.execute("select source_file, reason, message, hint from raw.quarantine order by 1").fetchall()
    except duckdb.Error:
        return []
    return [dict(zip(("source_file", "reason", "message", "hint"), r, strict=True)) for r in rows]


def _quality_from(db_path) -> dict | None:
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            return quality_summary(con)
    except duckdb.Error:
        return None


def _published_manifest(result, layout) -> dict | None:
    """The manifest of the version this run published (from the sidecar JSON: the published file itself
    may be held open by a reader, and need not be opened at all)."""
    if result is None:
        return None
    try:
        mats = result.asset_materializations_for_node("published_warehouse")
    except Exception:  # noqa: BLE001 - node absent (no dbt project) or not run
        return None
    if not mats or "version" not in mats[-1].metadata:
        return None
    version = mats[-1].metadata["version"].value
    try:
        return json.loads((layout.versions_dir / f"{version}.json").read_text())
    except (OSError, ValueError):
        return {"version": version, "row_counts": {}, "quarantined": []}


def _checks(result) -> list[dict]:
    return [
        {"asset": ev.asset_key.to_user_string(), "check": ev.check_name, "passed": bool(ev.passed),
         "severity": ev.severity.value, "description": ev.description}
        for ev in result.get_asset_check_evaluations()
    ]


def _step_errors(result) -> list[str]:
    errors = []
    for event in result.get_step_failure_events():
        error = getattr(event.event_specific_data, "error", None)
        if error is not None and error.cls_name == "DagsterAssetCheckFailedError":
            continue  # already reported with the check's own failing rows
        lines = [ln.strip() for ln in (error.message if error else "failed").strip().splitlines() if ln.strip()]
        cause = getattr(error, "cause", None)
        if cause is not None and cause.message:
            lines.append(f"caused by {cause.cls_name}: {cause.message.strip().splitlines()[0]}")
        errors.append(f"{event.step_key}: " + "\n      ".join(lines[:8] or ["failed"]))
    return errors


def summarise(result, layout, out) -> int:
    manifest = _published_manifest(result, layout)
    published = manifest is not None
    source_db = layout.published if published else (layout.staging_db(result.run_id) if result else None)
    have_db = source_db is not None and source_db.exists()
    counts = manifest["row_counts"] if published else (_counts_from(source_db) if have_db else {})
    quarantined = manifest["quarantined"] if published else (_quarantine_from(source_db) if have_db else [])
    checks = _checks(result) if result is not None else []
    failed = [c for c in checks if not c["passed"]]

    out.line("")
    out.line("Summary", "bold")
    for label, mart, raw in MART_COUNTS:
        value = counts.get(mart, counts.get(raw) if raw else None)
        out.line(f"  {label:<12} {value if value is not None else '-'}")
    quality = manifest.get("quality") if published else (_quality_from(source_db) if have_db else None)
    for line in quality_lines(quality, quarantined):
        out.line(line)
    out.line(f"  {'quarantined':<12} {len(quarantined)}", "yellow" if quarantined else "")
    for q in quarantined:
        out.line(f"    {q['source_file']!r}: {q['reason']}: {q['message']}. {q['hint']}", "yellow")
    out.line(f"  {'checks':<12} {len(checks) - len(failed)} passed, {len(failed)} failed",
             "red" if failed else "green")
    for c in failed:
        out.line(f"    FAILED {c['asset']} :: {c['check']}: {c['description'] or ''}".rstrip(": "), "red")
    errors = [] if result is None else _step_errors(result)
    for e in errors:
        out.line(f"  error: {e}", "red")
    if published:
        out.line(f"  published    {layout.published} (version {manifest['version']})", "green")
        out.line(f"  {'versions':<12} {versions.kept_versions_line(layout)}")
        if errors:  # the publish stands; the analyst outputs lag behind it until refreshed
            out.line("  the report or the Parquet exports were not refreshed: the next run or "
                     "`resolutions rollback` rebuilds them", "red")
            return EXIT_OUTPUTS
        return EXIT_QUARANTINED if quarantined else EXIT_OK
    out.line(f"  NOT published: {layout.published} is unchanged", "red")
    if source_db is not None and source_db.exists():
        out.line(f"  the rejected build is kept for inspection until the next run: {source_db}")
    return EXIT_FAILED
