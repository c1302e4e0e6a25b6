"""Resources, executor and loggers shared by every domain.

Runs use the in-process executor: a run is one process, so the warehouse lock (which records a PID)
covers every step, and only one process at a time opens the staging DuckDB file for writing.
"""


from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from pipelines import settings
from pipelines.defs.progress import progress_logger
from pipelines.warehouse.paths import Layout
from pipelines.warehouse.sources import max_file_bytes


class WarehouseResource(dg.ConfigurableResource):
    """Where the run reads documents and builds the warehouse. Unset fields fall back to
    pipelines/settings.py (the ``RESOLUTIONS_*`` variables), read at run time."""

    raw_dir: str | None = None
    warehouse_dir: str | None = None
    max_file_mb: float | None = None
    keep_versions: int | None = None  # published versions kept for rollback
    max_shrink: float | None = None  # share of the published documents a run may lose
    lock_wait: float | None = None  # seconds to wait for another run writing the same warehouse
    full_refresh: bool = False  # start from an empty staging file instead of a copy of the published one
    strict: bool = False  # any document finding above info (or a held-back file) blocks the publish
    allow_shrink: bool = False  # publish even a build that lost most (or all) of the published documents
    # dbt's own log lines on stdout. Here and not on the dbt resource: run config for that one would have
    # to repeat its project_dir. `resolutions run` shows them only with --verbose (its progress lines and
    # summary say what was built and what failed)
    show_dbt_log: bool = True

    def layout(self) -> Layout:
        return Layout.at(self.warehouse_dir)

    def raw_path(self) -> Path:
        return settings.raw_dir(self.raw_dir)

    def staging_db(self, run_id: str) -> Path:
        return self.layout().staging_db(run_id)

    # the run's settings: the field when set, else pipelines/settings.py (which also clamps a field)
    def max_file_bytes(self) -> int:
        return max_file_bytes(self.max_file_mb)

    def keep_count(self) -> int:
        return settings.keep_versions(self.keep_versions)

    def shrink_limit(self) -> float:
        return settings.max_shrink(self.max_shrink)

    def lock_wait_seconds(self) -> float:
        return settings.lock_wait(self.lock_wait)


def run_started_at(context) -> datetime:
    """The run's start time (stable across its steps), used for first_seen/last_seen stamps."""
    record = context.instance.get_run_record_by_id(context.run.run_id)
    ts = (record.start_time or record.create_timestamp.timestamp()) if record else None
    return datetime.fromtimestamp(ts, UTC) if ts else datetime.now(UTC)


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={"warehouse": WarehouseResource()},
        executor=dg.in_process_executor,
        # loggers given here replace Dagster's default set, so its console logger is listed again; a run
        # whose config selects none (the UI, the sensor) gets the default console logger as before
        loggers={"console": dg.colored_console_logger, "progress": progress_logger},
    )
