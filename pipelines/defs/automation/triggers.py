"""A sensor on the raw folder and a daily schedule, both running ``warehouse_job``."""


import json
import uuid

import dagster as dg

from pipelines.defs.resources import WarehouseResource
from pipelines.warehouse.sources import listing_fingerprint

daily_rebuild = dg.ScheduleDefinition(
    name="daily_rebuild",
    job_name="warehouse_job",
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Rebuild and republish every morning (picks up dbt and lexicon changes too).",
)


def next_cursor(cursor: str | None, fingerprint: str) -> tuple[str, str] | None:
    """``(new cursor, run key)`` when the listing differs from the one the cursor last saw, else None.

    The run key is not the fingerprint: a folder that returns to an earlier listing (a file added, then
    removed) has an earlier fingerprint, and Dagster skips a run key it has already run, so the removal
    would never publish. The cursor keeps the last fingerprint, a count of the changes seen and a token
    drawn when the cursor was created (a reset cursor starts a new series of keys, never an old one)."""
    try:
        state = json.loads(cursor) if cursor else {}
        state = state if isinstance(state, dict) else {}
    except ValueError:  # a cursor of the earlier form: the bare fingerprint
        state = {"fingerprint": cursor}
    if state.get("fingerprint") == fingerprint:
        return None
    series = state.get("series") or uuid.uuid4().hex[:12]
    changes = int(state.get("changes") or 0) + 1
    new = json.dumps({"fingerprint": fingerprint, "changes": changes, "series": series}, sort_keys=True)
    return new, f"{series}-{changes}-{fingerprint[:16]}"


@dg.sensor(
    name="raw_folder_sensor",
    job_name="warehouse_job",
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Requests a run for every change of the raw folder: a file added, changed or removed, and a "
                "return to an earlier listing (each change has its own run key).",
)
def raw_folder_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    raw_dir = warehouse.raw_path()
    if not raw_dir.is_dir():
        return dg.SkipReason(f"raw folder {raw_dir} does not exist")
    # the listing's hash (names, sizes, mtimes): cheap, no file is read
    step = next_cursor(context.cursor, listing_fingerprint(raw_dir))
    if step is None:
        return dg.SkipReason("raw folder unchanged")
    first_tick = context.cursor is None
    cursor, run_key = step
    context.update_cursor(cursor)
    if first_tick:
        # the first tick (a new `make dev`, a reset sensor): no run when the published warehouse was
        # built from exactly this folder, code and dbt project, so starting the UI does not rebuild it
        version = current_published_version(warehouse, raw_dir)
        if version is not None:
            return dg.SkipReason(f"the published version {version} is built from this raw folder: no run needed")
    return dg.RunRequest(run_key=run_key, tags={"trigger": "raw_folder_sensor"})


def current_published_version(warehouse: WarehouseResource, raw_dir) -> str | None:
    """The published version when a run on ``raw_dir`` would rebuild exactly it (what ``resolutions run``
    checks before it loads anything: pipelines/warehouse/unchanged.py)."""
    from pipelines.warehouse import unchanged
    from pipelines.warehouse.ingest import code_fingerprint
    from pipelines.warehouse.scope import dbt_project_fingerprint

    layout = warehouse.layout()
    if not layout.published.is_file():
        return None
    max_bytes = warehouse.max_file_bytes()
    raw_fp = unchanged.fingerprint(unchanged.scan(raw_dir, max_bytes, layout.raw_hashes), max_bytes)
    return unchanged.unchanged_version(layout.published, raw_fp, code_fingerprint(), dbt_project_fingerprint())
