"""A sensor on the raw folder and a daily schedule, both running ``warehouse_job``."""


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


@dg.sensor(
    name="raw_folder_sensor",
    job_name="warehouse_job",
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Requests a run when a file in the raw folder is added, changed or removed.",
)
def raw_folder_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    raw_dir = warehouse.raw_path()
    if not raw_dir.is_dir():
        return dg.SkipReason(f"raw folder {raw_dir} does not exist")
    # cursor = hash of the listing (names, sizes, mtimes): cheap, no file is read
    fingerprint = listing_fingerprint(raw_dir)
    if fingerprint == context.cursor:
        return dg.SkipReason("raw folder unchanged")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint, tags={"trigger": "raw_folder_sensor"})


