"""The pool of parsing processes (``ingest.parse_files``, the standard library's ProcessPoolExecutor): a
worker that dies is reported and its file quarantined; the other files are published."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipelines.warehouse.ingest import PARALLEL_FROM
from tests.conftest import cli_env, query, run_cli

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "unsc"


@pytest.mark.slow
@pytest.mark.scenario("fault")
def test_a_killed_parsing_worker_is_reported_and_its_file_quarantined(tmp_path):
    files = sorted(CORPUS.glob("*.txt"))[: PARALLEL_FROM + 2]  # enough files for the pool to be used
    assert len(files) == PARALLEL_FROM + 2, f"{CORPUS} must hold the real corpus (../shared/corpus)"
    raw = tmp_path / "raw"
    raw.mkdir()
    for f in files:
        shutil.copy(f, raw / f.name)
    victim = files[3].name
    env = cli_env()
    env["RESOLUTIONS_FAULT_KILL_WORKER"] = victim
    proc = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(tmp_path / "wh"), env=env,
                   check_codes={3}, timeout=1200)
    db = tmp_path / "wh" / "warehouse.duckdb"
    assert query(db, "select source_file, reason from dim_quarantine") == [(victim, "worker_crashed")]
    published = {r[0] for r in query(db, "select source_file from dim_documents")}
    assert published == {f.name for f in files} - {victim}
    assert "parsing process died" in proc.stdout
    assert "worker_crashed" in proc.stdout
