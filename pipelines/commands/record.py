"""Recording a finished CLI run in the Dagster instance of ``$DAGSTER_HOME``, so the UI (``make dev``)
lists it with its materializations and check results.

The run executes on an in-memory instance; when it ends, its snapshots, run and events are copied
to the persistent instance at once. Dagster's SQLite event log opens a new connection and commits once
per event (and once more in the index file for each asset or check event): written while it runs, a
run's events cost more than the pipeline does. Here all of them go into one transaction per SQLite
file (``_one_transaction_per_file``); other storages get Dagster's own ``store_event_batch``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


def home_instance():
    """The persistent instance of ``$DAGSTER_HOME`` (None when it is not set or not a folder)."""
    from dagster import DagsterInstance

    home = os.environ.get("DAGSTER_HOME")
    if not home or not Path(home).is_dir():
        return None
    return DagsterInstance.get()


def copy_run(source, run_id: str, target) -> int:
    """Copy run ``run_id`` with its snapshots and events from ``source`` to ``target``; returns the
    number of events. The run is written first and removed again if its events cannot be, so the UI
    never lists a run without its events."""
    from dagster._time import datetime_from_timestamp

    run = source.get_run_by_id(run_id)
    if run is None:
        raise LookupError(f"run {run_id} is not in the instance it ran on")
    for snapshot_id in (run.job_snapshot_id, run.execution_plan_snapshot_id):
        if snapshot_id and not target.has_snapshot(snapshot_id):
            snapshot = (source.get_job_snapshot(snapshot_id) if snapshot_id == run.job_snapshot_id
                        else source.get_execution_plan_snapshot(snapshot_id))
            target.add_snapshot(snapshot)
    events = source.all_logs(run_id)
    target.add_run(run)
    try:
        storage = target.event_log_storage
        with _one_transaction_per_file(storage):
            storage.store_event_batch(events)
        for event in events:  # the run's status, start and end time in the run storage
            if event.is_dagster_event and event.get_dagster_event().is_job_event:
                target.handle_run_event(run_id, event.get_dagster_event(),
                                        datetime_from_timestamp(event.timestamp))
    except BaseException:
        with contextlib.suppress(Exception):
            target.delete_run(run_id)
        raise
    return len(events)


@contextlib.contextmanager
def _one_transaction_per_file(storage) -> Iterator[None]:
    """While open, every connection the SQLite event log asks for one of its files (a run's shard, the
    index) is the same open transaction, committed when the block ends and rolled back if it fails.
    Mirrors ``SqliteEventLogStorage._connect``, whose lock is held while a connection is open and so
    cannot be nested."""
    from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage

    if not isinstance(storage, SqliteEventLogStorage):
        yield
        return
    import sqlalchemy as db
    from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
    from sqlalchemy.pool import NullPool

    connections: dict[str, db.engine.Connection] = {}
    with contextlib.ExitStack() as stack:

        @contextlib.contextmanager
        def shared(shard: str):
            if shard not in connections:
                engine = db.create_engine(storage.conn_string_for_shard(shard), poolclass=NullPool,
                                          connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS})
                stack.callback(engine.dispose)
                if shard not in storage._initialized_dbs:
                    storage._initdb(engine)
                    storage._initialized_dbs.add(shard)
                conn = stack.enter_context(engine.connect())
                stack.enter_context(conn.begin())
                connections[shard] = conn
            yield connections[shard]

        storage._connect = shared  # an instance attribute over the class's method, removed below
        try:
            yield
        finally:
            del storage._connect
