"""Docs: every mart column described, the analyses run against a real warehouse, the guide is current."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest
import yaml
from dashboard_helpers import ROOT

from pipelines.dashboard import queries
from pipelines.report import guide

MARTS_DIR = ROOT / "dbt_project" / "models" / "marts"
ANALYSES = guide.load_analyses()


def documented_models() -> dict[str, dict]:
    """Model name -> its yml entry, from every yml file under models/marts/."""
    out = {}
    for path in sorted(MARTS_DIR.rglob("*.yml")):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", []) or []:
            out[model["name"]] = model
    return out


def mart_models() -> list[str]:
    """Models under models/marts/ that publish a mart (fct_, dim_, mart_); intermediates are excluded."""
    return sorted(p.stem for p in MARTS_DIR.rglob("*") if p.suffix in {".sql", ".py"}
                  and p.stem.startswith(queries.MART_PREFIXES))


@pytest.fixture(scope="module")
def warehouse(published_warehouse) -> Path:
    return published_warehouse


@pytest.mark.parametrize("model", mart_models())
def test_every_mart_and_each_of_its_columns_has_a_description(model):
    entry = documented_models().get(model)
    assert entry is not None, f"{model} has no entry in a yml file under models/marts/"
    assert (entry.get("description") or "").strip(), f"{model} has no description"
    columns = entry.get("columns") or []
    assert columns, f"{model} documents no column"
    missing = [c["name"] for c in columns if not (c.get("description") or "").strip()]
    assert not missing, f"{model}: columns without a description: {missing}"


def test_every_column_of_every_mart_in_the_warehouse_is_documented(warehouse):
    db = warehouse / "warehouse.duckdb"
    models = documented_models()
    problems = []
    with queries.read_only(db) as con:
        for table in queries.mart_tables(db):
            actual = [r[0] for r in con.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'main' and table_name = ? order by ordinal_position", [table]
            ).fetchall()]
            documented = {c["name"]: (c.get("description") or "").strip()
                          for c in (models.get(table) or {}).get("columns") or []}
            undocumented = [c for c in actual if not documented.get(c)]
            if undocumented:
                problems.append(f"{table}: {undocumented}")
    assert not problems, "mart columns without a description in the yml:\n" + "\n".join(problems)


def test_there_are_ten_analyses_each_with_a_question():
    assert len(ANALYSES) == 10
    assert all(a.question.endswith("?") for a in ANALYSES)
    assert len({a.question for a in ANALYSES}) == 10


@pytest.mark.parametrize("analysis", ANALYSES, ids=[a.name for a in ANALYSES])
def test_each_analysis_runs_against_the_warehouse_and_answers(analysis, warehouse):
    db = warehouse / "warehouse.duckdb"
    missing = sorted(set(analysis.refs) - set(queries.mart_tables(db)))
    assert not missing, f"{analysis.name} needs marts the warehouse does not have: {missing}"
    answer = guide.run(db, analysis)
    assert answer.width > 0
    assert answer.height > 0, f"{analysis.name} returns no row on the sample documents"


def test_analyses_use_only_ref_and_compile_to_plain_mart_names():
    for a in ANALYSES:
        assert "{{" not in a.sql and a.refs, a.name
        for ref in a.refs:
            assert re.search(rf"\b(from|join) {ref}\b", a.sql), f"{a.name}: {ref} not compiled to its plain name"
    with pytest.raises(ValueError):
        guide.compile_refs("select * from {{ source('raw', 'raw_clauses') }}")
    with pytest.raises(ValueError):
        guide.compile_refs("{% set x = 1 %} select 1")


def test_the_guide_shows_every_analysis_with_its_sql():
    text = guide.GUIDE_PATH.read_text(encoding="utf-8")
    for a in ANALYSES:
        assert f"{a.question}" in text, a.name
        assert guide.sql_body(a) in text, f"the SQL of {a.name} in the guide is not the file's"


def guide_sql_blocks() -> list[str]:
    return re.findall(r"^```sql\n(.*?)^```", guide.GUIDE_PATH.read_text(encoding="utf-8"), re.M | re.S)


def test_every_sql_block_of_the_guide_runs_as_printed_in_duckdb(warehouse):
    # as a reader pastes them into `duckdb -readonly warehouse.duckdb`: the file opened read-only, nothing
    # set up before, one statement per block
    blocks = guide_sql_blocks()
    assert len(blocks) > len(ANALYSES)  # the ten analyses and the recipes' queries
    con = duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True)
    try:
        for sql in blocks:
            assert "{{" not in sql and "{%" not in sql, sql
            try:
                rows = con.execute(sql).fetchall()
            except duckdb.Error as exc:
                raise AssertionError(f"a query of the guide fails as printed: {exc}\n{sql}") from exc
            assert rows, f"a query of the guide returns nothing on the sample documents:\n{sql}"
    finally:
        con.close()


def test_the_guides_answers_are_what_the_warehouse_says(warehouse):
    text = guide.GUIDE_PATH.read_text(encoding="utf-8")
    fresh = guide.replace_block(text, guide.render_answers(warehouse / "warehouse.duckdb"))
    assert fresh == text, "docs/analyst-guide.md answers are stale: run `make docs`"


def test_the_guide_has_a_tried_recipe_for_each_tool():
    text = guide.GUIDE_PATH.read_text(encoding="utf-8")
    assert "duckdb -readonly warehouse/warehouse.duckdb" in text
    assert "duckdb:////absolute/path/to/warehouse/warehouse.duckdb?access_mode=read_only" in text
    for heading in ("### DuckDB CLI", "### Apache Superset", "### Metabase", "### Evidence"):
        section = text.split(heading, 1)[1].split("\n### ", 1)[0]
        assert re.search(r"\b(Tried|Not tried|Tested)\b", section), f"{heading} does not say what was tried"
    # the one BI tool a test runs (tests/test_bi_superset.py) says so in its heading; the others say they are not
    assert "### Apache Superset (tested: `make bi`)" in text
    assert "### Metabase (not tried)" in text and "### Evidence (connector tried, the app not built)" in text


def test_a_read_only_connection_refuses_writes(warehouse):
    # the connection every recipe asks for: reading works, writing is refused
    con = duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) from main.dim_documents").fetchone()[0] > 0
        with pytest.raises(duckdb.Error):
            con.execute("create table main.written as select 1")
    finally:
        con.close()


def test_dbt_docs_open_on_the_warehouse_overview(warehouse, tmp_path):
    from pipelines.report.docs import dbt_docs_generate

    site = dbt_docs_generate(warehouse / "warehouse.duckdb", target_path=tmp_path / "target")
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text(encoding="utf-8"))
    overview = manifest["docs"]["doc.resolution_warehouse.__overview__"]["block_contents"]
    for words in ("## Layers", "## The main facts", "docs/glossary.md", "schema `seeds`", "fct_commitments"):
        assert words in overview, words
    # the one-file site carries it (dbt's default landing text is replaced by it)
    html = site.read_text(encoding="utf-8")
    assert "Words with one meaning" in html and "resolution-warehouse" in html


GLOSSARY = ROOT / "docs" / "glossary.md"


def test_the_glossary_defines_each_term_once_and_the_readme_and_guide_link_it():
    text = GLOSSARY.read_text(encoding="utf-8")
    terms = re.findall(r"^\| \*\*(.+?)\*\* \|", text, re.M)
    assert {"continuation", "not a continuation", "new", "verbatim", "modified", "carried over",
            "dropped"} <= set(terms)
    assert len(terms) == len(set(terms)), "a term defined twice"
    assert "(docs/glossary.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(glossary.md)" in guide.GUIDE_PATH.read_text(encoding="utf-8")


def test_the_glossarys_columns_exist_in_the_warehouse(warehouse):
    text = GLOSSARY.read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:fct|dim|mart)_[a-z_]+)\.([a-z_]+)", text))
    assert named
    with queries.read_only(warehouse / "warehouse.duckdb") as con:
        actual = set(con.execute("select table_name, column_name from information_schema.columns "
                                 "where table_schema = 'main'").fetchall())
    assert named <= actual, f"the glossary names columns the warehouse does not have: {sorted(named - actual)}"


@pytest.mark.parametrize("path", ["README.md", "docs/analyst-guide.md", "docs/glossary.md",
                                  "pipelines/dashboard/app.py", "pipelines/dashboard/charts.py",
                                  "pipelines/dashboard/queries.py", "pipelines/report/build.py",
                                  "bi/superset/dashboard/datasets/warehouse/commitments.yaml"])
def test_no_doc_or_dashboard_names_a_column_the_warehouse_does_not_have(path):
    assert "new_or_continuing" not in (ROOT / path).read_text(encoding="utf-8")
    assert "new or continuing" not in (ROOT / path).read_text(encoding="utf-8")
