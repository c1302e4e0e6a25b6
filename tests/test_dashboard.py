"""The Streamlit dashboard under Streamlit's AppTest, over a real warehouse built from raw/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest
from dashboard_helpers import sql_count
from streamlit.testing.v1 import AppTest

from pipelines.dashboard import present, queries

APP = Path(queries.__file__).with_name("app.py")


@pytest.fixture(scope="module")
def warehouse(published_warehouse) -> Path:
    return published_warehouse


@pytest.fixture
def app(warehouse, monkeypatch):
    def start(directory: Path = warehouse) -> AppTest:
        monkeypatch.setenv("RESOLUTIONS_WAREHOUSE_DIR", str(directory))
        return AppTest.from_file(str(APP), default_timeout=60).run()

    return start


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def table(at: AppTest, column: str):
    """The first table of the page with ``column`` (AppTest does not expose a dataframe's key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def doc_ids(warehouse: Path) -> list[str]:
    return queries.documents(warehouse / "warehouse.duckdb")["doc_id"].to_list()


def copy_warehouse(warehouse: Path, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(warehouse / "warehouse.duckdb", dest / "warehouse.duckdb")
    return dest


def test_the_newest_document_is_shown_first_with_its_counts_from_the_warehouse(app, warehouse):
    at = app()
    assert not at.exception
    newest = doc_ids(warehouse)[-1]
    assert at.selectbox(key="doc").value == newest
    shown = metrics(at)
    for label, table in [("Clauses", "fct_clauses"), ("Commitments", "fct_commitments"),
                         ("Targets", "fct_targets")]:
        expected = sql_count(warehouse, f"select count(*) from main.{table} where doc_id = ?", [newest])
        assert shown[label] == str(expected), label
    assert shown["Commitments"] != "0"


@pytest.mark.parametrize("position", [0, -1])
def test_picking_a_document_shows_its_own_figures(app, warehouse, position):
    doc_id = doc_ids(warehouse)[position]
    at = app()
    at.selectbox(key="doc").select(doc_id).run()
    assert not at.exception
    n = sql_count(warehouse, "select count(*) from main.fct_commitments where doc_id = ?", [doc_id])
    assert metrics(at)["Commitments"] == str(n)
    assert f"{n} of {n} commitments" in [c.value for c in at.caption]


def test_the_wording_filter_narrows_the_commitments_table_to_the_non_continuations(app, warehouse):
    at = app()
    doc_id = at.selectbox(key="doc").value
    total = sql_count(warehouse, "select count(*) from main.fct_commitments where doc_id = ?", [doc_id])
    others = sql_count(
        warehouse,
        "select count(*) from main.fct_commitments where doc_id = ? and not is_continuation",
        [doc_id],
    )
    at.segmented_control(key="f-status").set_value("not a continuation").run()
    assert f"{others} of {total} commitments" in [c.value for c in at.caption]
    assert len(table(at, "commitment_text")) == others


def test_the_topic_filter_keeps_commitments_whose_clause_has_the_topic(app, warehouse):
    at = app()
    doc_id = at.selectbox(key="doc").value
    topic = at.multiselect(key="f-topic").options[0]
    expected = sql_count(
        warehouse,
        """select count(*) from main.fct_commitments m
           where m.doc_id = ? and exists (select 1 from main.fct_topics t
                                          where t.clause_id = m.clause_id and t.topic_label = ?)""",
        [doc_id, topic],
    )
    at.multiselect(key="f-topic").select(topic).run()
    assert len(table(at, "commitment_text")) == expected > 0


def test_opening_a_commitment_shows_the_whole_clause_text(app, warehouse):
    at = app()
    at.selectbox(key="commitment-pick").select(0).run()
    text = table(at, "commitment_text")["commitment_text"].iloc[0]
    assert present.escape_markdown(text) in [m.value for m in at.markdown]


def test_opening_a_target_shows_its_clause_with_the_figure_in_bold(app, warehouse):
    at = app()
    at.selectbox(key="target-pick").select(0).run()
    span = table(at, "span_text")["span_text"].iloc[0]
    assert any(f"**{present.escape_markdown(span)}**".lower() in m.value.lower() for m in at.markdown)


def test_opening_a_topic_lists_its_clauses_with_the_matched_words_in_bold(app, warehouse):
    at = app()
    doc_id = at.selectbox(key="doc").value
    topic = at.selectbox(key="topic").options[0]
    at.selectbox(key="topic").select_index(0).run()
    n = sql_count(
        warehouse,
        "select count(*) from main.fct_topics where doc_id = ? and topic_label = ?",
        [doc_id, topic.rsplit(" (", 1)[0]],
    )
    assert len(at.expander) == n > 0
    assert all("**" in m.value for e in at.expander for m in e.markdown[:1])


def test_the_stance_view_counts_every_lead_verb(app, warehouse):
    at = app()
    doc_id = at.selectbox(key="doc").value
    n = sql_count(warehouse, "select count(*) from main.fct_verbs where doc_id = ? "
                             "and verb_role in ('lead', 'secondary_lead')", [doc_id])
    assert len(table(at, "verb_text")) == n
    at.segmented_control(key="stance").set_value("negative").run()
    neg = sql_count(warehouse, "select count(*) from main.fct_verbs where doc_id = ? and stance = 'negative' "
                               "and verb_role in ('lead', 'secondary_lead')", [doc_id])
    assert len(table(at, "verb_text")) == neg


def test_the_lineage_view_shows_both_documents_clauses_side_by_side(app, warehouse):
    db = warehouse / "warehouse.duckdb"
    at = app()
    pairs = queries.lineage_pairs(db)
    if pairs.is_empty():
        assert any("fct_clause_lineage" in i.value for i in at.info)
        return
    cur, old = at.selectbox(key="lineage-doc").value, at.selectbox(key="lineage-old").value
    for label in ("verbatim", "modified", "new"):
        n = sql_count(warehouse, "select count(*) from main.fct_clause_lineage where doc_id = ? "
                                 "and matched_doc_id = ? and label = ?", [cur, old, label])
        assert metrics(at)[label.capitalize()] == str(n)
    rows = table(at, "matched_text")
    assert {"text", "matched_text", "label", "change_kind"} <= set(rows.columns)
    modified = [i for i, lab in enumerate(rows["label"]) if lab == "modified"]
    if modified:
        at.selectbox(key="lineage-pick").select(modified[0]).run()
        values = [m.value for m in at.markdown]
        assert present.escape_markdown(rows["text"].iloc[modified[0]]) in values
        assert present.escape_markdown(rows["matched_text"].iloc[modified[0]]) in values


def test_without_the_lineage_mart_the_other_views_still_work(app, warehouse, tmp_path):
    copy = copy_warehouse(warehouse, tmp_path / "wh")
    con = duckdb.connect(str(copy / "warehouse.duckdb"))
    con.execute("drop table if exists main.fct_clause_lineage")
    con.close()
    at = app(copy)
    assert not at.exception
    assert any("fct_clause_lineage" in i.value for i in at.info)
    assert metrics(at)["Commitments"] != "0"


def test_a_missing_warehouse_says_how_to_build_one(app, tmp_path):
    at = app(tmp_path)
    assert "make run" in at.error[0].value


def test_a_newly_published_file_shows_on_the_next_rerun(app, warehouse, tmp_path):
    copy = copy_warehouse(warehouse, tmp_path / "wh")
    at = app(copy)
    doc_id = at.selectbox(key="doc").value
    before = int(metrics(at)["Commitments"])
    # publish a new file the way the pipeline does: build elsewhere, then os.replace
    staged = tmp_path / "staged.duckdb"
    shutil.copy2(copy / "warehouse.duckdb", staged)
    con = duckdb.connect(str(staged))
    con.execute("delete from main.fct_commitments where commitment_id in "
                "(select commitment_id from main.fct_commitments where doc_id = ? limit 1)", [doc_id])
    con.close()
    os.replace(staged, copy / "warehouse.duckdb")
    at.run()
    assert metrics(at)["Commitments"] == str(before - 1)


def test_the_app_keeps_no_connection_open_after_a_run(app, warehouse, tmp_path):
    copy = copy_warehouse(warehouse, tmp_path / "wh")
    at = app(copy)
    at.selectbox(key="commitment-pick").select(0).run()
    # DuckDB refuses a read-write connection in a process that still holds a read-only one on the file
    con = duckdb.connect(str(copy / "warehouse.duckdb"))
    con.execute("create table main.written_after_the_app as select 1 as x")
    con.close()
