"""Write-audit-publish building blocks on real files: lock, staging, publish, versions, rollback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import duckdb
import pytest

from pipelines.warehouse import locks, manifest, staging, versions
from pipelines.warehouse.paths import Layout


def _make_db(path, version: str, payload: str = "x") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("create schema meta")
        con.execute(manifest.PUBLISH_LOG_DDL)
        con.execute("create table t as select ? as payload", [payload])
        m = {"version": version, "run_id": version, "started_at": "2025-01-01T00:00:00",
             # version names here start with a year, so they sort like their publish time
             "published_at": version[:4] + "-01-01T00:00:00", "raw_dir": "/raw",
             "n_documents": 0, "n_clauses": 0, "n_quarantined": 0, "documents": [],
             "quarantined": [], "checks": [], "row_counts": {}, "code_fingerprint": None}
        manifest.write_publish_log(con, m)


def _publish(layout: Layout, version: str, payload: str = "x"):
    run_id = f"run{version}"
    db = staging.begin_run(layout, run_id)
    db.unlink(missing_ok=True)
    _make_db(db, version, payload)
    versions.publish(layout, db, version, {"version": version, "run_id": run_id})
    staging.end_run(layout, run_id)


def _payload(path) -> str:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select payload from t").fetchone()[0]


HOLDER = ("import sys, time; from pathlib import Path; from pipelines.warehouse import locks; "
          "from pipelines.warehouse.paths import Layout; locks.acquire(Layout(Path(sys.argv[1])), 'other'); "
          "print('HELD', flush=True); time.sleep(60)")


def hold_lock(root) -> subprocess.Popen:
    """Another process that takes the warehouse lock and keeps it until killed."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(root)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "HELD"
    return proc


def test_lock_refuses_a_live_owner_and_takes_over_a_dead_one(tmp_path):
    layout = Layout(tmp_path)
    holder = hold_lock(tmp_path)
    try:
        with pytest.raises(locks.LockHeld, match="another run is writing"):
            locks.acquire(layout, "mine")
        assert not locks.is_stale(layout)
    finally:
        holder.kill()  # SIGKILL: the kernel releases the flock, the lock file stays
        holder.wait()
    assert layout.lock_path.exists() and locks.is_stale(layout)
    assert locks.acquire(layout, "mine")["pid"] == os.getpid()
    assert locks.release(layout, "mine") and not layout.lock_path.exists()


def test_a_second_writer_waits_for_the_first_then_runs(tmp_path):
    layout = Layout(tmp_path)
    first = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from pipelines.warehouse import locks; from pipelines.warehouse.paths import Layout; "
         "l = Layout(Path(sys.argv[1])); locks.acquire(l, 'first'); print('HELD', flush=True); "
         "time.sleep(1.5); locks.release(l, 'first')", str(tmp_path)],
        stdout=subprocess.PIPE, text=True)
    assert first.stdout.readline().strip() == "HELD"
    waited = []
    db = staging.begin_run(layout, "second", wait=30, on_wait=waited.append)
    first.wait(timeout=30)
    assert waited and "first" in waited[0]
    assert locks.read_lock(layout)["run_id"] == "second" and db.parent.name == "second"
    staging.end_run(layout, "second")


def test_a_writer_gives_up_after_the_wait(tmp_path):
    layout = Layout(tmp_path)
    holder = hold_lock(tmp_path)
    try:
        with pytest.raises(locks.LockHeld):
            staging.begin_run(layout, "mine", wait=1.2)
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_file_naming_a_live_pid_another_host_or_garbage_is_stale_when_nobody_holds_it(tmp_path):
    layout = Layout(tmp_path)
    for content in (json.dumps({"pid": os.getppid(), "start_ticks": 1, "run_id": "x"}),
                    json.dumps({"pid": 1, "host": "another-container", "run_id": "y"}), "{not json"):
        layout.lock_path.write_text(content)
        assert locks.is_stale(layout), content
    locks.acquire(layout, "mine")
    assert locks.read_lock(layout)["run_id"] == "mine"
    locks.release(layout, "mine")


def test_begin_run_clears_stale_staging_and_copies_the_published_file(tmp_path):
    layout = Layout(tmp_path)
    _publish(layout, "2001-a", "first")
    leftover = layout.staging_dir("killedrun")
    leftover.mkdir(parents=True)
    (leftover / "warehouse.duckdb").write_bytes(b"half written")
    db = staging.begin_run(layout, "newrun")
    assert not leftover.exists()
    assert _payload(db) == "first"
    staging.end_run(layout, "newrun")
    assert not layout.staging_root.exists() or not any(layout.staging_root.iterdir())
    assert not layout.lock_path.exists()


def test_publish_keeps_the_last_five_versions(tmp_path, monkeypatch):
    monkeypatch.delenv("RESOLUTIONS_KEEP_VERSIONS", raising=False)
    layout = Layout(tmp_path)
    for year in range(2001, 2008):
        _publish(layout, f"{year}-v", str(year))
    assert versions.list_versions(layout) == [f"{y}-v" for y in range(2003, 2008)]
    assert _payload(layout.published) == "2007"
    assert versions.published_version(layout.published) == "2007-v"


def test_the_kept_versions_number_and_total_size_are_reported(tmp_path, monkeypatch, capsys):
    from pipelines.commands import status_cmd

    monkeypatch.setenv("RESOLUTIONS_KEEP_VERSIONS", "2")
    layout = Layout(tmp_path)
    for year in range(2001, 2004):
        _publish(layout, f"{year}-v", str(year))
    kept = sorted(p for p in layout.versions_dir.iterdir() if p.suffix in {".duckdb", ".json"})
    assert len(kept) == 4  # the two newest, each a file and its manifest
    total = sum(p.stat().st_size for p in kept)
    assert versions.kept_versions_bytes(layout) == total
    assert versions.kept_versions_line(layout) == \
        f"2 kept (at most 2: RESOLUTIONS_KEEP_VERSIONS), {versions.human_bytes(total)}"
    assert versions.human_bytes(17_500_000) == "16.7 MB" and versions.human_bytes(900) == "900 bytes"

    assert status_cmd.run(status_cmd.argparse.Namespace(warehouse_dir=str(tmp_path), json=False)) == 0
    assert f"versions    2 kept (at most 2: RESOLUTIONS_KEEP_VERSIONS), {versions.human_bytes(total)}: " \
           "2002-v, 2003-v" in capsys.readouterr().out
    status_cmd.run(status_cmd.argparse.Namespace(warehouse_dir=str(tmp_path), json=True))
    status = json.loads(capsys.readouterr().out)
    assert status["versions_bytes"] == total and status["keep_versions"] == 2


def test_a_file_put_in_the_published_place_during_the_publish_is_reported(tmp_path, monkeypatch):
    layout = Layout(tmp_path / "wh")
    _publish(layout, "2025-a", "first")
    intruder = tmp_path / "intruder.duckdb"
    _make_db(intruder, "2025-x", "intruder")
    real_prune = versions.prune

    def prune_then_replace(layout_, keep=None):  # between the publish's rename and its last check
        removed = real_prune(layout_, keep)
        os.replace(intruder, layout_.published)
        return removed

    monkeypatch.setattr(versions, "prune", prune_then_replace)
    with pytest.raises(versions.PublishedFileProblem, match="is not version 2025-b"):
        _publish(layout, "2025-b", "second")


def test_rollback_restores_the_previous_version_then_a_named_one(tmp_path):
    layout = Layout(tmp_path)
    for year in (2001, 2002, 2003):
        _publish(layout, f"{year}-v", str(year))
    assert versions.rollback(layout) == "2002-v"
    assert _payload(layout.published) == "2002"
    assert versions.rollback(layout, "2003") == "2003-v"
    assert _payload(layout.published) == "2003"
    with pytest.raises(LookupError):
        versions.rollback(layout, "1999")
    history = [json.loads(line)["event"] for line in layout.history_path.read_text().splitlines()]
    assert history == ["publish", "publish", "publish", "rollback", "rollback"]
    assert not layout.lock_path.exists()


def test_a_reader_keeps_its_snapshot_across_a_publish(tmp_path):
    layout = Layout(tmp_path)
    _publish(layout, "2001-v", "old")
    with duckdb.connect(str(layout.published), read_only=True) as reader:
        _publish(layout, "2002-v", "new")
        assert reader.execute("select payload from t").fetchone()[0] == "old"
    assert _payload(layout.published) == "new"


def test_recover_finishes_a_publish_killed_after_the_rename(tmp_path):
    layout = Layout(tmp_path)
    _publish(layout, "2001-v", "old")
    # state after a kill between os.replace and the rename of the kept copy
    db = staging.begin_run(layout, "r2")
    db.unlink()
    _make_db(db, "2002-v", "new")
    (layout.versions_dir / "2002-v.duckdb.partial").write_bytes(db.read_bytes())
    os.replace(db, layout.published)
    # and a partial copy of a publish that never happened
    (layout.versions_dir / "2003-v.duckdb.partial").write_bytes(b"junk")
    locks.release(layout, "r2")
    versions.recover(layout)
    assert versions.list_versions(layout) == ["2001-v", "2002-v"]
    assert not list(layout.versions_dir.glob("*.partial"))


def test_status_reports_the_published_version_and_the_lock(tmp_path):
    layout = Layout(tmp_path)
    _publish(layout, "2001-v")
    locks.acquire(layout, "running")
    status = manifest.read_status(layout)
    assert status["published"]["version"] == "2001-v"
    assert status["lock"]["run_id"] == "running"
    assert status["versions"] == ["2001-v"]
    locks.release(layout, "running")


def test_a_new_warehouse_is_created_in_a_format_duckdb_1x_readers_can_open(tmp_path):
    import duckdb

    from pipelines.warehouse.staging import STORAGE_COMPATIBILITY_VERSION, create_database

    path = tmp_path / "warehouse.duckdb"
    create_database(path)
    with duckdb.connect(str(path)) as con:
        con.execute("create table t as select 1 as a")  # later writes keep the format
        tags = con.execute("select tags from duckdb_databases() where database_name = 'warehouse'").fetchone()[0]
    assert tags["storage_version"].startswith(STORAGE_COMPATIBILITY_VERSION)
