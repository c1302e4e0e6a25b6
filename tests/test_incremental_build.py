"""Incremental builds by document: what one run recomputes, and that it publishes what a full rebuild would.

Three real runs on synthetic documents of the genre (benchmarks/corpus.py): a first build of five
documents; then one document changed in the middle of the series and one new document added, built
incrementally; then the same input rebuilt with --full-refresh. Every mart must be equal row for row:
the unchanged documents' rows kept, the changed and new ones recomputed, and the lineage of the
documents after the changed one recomputed (their predecessor or closest counterpart may have moved).
"""

from __future__ import annotations

import re

import pytest

from benchmarks.corpus import generate
from tests.conftest import copy_warehouse, query, run_cli, table_checksums

pytestmark = pytest.mark.slow


# A --full-refresh build starts from an empty warehouse: the version history of the documents starts
# again there, by design, so that mart is the one that may differ.
HISTORY = {"main.dim_document_versions"}


def _main_tables(db):
    return {t: v for t, v in table_checksums(db).items() if t.startswith("main.") and t not in HISTORY}


@pytest.fixture(scope="module")
def incremental_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("incremental")
    raw, wh = base / "raw", base / "warehouse"
    raw.mkdir()
    docs = [(name, data) for name, data, _, _ in generate(6, seed=7, publishable=True)]
    for name, data in docs[:5]:
        (raw / name).write_bytes(data)
    first = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(wh), timeout=900, check_codes={0, 3})
    before = _main_tables(wh / "warehouse.duckdb")
    # change a plain-text document in the middle of the series (its last clause gone) and add a sixth
    name, data = next(d for d in docs[1:4] if d[0].endswith(".txt"))
    text = data.decode("utf-8")
    (raw / name).write_text(text[: text.rstrip().rfind("\n\n")] + "\n", encoding="utf-8")
    (raw / docs[5][0]).write_bytes(docs[5][1])
    second = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(wh), timeout=900, check_codes={0, 3})
    full = copy_warehouse(wh, base / "full")
    third = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(full), "--full-refresh",
                    timeout=900, check_codes={0, 3})
    return {"first": first, "second": second, "third": third, "before": before, "raw": raw, "warehouse": wh,
            "incremental": wh / "warehouse.duckdb", "full": full / "warehouse.duckdb", "changed": name}


@pytest.fixture(scope="module")
def first_document_removed(incremental_run, tmp_path_factory):
    """The oldest document of a series removed from the incremental run's input: every later document
    moves one place up, and the new first one loses its predecessor. Built incrementally, then rebuilt
    with --full-refresh from the same input."""
    import shutil

    base = tmp_path_factory.mktemp("removed")
    raw = base / "raw"
    shutil.copytree(incremental_run["raw"], raw)
    wh = copy_warehouse(incremental_run["warehouse"], base / "warehouse")
    ((series, first_file),) = query(
        wh / "warehouse.duckdb",
        "select series, source_file from main.dim_documents where doc_sequence = 1 "
        "and series = (select series from main.dim_documents group by 1 order by count(*) desc limit 1)")
    (raw / first_file).unlink()
    removed = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(wh), timeout=900, check_codes={0, 3})
    full = copy_warehouse(wh, base / "full")
    rebuilt = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(full), "--full-refresh",
                      timeout=900, check_codes={0, 3})
    return {"removed": removed, "rebuilt": rebuilt, "series": series,
            "incremental": wh / "warehouse.duckdb", "full": full / "warehouse.duckdb"}


def test_first_build_covers_every_document(incremental_run):
    assert "dbt build: every document" in incremental_run["first"].stdout


def test_the_next_build_recomputes_only_the_changed_and_the_new_document(incremental_run):
    out = incremental_run["second"].stdout
    assert re.search(r"dbt build: 2 document\(s\)", out), out[-3000:]
    assert "4 unchanged" in out


def test_incremental_build_publishes_what_a_full_rebuild_publishes(incremental_run):
    assert "dbt build: every document (full refresh requested)" in incremental_run["third"].stdout
    incremental, full = _main_tables(incremental_run["incremental"]), _main_tables(incremental_run["full"])
    assert set(incremental) == set(full)
    differ = sorted(t for t in full if incremental[t] != full[t])
    assert not differ, f"incremental and full builds differ in {differ}"
    # and the build did change something: the changed document lost a clause, a sixth arrived
    assert incremental["main.fct_clauses"] != incremental_run["before"]["main.fct_clauses"]
    assert query(incremental_run["incremental"], "select count(*) from main.dim_documents")[0][0] == 6


def test_removing_the_first_document_of_a_series_publishes_what_a_full_rebuild_publishes(
        first_document_removed):
    built = first_document_removed
    incremental, full = _main_tables(built["incremental"]), _main_tables(built["full"])
    differ = sorted(t for t in full if incremental[t] != full[t])
    assert not differ, f"incremental and full builds differ in {differ}"
    # the new first document of the series is compared with no earlier one
    assert not query(first_document_removed["incremental"],
                     "select * from main.fct_clause_lineage l join main.dim_documents d using (doc_id) "
                     "where d.series = ? and d.doc_sequence = 1 and l.matched_doc_id is not null",
                     [first_document_removed["series"]])


def test_every_test_of_a_per_document_mart_checks_the_build_scope_and_no_other_test_does():
    """dbt_project.yml gives the tests in models/marts/by_document/ the scope's `where` (a test with a
    `where` of its own adds it): the filter dbt compiles, shown in the manifest and dbt docs."""
    from pipelines.defs.dbt.project import build_scope_filter, load_project, per_document_models

    scope = build_scope_filter()
    _, manifest = load_project()
    nodes = manifest["nodes"]
    names = per_document_models(manifest)
    by_document = {key for key, node in nodes.items() if node["resource_type"] == "model" and node["name"] in names}
    assert len(by_document) >= 7
    generic = [node for node in nodes.values()
               if node["resource_type"] == "test" and node.get("attached_node")]
    scoped = [node for node in generic if node["attached_node"] in by_document]
    assert scoped and all(scope in (node["config"].get("where") or "") for node in scoped)
    assert not [node["name"] for node in generic
                if node["attached_node"] not in by_document and scope in (node["config"].get("where") or "")]
