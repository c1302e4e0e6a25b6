"""Fault injection (issue 16): what operations do to a warehouse, each scenario repeated on real files,
real DuckDB, real processes and locks. Every test marked ``scenario("fault")`` or
``scenario("bad_input")`` is counted; the session ends with "fault injection: N tried, N held" (see
conftest.py). A scenario that is not held fails its test.

The slow scenarios run the real pipeline (``resolutions run``) on copies of the session warehouse; the
others drive the publish building blocks directly on real files, which is what a run does.

Issue 16's attacks ("Why", 1-9), each with the tests that repeat it:
1. stale write-ahead log: the three ``*wal*`` tests and ``test_status_names_the_problem...``;
2. empty or shrunk raw/: ``test_an_empty_raw_folder...``, ``test_a_shrunk_or_empty_corpus...``;
3. files outside raw/ swapped in: ``test_a_link_repointed...``, ``test_a_file_replaced_by_a_link...``,
   ``test_a_fifo_swapped_in...``, attack ``inside-link.txt``; messy run ``outside-link.txt``;
4. one file blocking every publish: symlink loops (listing, sensor, attack run), ``dated-2099.txt``,
   ``dated-year-0.txt``;
5. a lock from another host, a SIGKILLed holder, racing writers, a garbage lock: the lock tests;
6. a clock stepped backwards: ``test_a_clock_stepped_backwards...``, the pruning tests;
7. exports drifting from the published version: ``test_an_export_failing_half_way...``,
   ``test_outputs_of_another_version...``, ``test_a_kill_between_report_and_parquet...`` (exit 4),
   ``test_rollback_refreshes...``;
8. terminal escapes: ``test_control_characters...``, ``test_parse_prints_escape...``, the attack run;
9. a deleted or corrupt published file (their tests here), a renamed file
   (test_pipeline_run.py::test_a_renamed_file_leaves_no_current_version_under_its_old_document), clauses
   past 999 (test_parse_genre_layouts.py::test_clauses_numbered_past_999_keep_their_numbers), names
   differing by case or normalisation, folders named x.txt and deep folders (attack run), an unwritable
   warehouse folder, a run SIGKILLed while dbt builds (``test_a_run_sigkilled_while_dbt_builds...``).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import duckdb
import pytest

from pipelines.commands.terminal import visible
from pipelines.warehouse import locks, manifest, sources, staging, versions
from pipelines.warehouse.paths import Layout
from tests.conftest import (
    RAW_SAMPLES,
    ROOT,
    cli_env,
    copy_raw,
    copy_warehouse,
    db_sha256,
    hostile_document,
    query,
    run_cli,
)

fault = pytest.mark.scenario("fault")
bad_input = pytest.mark.scenario("bad_input")


# ---------------------------------------------------------------------------------------------
# helpers: a published warehouse made by the publish building blocks (no dbt), in seconds

def _make_db(path, version: str, payload: str, sequence: int | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("create schema if not exists meta")
        con.execute(manifest.PUBLISH_LOG_DDL)
        con.execute("create or replace table t as select ? as payload", [payload])
        manifest.write_publish_log(con, {
            "version": version, "run_id": version, "started_at": "2025-01-01T00:00:00",
            "published_at": "2025-01-01T00:00:00", "raw_dir": "/raw", "n_documents": 1, "n_clauses": 0,
            "n_quarantined": 0, "documents": [], "quarantined": [], "checks": [], "row_counts": {},
            "code_fingerprint": None, "sequence": sequence})


def publish_one(layout: Layout, version: str, payload: str = "x") -> None:
    run_id = f"run{version.replace('-', '')}"
    db = staging.begin_run(layout, run_id)
    seq = versions.next_sequence(layout)
    _make_db(db, version, payload, seq)
    versions.publish(layout, db, version, {"version": version, "run_id": run_id, "sequence": seq})
    staging.end_run(layout, run_id)


def payload(db) -> str:
    return query(db, "select payload from t")[0][0]


def leave_wal(db) -> None:
    """What a BI tool or a person does: open the published file read-write, write, and die before the
    checkpoint (a crash, a kill): ``warehouse.duckdb.wal`` stays beside it."""
    code = ("import duckdb, os, sys; con = duckdb.connect(sys.argv[1]); "
            "con.execute('pragma disable_checkpoint_on_shutdown'); "
            "con.execute(\"insert into t values ('written outside')\"); os._exit(0)")
    subprocess.run([sys.executable, "-c", code, str(db)], check=True)


@pytest.fixture
def two_versions(tmp_path) -> Layout:
    layout = Layout(tmp_path / "wh")
    publish_one(layout, "20250101T000000Z-aaaa", "first")
    publish_one(layout, "20250102T000000Z-bbbb", "second")
    return layout


# ---------------------------------------------------------------------------------------------
# faults: the published file

@fault
def test_a_stale_wal_beside_the_published_file_is_refused_with_the_command_that_recovers(two_versions):
    layout = two_versions
    leave_wal(layout.published)
    assert versions.wal_path(layout.published).exists()
    before = db_sha256(layout.published)
    with pytest.raises(versions.PublishedFileProblem, match=r"\.wal.*resolutions rollback 20250102"):
        staging.begin_run(layout, "next")
    assert db_sha256(layout.published) == before and not locks.is_held(layout)
    status = manifest.read_status(layout)
    assert "read-write" in status["problem"]


@fault
def test_rollback_sets_a_stale_wal_aside_and_readers_open_the_file_again(two_versions):
    layout = two_versions
    leave_wal(layout.published)
    assert versions.rollback(layout, "20250102") == "20250102T000000Z-bbbb"
    assert not versions.wal_path(layout.published).exists()
    assert list(layout.root.glob("warehouse.duckdb.wal.set-aside-*"))
    assert payload(layout.published) == "second" and versions.check_published(layout) is None
    publish_one(layout, "20250103T000000Z-cccc", "third")  # and the next publish works
    assert payload(layout.published) == "third"


@fault
def test_a_wal_appearing_just_before_the_rename_stops_the_publish(two_versions):
    layout = two_versions
    db = staging.begin_run(layout, "racer")
    _make_db(db, "20250103T000000Z-cccc", "third", 3)
    before = db_sha256(layout.published)
    versions.wal_path(layout.published).write_bytes(b"not ours")
    with pytest.raises(versions.PublishedFileProblem):
        versions.publish(layout, db, "20250103T000000Z-cccc", {"version": "20250103T000000Z-cccc", "sequence": 3})
    assert db_sha256(layout.published) == before
    assert "20250103T000000Z-cccc" not in versions.list_versions(layout)
    staging.end_run(layout, "racer")


@fault
def test_a_corrupt_published_file_is_detected_before_a_run_builds_on_it(two_versions):
    layout = two_versions
    with open(layout.published, "r+b") as fh:
        fh.seek(0)
        fh.write(b"\0" * 8192)
    with pytest.raises(versions.PublishedFileProblem, match="cannot be opened.*resolutions rollback"):
        staging.begin_run(layout, "next")
    assert "cannot be opened" in manifest.read_status(layout)["problem"]


@fault
def test_a_published_file_changed_behind_the_products_back_is_detected(two_versions):
    layout = two_versions
    with duckdb.connect(str(layout.published)) as con:  # a valid file, but not the one published
        con.execute("insert into t values ('edited')")
    with pytest.raises(versions.PublishedFileProblem, match="differs from the file that was published"):
        staging.begin_run(layout, "next")
    versions.rollback(layout, "20250102")
    assert versions.check_published(layout) is None and payload(layout.published) == "second"


@fault
def test_a_deleted_published_file_is_not_rebuilt_silently_and_rollback_restores_it(two_versions):
    layout = two_versions
    layout.published.unlink()
    with pytest.raises(versions.PublishedFileProblem, match="missing.*resolutions rollback"):
        staging.begin_run(layout, "next")
    assert versions.rollback(layout) == "20250102T000000Z-bbbb"
    assert payload(layout.published) == "second"


@fault
def test_status_names_the_problem_of_a_damaged_file_instead_of_failing(two_versions):
    layout = two_versions
    leave_wal(layout.published)
    proc = run_cli("status", "--warehouse-dir", str(layout.root), timeout=120)
    assert "PROBLEM" in proc.stdout and "resolutions rollback" in proc.stdout, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


# ---------------------------------------------------------------------------------------------
# faults: versions, clocks, pruning

@fault
def test_a_clock_stepped_backwards_keeps_the_newest_publish_newest(tmp_path):
    layout = Layout(tmp_path / "wh")
    publish_one(layout, "20250105T000000Z-aaaa", "first")
    publish_one(layout, "20250106T000000Z-bbbb", "second")
    publish_one(layout, "19700101T000000Z-cccc", "third")  # the clock jumped back to 1970
    assert versions.list_versions(layout)[-1] == "19700101T000000Z-cccc"
    assert versions.published_version(layout.published) == "19700101T000000Z-cccc"
    assert manifest.read_status(layout)["published"]["version"] == "19700101T000000Z-cccc"
    assert versions.resolve_version(layout, None) == "20250106T000000Z-bbbb"  # the previous publish


@fault
def test_pruning_after_a_clock_step_never_removes_the_live_version(tmp_path, monkeypatch):
    monkeypatch.setenv("RESOLUTIONS_KEEP_VERSIONS", "2")
    layout = Layout(tmp_path / "wh")
    for i, name in enumerate(["20250105T000000Z-a", "20250106T000000Z-b", "19700101T000000Z-c",
                              "19700101T000001Z-d"]):
        publish_one(layout, name, str(i))
    kept = versions.list_versions(layout)
    assert kept == ["19700101T000000Z-c", "19700101T000001Z-d"]
    assert (layout.versions_dir / "19700101T000001Z-d.duckdb").exists()


@fault
def test_pruning_with_keep_one_keeps_the_live_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("RESOLUTIONS_KEEP_VERSIONS", "1")
    layout = Layout(tmp_path / "wh")
    publish_one(layout, "20250101T000000Z-a", "a")
    publish_one(layout, "20250102T000000Z-b", "b")
    assert versions.list_versions(layout) == ["20250102T000000Z-b"]


@fault
def test_a_shrunk_or_empty_corpus_is_refused_unless_allowed():
    assert "no document" in versions.shrink_problem(2, 0, 0.5, "/raw")
    assert "no document" in versions.shrink_problem(None, 0, 0.5, "/raw")
    assert "more than 50%" in versions.shrink_problem(10, 4, 0.5, "/raw")
    assert versions.shrink_problem(10, 5, 0.5, "/raw") is None
    assert versions.shrink_problem(2, 3, 0.5, "/raw") is None


# ---------------------------------------------------------------------------------------------
# faults: the lock

HOLDER = ("import sys, time; from pathlib import Path; from pipelines.warehouse import locks; "
          "from pipelines.warehouse.paths import Layout; locks.acquire(Layout(Path(sys.argv[1])), sys.argv[2]); "
          "print('HELD', flush=True); time.sleep(120)")


def hold(root, run_id="other") -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(root), run_id], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline().strip() == "HELD"
    return proc


@fault
def test_a_lock_written_on_another_host_is_taken_over_when_nobody_holds_it(tmp_path):
    layout = Layout(tmp_path)
    layout.lock_path.write_text(json.dumps({"pid": os.getpid() + 1, "host": "container-before-restart",
                                            "run_id": "old", "acquired_at": "2025-01-01T00:00:00Z"}))
    assert manifest.read_status(layout)["lock"]["stale"]
    staging.begin_run(layout, "mine", wait=0)
    assert locks.read_lock(layout)["host"] == socket.gethostname()
    staging.end_run(layout, "mine")


@fault
def test_a_sigkilled_lock_holder_releases_the_lock_by_itself(tmp_path):
    layout = Layout(tmp_path)
    holder = hold(tmp_path)
    with pytest.raises(locks.LockHeld):
        staging.begin_run(layout, "mine", wait=0)
    assert not manifest.read_status(layout)["lock"]["stale"]
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    staging.begin_run(layout, "mine", wait=0)
    staging.end_run(layout, "mine")


@fault
def test_two_writers_racing_for_the_lock_one_wins(tmp_path):
    procs = [subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path), f"r{i}"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(4)]
    time.sleep(4)  # the losers raise LockHeld and exit; the winner sleeps holding the lock
    alive = [p for p in procs if p.poll() is None]
    for p in procs:
        p.kill()
        p.wait()
    assert len(alive) == 1
    assert sum("LockHeld" in p.stderr.read() for p in procs) == 3


@fault
def test_a_garbage_lock_file_is_stale(tmp_path):
    layout = Layout(tmp_path)
    layout.lock_path.write_bytes(b"\0\xff{garbage")
    assert locks.is_stale(layout)
    locks.acquire(layout, "mine")
    assert locks.release(layout, "mine")


# ---------------------------------------------------------------------------------------------
# faults: files swapped between the listing and the read (TOCTOU)

@fault
def test_a_link_repointed_outside_after_the_listing_is_refused(tmp_path):
    raw, outside = tmp_path / "raw", tmp_path / "secret.txt"
    raw.mkdir()
    (raw / "inside.txt").write_text("inside")
    outside.write_text("outside content")
    os.symlink(raw / "inside.txt", raw / "doc.txt")
    listed = {f.name: f for f in sources.list_raw_files(raw)}
    assert listed["doc.txt"].problem is None
    os.unlink(raw / "doc.txt")
    os.symlink(outside, raw / "doc.txt")  # swapped in after the check
    with pytest.raises(OSError):
        sources.read_file(listed["doc.txt"].path, 1 << 20, raw)


@fault
def test_a_file_replaced_by_a_link_after_the_listing_is_refused(tmp_path):
    raw, outside = tmp_path / "raw", tmp_path / "secret.txt"
    raw.mkdir()
    outside.write_text("outside content")
    (raw / "doc.txt").write_text("a document")
    listed = sources.list_raw_files(raw)[0]
    os.unlink(raw / "doc.txt")
    os.symlink(outside, raw / "doc.txt")
    with pytest.raises(OSError):
        sources.read_file(listed.path, 1 << 20, raw)


@fault
def test_a_fifo_swapped_in_after_the_listing_does_not_hang_the_run(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "doc.txt").write_text("a document")
    listed = sources.list_raw_files(raw)[0]
    os.unlink(raw / "doc.txt")
    os.mkfifo(raw / "doc.txt")
    started = time.monotonic()
    with pytest.raises(OSError):
        sources.read_file(listed.path, 1 << 20, raw)
    assert time.monotonic() - started < 5


@fault
def test_a_symlink_loop_in_raw_does_not_raise_in_the_listing_or_the_sensor(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    os.symlink(raw / "b.txt", raw / "a.txt")
    os.symlink(raw / "a.txt", raw / "b.txt")
    os.symlink(raw / "self.txt", raw / "self.txt")
    problems = {f.name: (f.problem, f.detail) for f in sources.list_raw_files(raw)}
    assert problems == {n: ("not_a_file", "symbolic link loop") for n in ("a.txt", "b.txt", "self.txt")}
    assert len(sources.listing_fingerprint(raw)) == 64


# ---------------------------------------------------------------------------------------------
# faults: exports

@fault
def test_an_export_failing_half_way_leaves_the_previous_parquet_folder_whole(published_warehouse, tmp_path):
    from pipelines.exports import export_parquet, exported_version

    wh = copy_warehouse(published_warehouse, tmp_path / "wh")
    export_parquet(wh)
    before = sorted(p.name for p in (wh / "parquet").iterdir())
    version = exported_version(wh)
    scratch = tmp_path / "scratch.duckdb"  # a mart name the exporter refuses, in a copy: fails mid-way
    (wh / "warehouse.duckdb").rename(scratch)
    with duckdb.connect(str(scratch)) as con:
        con.execute('create table main."fct_zz bad" as select 1 as x')
    scratch.rename(wh / "warehouse.duckdb")
    with pytest.raises(ValueError):
        export_parquet(wh)
    assert sorted(p.name for p in (wh / "parquet").iterdir()) == before and exported_version(wh) == version
    assert not list(wh.glob(".parquet*"))


@fault
def test_rollback_refreshes_the_report_and_the_parquet_exports(rerun_with_readers, tmp_path):
    from pipelines.exports import exported_version

    wh = copy_warehouse(rerun_with_readers["dir"], tmp_path / "wh")
    kept = versions.list_versions(Layout(wh))
    assert len(kept) >= 2 and exported_version(wh) == kept[-1]
    proc = run_cli("rollback", "--warehouse-dir", str(wh), timeout=300, check_codes={0})
    assert "refreshed" in proc.stdout
    assert exported_version(wh) == kept[-2] == versions.published_version(wh / "warehouse.duckdb")


@fault
def test_outputs_of_another_version_are_reported_by_status_and_rebuilt_by_sync(published_warehouse, tmp_path):
    from pipelines.exports import outputs_state, sync_outputs

    wh = copy_warehouse(published_warehouse, tmp_path / "wh")
    published = versions.published_version(wh / "warehouse.duckdb")
    assert outputs_state(wh) == {"published": published, "report": published, "parquet": published, "in_sync": True}
    (wh / "parquet" / "VERSION").write_text("19700101T000000Z-older\n")  # what a kill before the swap leaves
    assert not outputs_state(wh)["in_sync"]
    proc = run_cli("status", "--warehouse-dir", str(wh), timeout=120, check_codes={0})
    assert "OUTPUTS" in proc.stdout and "19700101T000000Z-older" in proc.stdout
    assert sync_outputs(wh) == published and outputs_state(wh)["in_sync"]
    assert sync_outputs(wh) is None  # nothing to do once they agree


@pytest.mark.slow
@fault
def test_a_kill_between_report_and_parquet_then_a_failed_export_are_seen_and_repaired(published_warehouse, tmp_path):
    from pipelines.exports import outputs_state
    from tests.test_faults import run_until_fault

    wh = copy_warehouse(published_warehouse, tmp_path / "wh")
    raw = copy_raw(tmp_path / "raw")
    first = versions.published_version(wh / "warehouse.duckdb")
    (raw / RAW_SAMPLES[0].name).write_bytes(RAW_SAMPLES[0].read_bytes() + b"\n")
    run_until_fault("exporting", raw, wh)  # killed after the publish and the report, before the Parquet swap
    state = outputs_state(wh)
    assert state["published"] != first and state["report"] == state["published"] and state["parquet"] == first
    assert "OUTPUTS" in run_cli("status", "--warehouse-dir", str(wh), timeout=120).stdout
    (raw / RAW_SAMPLES[-1].name).write_bytes(RAW_SAMPLES[-1].read_bytes() + b"\n")
    proc = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(wh), timeout=900,
                   env=cli_env(RESOLUTIONS_FAULT_FAIL="exporting"))
    assert f"refreshed to the published version {state['published']}" in proc.stdout  # at start-up
    assert proc.returncode == 4, proc.stdout[-3000:]  # published, but the export failed: not exit 0
    assert "were not refreshed" in proc.stdout
    failed = outputs_state(wh)
    assert failed["published"] not in (first, state["published"]) and not failed["in_sync"]
    rolled = run_cli("rollback", failed["published"], "--warehouse-dir", str(wh), timeout=300, check_codes={0})
    assert "refreshed" in rolled.stdout and outputs_state(wh)["in_sync"]


# ---------------------------------------------------------------------------------------------
# faults: the terminal and the command line

@fault
def test_control_characters_are_shown_not_obeyed():
    assert visible("evil\x1b]0;pwned\x07\x1b[2J\x9b31m\u202etxt.exe") == (
        "evil\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202etxt.exe")
    assert visible("ok résolution\n") == "ok résolution\n"


@fault
def test_parse_prints_escape_sequences_in_a_document_visibly(tmp_path):
    doc = tmp_path / "evil\x1b[31mred.txt"
    doc.write_text(hostile_document(1, "plain").replace("Noting that", "Noting \x1b[2J that"), encoding="utf-8")
    proc = run_cli("parse", str(doc), "--issues", timeout=120, check_codes={0})
    assert "\x1b" not in proc.stdout and "\\x1b[2J" in proc.stdout


@fault
def test_an_unwritable_warehouse_folder_is_one_line_not_a_traceback(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the warehouse folder should be")
    proc = run_cli("run", "--raw-dir", str(ROOT / "raw"), "--warehouse-dir", str(blocker / "wh"), timeout=120)
    assert proc.returncode == 2 and "cannot write the warehouse folder" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


# ---------------------------------------------------------------------------------------------
# faults through the real pipeline (slow)

@pytest.mark.slow
@fault
def test_an_empty_raw_folder_publishes_nothing_and_prunes_nothing(published_warehouse, tmp_path):
    wh = copy_warehouse(published_warehouse, tmp_path / "wh")
    (tmp_path / "raw").mkdir()
    sha, kept = db_sha256(wh / "warehouse.duckdb"), versions.list_versions(Layout(wh))
    env = cli_env(RESOLUTIONS_KEEP_VERSIONS="1")
    for _ in range(2):  # scheduled runs against an unmounted share
        proc = run_cli("run", "--raw-dir", str(tmp_path / "raw"), "--warehouse-dir", str(wh), env=env, timeout=900)
        assert proc.returncode == 1, proc.stdout[-3000:]
        assert "refusing to publish a warehouse with no document" in proc.stdout
    assert db_sha256(wh / "warehouse.duckdb") == sha and versions.list_versions(Layout(wh)) == kept


def _processes_holding(folder: Path) -> list[int]:
    """PIDs of live processes with a file under ``folder`` open."""
    holders = []
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        try:
            links = [os.readlink(fd) for fd in fd_dir.iterdir()]
        except OSError:
            continue
        if any(link.startswith(str(folder)) for link in links):
            holders.append(int(fd_dir.parent.name))
    return holders


@pytest.mark.slow
@fault
def test_a_run_sigkilled_while_dbt_builds_leaves_no_process_on_its_files_and_the_next_run_publishes(
        published_warehouse, tmp_path):
    from tests.test_faults import run_until_fault

    wh = copy_warehouse(published_warehouse, tmp_path / "wh")
    raw = copy_raw(tmp_path / "raw")
    (raw / RAW_SAMPLES[0].name).write_bytes(RAW_SAMPLES[0].read_bytes() + b"\n")
    run_until_fault("dbt", raw, wh)
    # dbt builds inside the run's process: nothing of it outlives the SIGKILL to go on writing
    (staging_dir,) = (wh / ".staging").iterdir()
    deadline = time.monotonic() + 15
    while (holders := _processes_holding(staging_dir.resolve())) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not holders, f"processes still hold the killed run's files: {holders}"
    proc = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(wh), timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:]


# ---------------------------------------------------------------------------------------------
# bad inputs: every class of the shared messy run (conftest.write_bad_inputs, hostile names)

BAD_CLASSES = ["empty.txt", "whitespace.md", "scan.txt", "image.html", "nul-bytes.txt", "broken-utf16.txt",
               "letter.txt", "repeated-markers.txt", "huge-200mb.txt", "copy of *", "*.htm", "minutes.docx",
               "outside-link.txt", "dangling-link.txt"]


@pytest.mark.slow
@bad_input
@pytest.mark.parametrize("pattern", BAD_CLASSES)
def test_each_bad_file_of_the_messy_run_is_quarantined_with_its_reason(messy_run, pattern):
    import fnmatch

    name = next(n for n in messy_run["expected_bad"] if fnmatch.fnmatch(n, pattern))
    rows = query(messy_run["dir"] / "warehouse.duckdb", "select reason from raw.quarantine where source_file = ?",
                 [name])
    assert rows == [(messy_run["expected_bad"][name],)]


@pytest.mark.slow
@bad_input
@pytest.mark.parametrize("index", range(9))
def test_each_hostile_name_of_the_messy_run_publishes_its_document(messy_run, index):
    name = sorted(messy_run["hostile"], key=messy_run["hostile"].get)[index]
    rows = query(messy_run["dir"] / "warehouse.duckdb", "select count(*) from main.dim_documents where source_file = ?",
                 [name])
    assert rows == [(1,)]


# ---------------------------------------------------------------------------------------------
# bad inputs: what issue 16 added, in one more real run

NFC = unicodedata.normalize("NFC", "Résolution 12.txt")
NFD = unicodedata.normalize("NFD", "Résolution 12.txt")


def _doc(i: int, extra: str = "plain text") -> str:
    return hostile_document(40 + i, extra)


ATTACKS = {
    # name -> (how to make it in raw, expected: a quarantine reason, or "published")
    "loop-a.txt": (lambda raw, n: (os.symlink(raw / "loop-b.txt", raw / n), os.symlink(raw / n, raw / "loop-b.txt")),
                   "not_a_file"),
    "self-loop.txt": (lambda raw, n: os.symlink(raw / n, raw / n), "not_a_file"),
    "folder.txt": (lambda raw, n: ((raw / n).mkdir(), (raw / n / "inner.txt").write_text(_doc(1))), "not_a_file"),
    "deep": (lambda raw, n: ((raw / n / "a" / "b").mkdir(parents=True),
                             (raw / n / "a" / "b" / "doc.txt").write_text(_doc(2))), "not_a_file"),
    "fifo.txt": (lambda raw, n: os.mkfifo(raw / n), "not_a_file"),
    "Case Clash.txt": (lambda raw, n: ((raw / n).write_text(_doc(3)), (raw / "case clash.txt").write_text(_doc(4))),
                       "published"),
    "case clash.txt": (None, "name_clash"),
    # the name that sorts first keeps the document (NFD "Re\u0301" sorts before NFC "R\xe9")
    NFC: (lambda raw, n: ((raw / n).write_text(_doc(5)), (raw / NFD).write_text(_doc(6))), "name_clash"),
    NFD: (None, "published"),
    "esc\x1b[31m-name.txt": (lambda raw, n: (raw / n).write_text(_doc(7)), "published"),
    "c1\x9b31m-name.txt": (lambda raw, n: (raw / n).write_text(_doc(8)), "published"),
    "bidi-\u202etxt.exe.txt": (lambda raw, n: (raw / n).write_text(_doc(9)), "published"),
    "new\nline.txt": (lambda raw, n: (raw / n).write_text(_doc(10)), "published"),
    "escape-text.txt": (lambda raw, n: (raw / n).write_text(_doc(11).replace("Noting that", "Noting \x1b[2J that")),
                        "published"),
    ("x" * 251) + ".txt": (lambda raw, n: (raw / n).write_text(_doc(12)), "published"),
    "inside-link.txt": (lambda raw, n: ((raw / "target-inside.md").write_text(_doc(13)),
                                        os.symlink(raw / "target-inside.md", raw / n)), "published"),
    "crlf.txt": (lambda raw, n: (raw / n).write_bytes(_doc(14).replace("\n", "\r\n").encode()), "published"),
    "bom-only.txt": (lambda raw, n: (raw / n).write_bytes(b"\xef\xbb\xbf"), "empty"),
    "dated-2099.txt": (lambda raw, n: (raw / n).write_text(
        _doc(15).replace("The Assembly,", "Adopted on 12 March 2099\n\nThe Assembly,")), "published"),
    "socket.txt": (lambda raw, n: __import__("socket").socket(__import__("socket").AF_UNIX).bind(str(raw / n)),
                   "not_a_file"),
    "dated-year-0.txt": (lambda raw, n: (raw / n).write_text(
        _doc(16).replace("The Assembly,", "Adopted on 0000-05-12\n\nThe Assembly,")), "published"),
    "notes.rtf": (lambda raw, n: (raw / n).write_text("{\\rtf1\\ansi " + _doc(17) + "}"), "unsupported_type"),
}


@pytest.fixture(scope="session")
def attack_run(published_warehouse, tmp_path_factory):
    base = tmp_path_factory.mktemp("attack")
    wh = copy_warehouse(published_warehouse, base / "warehouse")
    raw = copy_raw(base / "raw")
    for name, (make, _) in ATTACKS.items():
        if make is not None:
            make(raw, name)
    proc = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(wh), timeout=900)
    return {"dir": wh, "raw": raw, "proc": proc}


@pytest.mark.slow
@bad_input
def test_the_attack_run_publishes_and_prints_no_escape(attack_run):
    proc = attack_run["proc"]
    assert proc.returncode == 3, proc.stdout[-4000:] + proc.stderr[-3000:]
    assert "\x1b" not in proc.stdout and "\x9b" not in proc.stdout and "Traceback" not in proc.stderr


@pytest.mark.slow
@bad_input
@pytest.mark.parametrize("name", list(ATTACKS), ids=[visible(n)[:40] for n in ATTACKS])
def test_each_attack_file_is_published_or_quarantined_as_expected(attack_run, name):
    db = attack_run["dir"] / "warehouse.duckdb"
    expected = ATTACKS[name][1]
    stored = sources.display_name(name)
    quarantined = query(db, "select reason, message from raw.quarantine where source_file = ?", [stored])
    published = query(db, "select count(*) from main.dim_documents where source_file = ?", [stored])[0][0]
    if expected == "published":
        assert published == 1 and not quarantined, quarantined
    else:
        assert published == 0 and [r[0] for r in quarantined] == [expected], quarantined
        assert quarantined[0][1]  # with a message that says what is wrong


@pytest.mark.slow
@bad_input
def test_a_document_dated_2099_publishes_with_its_date_withheld_and_a_finding(attack_run):
    db = attack_run["dir"] / "warehouse.duckdb"
    (doc_id, adopted), = query(db, "select doc_id, adopted_on from main.dim_documents where source_file = ?",
                               ["dated-2099.txt"])
    assert adopted is None or adopted.year < 2099
    checks = [r[0] for r in query(db, "select check_name from main.fct_document_findings where doc_id = ?", [doc_id])]
    assert "adoption_date_implausible" in checks, checks


@pytest.mark.slow
@bad_input
def test_a_year_0_date_publishes_the_document_with_a_finding_naming_the_date(attack_run):
    db = attack_run["dir"] / "warehouse.duckdb"
    (doc_id, adopted), = query(db, "select doc_id, adopted_on from main.dim_documents where source_file = ?",
                               ["dated-year-0.txt"])
    assert adopted is None
    found = dict(query(db, "select check_name, message from main.fct_document_findings where doc_id = ?", [doc_id]))
    assert "0000-05-12" in found.get("adoption_date_implausible", ""), found
    assert "adoption_date_missing" not in found
