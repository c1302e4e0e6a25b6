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
    assert sorted(p.name for p in tmp_path.iterdir()) == [".report-charts", "report.html", "warehouse.duckdb"]
    assert all(re.fullmatch(r"[0-9a-f]{64}\.svg", p.name) for p in (tmp_path / ".report-charts").iterdir())


def test_the_warehouse_dir_comes_from_the_environment_at_call_time(warehouse, tmp_path, monkeypatch):
    shutil.copy2(warehouse / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    monkeypatch.setenv("RESOLUTIONS_WAREHOUSE_DIR", str(tmp_path))
    assert build_report() == tmp_path / "report.html"


def test_without_a_published_warehouse_the_report_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="no published warehouse"):
        build_report(tmp_path)


# --- charts drawn once: the report keeps the SVGs of its last build (report/build.py ChartRenderer) ---

def _render_counting(copy: Path):
    """Build the report of ``copy`` and return (html, charts drawn by vl-convert, charts in the report)."""
    from pipelines.report import build

    drawn = []
    real = build.ChartRenderer.svg

    def counting(self, chart):
        before = self.drawn
        out = real(self, chart)
        drawn.append(self.drawn - before)
        return out

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(build.ChartRenderer, "svg", counting)
        html = build_report(copy).read_text(encoding="utf-8")
    return html, sum(drawn), len(drawn)


def test_a_second_report_of_the_same_warehouse_draws_no_chart_and_is_the_same_file(warehouse, tmp_path):
    shutil.copy2(warehouse / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    first, drawn_first, charts = _render_counting(tmp_path)
    second, drawn_second, _ = _render_counting(tmp_path)
    assert charts > 4 and drawn_first == charts
    assert drawn_second == 0
    assert second == first
    # every id of the page once: each kept SVG's ids carry its place in the report
    ids = re.findall(r'\bid="([^"]+)"', first)
    assert len(ids) == len(set(ids))
    assert len(list((tmp_path / ".report-charts").iterdir())) <= charts
    # and a report drawn without the kept charts is the same report
    shutil.rmtree(tmp_path / ".report-charts")
    assert _render_counting(tmp_path)[0] == first


def test_a_changed_document_redraws_its_own_charts_and_the_kept_ones_of_the_old_data_go(warehouse, tmp_path):
    shutil.copy2(warehouse / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    _, _, charts = _render_counting(tmp_path)
    kept_before = set((tmp_path / ".report-charts").iterdir())
    db = tmp_path / "warehouse.duckdb"
    doc_id = queries.documents(db)["doc_id"][0]
    with duckdb.connect(str(db)) as con:  # one lead verb of one document changes class
        con.execute("update main.fct_verbs set verb_class = 'urge' where doc_id = ? and verb_role = 'lead' "
                    "and verb_class <> 'urge' and clause_ref = (select min(clause_ref) from main.fct_verbs "
                    "where doc_id = ? and verb_role = 'lead' and verb_class <> 'urge')", [doc_id, doc_id])
    _, drawn, charts_again = _render_counting(tmp_path)
    assert charts_again == charts
    # that document's verb chart and the corpus stance totals; not the others
    assert 1 <= drawn <= 3
    kept_after = set((tmp_path / ".report-charts").iterdir())
    assert len(kept_after) == len(kept_before) and kept_after != kept_before  # the stale SVGs are gone
