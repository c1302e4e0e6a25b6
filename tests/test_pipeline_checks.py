"""A failed blocking check publishes nothing, leaves the published file byte-identical, and says which
check failed on which document."""

import shutil

import pytest

from tests.conftest import copy_warehouse, db_sha256, query, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def failed_run(published_warehouse, session_raw_dir, tmp_path_factory):
    base = tmp_path_factory.mktemp("failcheck")
    wh = copy_warehouse(published_warehouse, base / "warehouse")
    raw = base / "raw"
    shutil.copytree(session_raw_dir, raw)
    # A real-world slip: a document whose adoption note has a mistyped year.
    src = next(p for p in sorted(raw.iterdir()) if "Adopted" in p.read_text(encoding="utf-8"))
    text = src.read_text(encoding="utf-8")
    year = next(w for w in text[text.index("Adopted"):].split() if w.rstrip(".").isdigit() and len(w.rstrip(".")) == 4)
    typo = raw / f"typo-year{src.suffix}"
    typo.write_text(text.replace(year.rstrip("."), "1066"), encoding="utf-8")
    before = db_sha256(wh / "warehouse.duckdb")
    proc = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(wh), timeout=900)
    return {"dir": wh, "proc": proc, "before": before}


def test_failed_check_publishes_nothing_and_exits_1(failed_run):
    proc = failed_run["proc"]
    assert proc.returncode == 1, proc.stdout[-4000:]
    assert db_sha256(failed_run["dir"] / "warehouse.duckdb") == failed_run["before"]
    assert "NOT published" in proc.stdout
    assert len(list((failed_run["dir"] / "versions").glob("*.duckdb"))) == 1


def test_failed_check_names_the_check_the_rule_and_the_document(failed_run):
    out = failed_run["proc"].stdout
    assert "FAILED dim_documents :: ge_dim_documents" in out
    assert "adopted_on_range" in out and "doc_id=typo-year" in out


def test_the_next_run_cleans_up_the_rejected_build(failed_run, session_raw_dir):
    staging = list((failed_run["dir"] / ".staging").iterdir())
    assert len(staging) == 1, "the rejected build is kept for inspection"
    assert not (failed_run["dir"] / ".lock").exists()
    status = run_cli("status", "--warehouse-dir", str(failed_run["dir"]))
    assert "left by unfinished runs" in status.stdout
    version = query(failed_run["dir"] / "warehouse.duckdb", "select max(version) from meta.publish_log")[0][0]
    assert version in status.stdout
