"""Pure helpers of the dashboard: filters, identifiers, paths and safe Markdown (no warehouse needed)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from pipelines.dashboard import present, queries


@pytest.fixture
def commitments() -> pl.DataFrame:
    return pl.DataFrame({
        "clause_ref": ["1.a", "1.b", "1.c", "2"],
        "strength": [4, 3, None, 4],
        "wording": ["not a continuation", "continuation", "not a continuation", "continuation"],
        "addressee": ["governments", "governments", "parliaments", None],
        "topics": [["Cyber", "Space"], [], ["Defence spending"], ["Cyber"]],
    })


def refs(frame: pl.DataFrame) -> list[str]:
    return frame["clause_ref"].to_list()


def test_no_filter_keeps_every_commitment(commitments):
    assert refs(queries.filter_commitments(commitments)) == ["1.a", "1.b", "1.c", "2"]
    assert refs(queries.filter_commitments(commitments, topics=[], strengths=[], addressees=[])) == \
        ["1.a", "1.b", "1.c", "2"]


@pytest.mark.parametrize("kwargs, expected", [
    ({"topics": ["Cyber"]}, ["1.a", "2"]),
    ({"topics": ["Space", "Defence spending"]}, ["1.a", "1.c"]),
    ({"strengths": [4]}, ["1.a", "2"]),
    ({"strengths": [None]}, ["1.c"]),
    ({"strengths": [3, None]}, ["1.b", "1.c"]),
    ({"wording": "not a continuation"}, ["1.a", "1.c"]),
    ({"wording": "continuation"}, ["1.b", "2"]),
    ({"addressees": ["parliaments"]}, ["1.c"]),
    ({"topics": ["Cyber"], "wording": "continuation", "strengths": [4]}, ["2"]),
    ({"topics": ["Terrorism"]}, []),
])
def test_filters_combine_with_and(commitments, kwargs, expected):
    assert refs(queries.filter_commitments(commitments, **kwargs)) == expected


def test_the_warehouse_dir_is_read_from_the_environment_at_call_time(monkeypatch, tmp_path):
    monkeypatch.delenv("RESOLUTIONS_WAREHOUSE_DIR", raising=False)
    assert queries.warehouse_dir() == queries.PROJECT_ROOT / "warehouse"
    monkeypatch.setenv("RESOLUTIONS_WAREHOUSE_DIR", str(tmp_path))
    assert queries.warehouse_file() == tmp_path / "warehouse.duckdb"
    assert queries.warehouse_dir("elsewhere") == Path("elsewhere").resolve()


def test_the_file_stamp_changes_when_a_new_file_is_moved_in(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    assert queries.file_stamp(db) is None
    db.write_bytes(b"one")
    first = queries.file_stamp(db)
    new = tmp_path / "staged"
    new.write_bytes(b"two")
    new.replace(db)
    assert queries.file_stamp(db) != first


@pytest.mark.parametrize("name", ["fct_clauses", "dim_documents", "mart_topic_trends"])
def test_table_names_are_quoted(name):
    assert queries.quote_identifier(name) == f'"{name}"'


@pytest.mark.parametrize("name", ['x"; drop table y; --', "FCT", "a b", "1abc", "", "fct_ü"])
def test_unexpected_table_names_are_refused(name):
    with pytest.raises(ValueError):
        queries.quote_identifier(name)


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    "costs $5 and $6",
    "*not bold* _not italic_ [not](a link) `not code`",
    "# not a heading\n1. not a list",
])
def test_clause_text_is_escaped_for_markdown(text):
    escaped = present.escape_markdown(text)
    for ch in "<>$*_[]`#":
        assert f"\\{ch}" in escaped or ch not in text
    # removing the escapes gives the text back
    assert escaped.replace("\\", "") == text.replace("\\", "")


def test_a_span_is_bolded_and_the_rest_escaped():
    assert present.highlight("at least 2% of GDP.", 9, 18) == "at least **2% of GDP**\\."
    assert present.highlight("abc", 2, 9) == "abc"  # span out of range: no bold
    assert present.highlight_phrase("Condemning *firmly*", "condemning") == "**Condemning** \\*firmly\\*"
    assert present.highlight_phrase("text", "absent") == "text"


def test_long_fact_labels_are_shortened():
    label = present.fact_option("18.c", "word " * 50, "share_of_gdp")
    assert label.startswith("18.c · share_of_gdp · word") and label.endswith("…")
    assert len(label) < 110
