"""Two kinds of checks. A warehouse invariant that fails publishes nothing, leaves the published file
byte-identical and says which check failed. A document expectation that a document misses is a finding
about that document: it publishes flagged, unless ``--strict`` asks for all or nothing."""

import shutil

import pytest

from tests.conftest import cli_env, copy_warehouse, db_sha256, query, run_cli

pytestmark = pytest.mark.slow


def with_typo_year(session_raw_dir, raw):
    """A real-world slip: a copy of a sample document whose adoption note has a mistyped year."""
    shutil.copytree(session_raw_dir, raw)
    src = next(p for p in sorted(raw.iterdir()) if "Adopted" in p.read_text(encoding="utf-8"))
    text = src.read_text(encoding="utf-8")
    year = next(w for w in text[text.index("Adopted"):].split() if w.rstrip(".").isdigit() and len(w.rstrip(".")) == 4)
    typo = raw / f"typo-year{src.suffix}"
    typo.write_text(text.replace(year.rstrip("."), "1066"), encoding="utf-8")
    return typo


@pytest.fixture(scope="module")
def invariant_failed_run(published_warehouse, session_raw_dir, tmp_path_factory):
    base = tmp_path_factory.mktemp("failcheck")
    wh = copy_warehouse(published_warehouse, base / "warehouse")
    before = db_sha256(wh / "warehouse.duckdb")
    proc = run_cli("run", "--raw-dir", str(session_raw_dir), "--warehouse-dir", str(wh), "--full-refresh",
                   env=cli_env(RESOLUTIONS_FAULT_CORRUPT="duplicate_clause"), timeout=900)
    return {"dir": wh, "proc": proc, "before": before}


def test_a_failed_invariant_publishes_nothing_and_exits_1(invariant_failed_run):
    proc = invariant_failed_run["proc"]
    assert proc.returncode == 1, proc.stdout[-4000:]
    assert db_sha256(invariant_failed_run["dir"] / "warehouse.duckdb") == invariant_failed_run["before"]
    assert "NOT published" in proc.stdout
    assert len(list((invariant_failed_run["dir"] / "versions").glob("*.duckdb"))) == 1


def test_a_failed_invariant_names_the_check(invariant_failed_run):
    out = invariant_failed_run["proc"].stdout
    assert "FAILED" in out and "unique" in out and "clause" in out, out[-4000:]


def test_the_next_run_cleans_up_the_rejected_build(invariant_failed_run):
    staging = list((invariant_failed_run["dir"] / ".staging").iterdir())
    assert len(staging) == 1, "the rejected build is kept for inspection"
    assert not (invariant_failed_run["dir"] / ".lock").exists()
    status = run_cli("status", "--warehouse-dir", str(invariant_failed_run["dir"]))
    assert "left by unfinished runs" in status.stdout
    version = query(invariant_failed_run["dir"] / "warehouse.duckdb", "select max(version) from meta.publish_log")[0][0]
    assert version in status.stdout


@pytest.fixture(scope="module")
def typo_runs(published_warehouse, session_raw_dir, tmp_path_factory):
    base = tmp_path_factory.mktemp("typo")
    raw = base / "raw"
    typo = with_typo_year(session_raw_dir, raw)
    strict_wh = copy_warehouse(published_warehouse, base / "strict")
    before = db_sha256(strict_wh / "warehouse.duckdb")
    strict = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(strict_wh), "--strict", timeout=900)
    flagged_wh = copy_warehouse(published_warehouse, base / "flagged")
    flagged = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(flagged_wh), timeout=900)
    return {"typo": typo, "strict": strict, "strict_dir": strict_wh, "before": before,
            "flagged": flagged, "flagged_dir": flagged_wh}


def test_a_mistyped_year_publishes_the_document_flagged_with_the_date_withheld(typo_runs):
    assert typo_runs["flagged"].returncode == 0, typo_runs["flagged"].stdout[-4000:]
    db = typo_runs["flagged_dir"] / "warehouse.duckdb"
    (status, adopted_on), = query(db, "select quality_status, adopted_on from dim_documents where source_file = ?",
                                  [typo_runs["typo"].name])
    assert status == "warnings" and adopted_on is None
    rows = query(db, "select f.check_name, f.message from fct_document_findings f join dim_documents d using (doc_id) "
                     "where d.source_file = ? and f.severity = 'warning'", [typo_runs["typo"].name])
    assert [r[0] for r in rows] == ["adoption_date_implausible"] and "1066" in rows[0][1]
    assert "1 warnings" in typo_runs["flagged"].stdout and "adoption_date_implausible" in typo_runs["flagged"].stdout


def test_strict_refuses_the_same_input_and_leaves_the_published_file_untouched(typo_runs):
    proc = typo_runs["strict"]
    assert proc.returncode == 1, proc.stdout[-4000:]
    assert db_sha256(typo_runs["strict_dir"] / "warehouse.duckdb") == typo_runs["before"]
    assert "FAILED raw_document_findings :: document_expectations" in proc.stdout
    assert "adoption_date_implausible: 1 warning" in proc.stdout


def test_strict_publishes_a_corpus_without_findings(published_warehouse, session_raw_dir, tmp_path):
    wh = copy_warehouse(published_warehouse, tmp_path / "warehouse")
    proc = run_cli("run", "--raw-dir", str(session_raw_dir), "--warehouse-dir", str(wh), "--strict", "--full-refresh")
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert "check document_expectations" in proc.stdout
