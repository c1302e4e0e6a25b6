"""kill -9 at every stage of a run: the published warehouse stays intact and the next run succeeds
without any manual clean-up (stale staging, lock, half-written versions)."""

import os
import signal
import subprocess
import time

import pytest

from tests.conftest import RESOLUTIONS, ROOT, cli_env, copy_warehouse, db_sha256, run_cli, table_checksums

pytestmark = pytest.mark.slow

STAGES = ("parsing", "loading", "dbt", "checking", "publishing")


def run_until_fault(stage: str, raw, wh, timeout: float = 600) -> str:
    """Start a run with RESOLUTIONS_FAULT_AT=stage, SIGKILL it when it reaches that point."""
    env = cli_env(RESOLUTIONS_FAULT_AT=stage, RESOLUTIONS_FAULT_SLEEP="600")
    proc = subprocess.Popen([*RESOLUTIONS, "run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + timeout
    seen = []
    try:
        for line in proc.stdout:
            seen.append(line)
            if line.startswith(f"FAULT-POINT {stage}"):
                os.kill(proc.pid, signal.SIGKILL)
                break
            if time.monotonic() > deadline:
                break
        else:
            raise AssertionError(f"run ended before reaching {stage}:\n{''.join(seen)[-3000:]}")
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "".join(seen)[-3000:]
    return "".join(seen)


def test_kill_at_every_stage_then_a_clean_run(published_warehouse, session_raw_dir, tmp_path):
    wh = copy_warehouse(published_warehouse, tmp_path / "warehouse")
    raw = tmp_path / "raw"
    raw.mkdir()
    for p in session_raw_dir.iterdir():  # a change, so every killed run has something to publish
        (raw / p.name).write_bytes(p.read_bytes() + b"\n")
    published = wh / "warehouse.duckdb"
    sha = db_sha256(published)
    versions_before = sorted(p.name for p in (wh / "versions").iterdir())
    for stage in STAGES:
        run_until_fault(stage, raw, wh)
        assert db_sha256(published) == sha, f"published file changed by a run killed at {stage}"
        assert (wh / ".lock").exists(), "the killed run held the lock"
    proc = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(wh), timeout=900)
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert db_sha256(published) != sha
    assert not (wh / ".lock").exists()
    assert not any((wh / ".staging").iterdir()), "stale staging dirs not cleaned"
    versions_after = sorted(p.name for p in (wh / "versions").iterdir())
    assert not [v for v in versions_after if v.endswith(".partial")]
    assert len([v for v in versions_after if v.endswith(".duckdb")]) == 1 + len(
        [v for v in versions_before if v.endswith(".duckdb")])
    counts = {t: n for t, (n, _) in table_checksums(published).items()}
    before = {t: n for t, (n, _) in table_checksums(published_warehouse / "warehouse.duckdb").items()}
    history = {"raw.document_versions", "main.dim_document_versions"}  # one new version per changed file
    assert {t: n for t, n in counts.items() if t not in history} == {
        t: n for t, n in before.items() if t not in history}, "a killed run left rows behind"
    for t in history & set(before):
        assert counts[t] == 2 * before[t]
