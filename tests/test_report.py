"""The offline HTML report built from the published warehouse."""

from __future__ import annotations

import re
import shutil
from html import escape
from pathlib import Path

import duckdb
import pytest
from dashboard_helpers import sql_count

from pipelines.dashboard import queries
from pipelines.report import build_report


@pytest.fixture(scope="module")
def warehouse(published_warehouse) -> Path:
    return published_warehouse


@pytest.fixture(scope="module")
def report(warehouse, tmp_path_factory) -> str:
    # on a copy: the session's warehouse dir is shared and never written to
    copy = tmp_path_factory.mktemp("report")
    shutil.copy2(warehouse / "warehouse.duckdb", copy / "warehouse.duckdb")
    path = build_report(copy)
    assert path == copy / "report.html"
    return path.read_text(encoding="utf-8")


def test_the_report_loads_nothing_from_outside_the_file(report):
    assert "<script" not in report.lower()
    assert "<link" not in report.lower()
    assert not re.search(r"\b(src|href)\s*=\s*[\"']?(https?:|//|file:)", report, re.I)
    assert not re.search(r"url\(\s*[\"']?(?!#)", report)  # only fragments: fill="url(#gradient_0)"
    # the only URLs are the SVG namespace declarations
    for match in re.finditer(r"https?://[^\"'\s>]+", report):
        assert match.group(0) in {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def test_the_report_has_the_dashboards_charts_as_inline_svg(report, warehouse):
    db = warehouse / "warehouse.duckdb"
    n_docs = sql_count(warehouse, "select count(*) from main.dim_documents")
    n_pairs = queries.lineage_pairs(db).height
    # heatmap + stance totals, then per document lead verbs + strength, then one chart per lineage pair
    assert report.count("<svg") == 2 + 2 * n_docs + n_pairs
    assert "Clauses per topic and document" in report


def test_each_document_shows_its_counts_from_the_warehouse(report, warehouse):
    for doc_id in queries.documents(warehouse / "warehouse.duckdb")["doc_id"]:
        commitments = sql_count(warehouse, "select count(*) from main.fct_commitments where doc_id = ?", [doc_id])
        targets = sql_count(warehouse, "select count(*) from main.fct_targets where doc_id = ?", [doc_id])
        section = report.split(f'<h2 id="{doc_id}">', 1)[1].split("<h2", 1)[0]
        assert f"<h3>Commitments ({commitments})</h3>" in section
        assert f"<h3>Targets and figures ({targets})</h3>" in section
        assert section.count("<details>") == commitments + targets


def test_every_commitment_opens_to_its_clause_text(report, warehouse):
    con = duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True)
    texts = [r[0] for r in con.execute("select commitment_text from main.fct_commitments").fetchall()]
    con.close()
    assert texts
    for text in texts:
        assert escape(text) in report


def test_document_text_is_shown_as_text_never_as_markup(warehouse, tmp_path):
    shutil.copy2(warehouse / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    hostile = "<script>alert(1)</script> <img src=x onerror=alert(2)> & {{ '\"' }}"
    con.execute("update main.fct_commitments set commitment_text = ? "
                "where commitment_id = (select min(commitment_id) from main.fct_commitments)", [hostile])
    con.close()
    html = build_report(tmp_path).read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html
    assert escape(hostile) in html


def test_a_rebuild_replaces_the_report_and_leaves_no_temporary_file(warehouse, tmp_path):
    shutil.copy2(warehouse / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    (tmp_path / "report.html").write_text("old")
    path = build_report(tmp_path)
    assert path.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "warehouse.duckdb"]


def test_the_warehouse_dir_comes_from_the_environment_at_call_time(warehouse, tmp_path, monkeypatch):
    shutil.copy2(warehouse / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    monkeypatch.setenv("RESOLUTIONS_WAREHOUSE_DIR", str(tmp_path))
    assert build_report() == tmp_path / "report.html"


def test_without_a_published_warehouse_the_report_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="no published warehouse"):
        build_report(tmp_path)
