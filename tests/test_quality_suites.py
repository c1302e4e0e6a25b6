"""The Great Expectations suites are warehouse invariants: rows the extractors produce from real texts of
the genre meet them, and rows no text can produce fail them."""

import duckdb
import pandas as pd
import pytest

from pipelines.defs.quality import suites
from pipelines.defs.quality.ge import validate_frame
from pipelines.facts.targets import extract_targets


@pytest.fixture()
def empty_raw(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("create schema raw")
    yield con
    con.close()


def targets_frame(texts: list[str]) -> pd.DataFrame:
    rows = []
    for k, text in enumerate(texts, start=1):
        for t in extract_targets(text):
            rows.append({"doc_id": "d", "clause_ref": str(k), "target_kind": t.target_kind, "value": t.value,
                         "char_start": t.text_start, "char_end": t.text_end})
    return pd.DataFrame(rows)


def outcome(frame: pd.DataFrame, con) -> dict[str, bool]:
    rules = [r for r in suites.fct_targets(con, "true") if r.name.endswith("_range")]
    return {r["rule"]: r["success"] for r in validate_frame(frame, rules, "t")["rules"]}


def test_a_debt_ratio_above_100_percent_of_gdp_is_a_valid_share(empty_raw):
    frame = targets_frame(["Notes with concern that public debt exceeds 150% of GDP in several member States;"])
    assert frame["value"].tolist() == [150.0]
    assert all(outcome(frame, empty_raw).values())


def test_a_share_no_text_states_fails_the_suite(empty_raw):
    frame = pd.DataFrame([{"doc_id": "d", "clause_ref": "1", "target_kind": "share_of_gdp", "value": 5000.0,
                           "char_start": 0, "char_end": 5}])
    assert outcome(frame, empty_raw)["share_of_gdp_range"] is False


def _two_documents(path, bad_doc: str):
    """A warehouse file of two documents whose clauses are loaded; ``bad_doc`` has a clause with no text."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema raw")
        con.execute("create table raw.raw_clauses as select * from (values ('a', '1', 'operative'), "
                    "('a', '2', 'operative'), ('b', '1', 'operative')) t(doc_id, clause_ref, kind)")
        con.execute("create table raw.build_scope as select 'b' as doc_id")
        con.execute("create table main.fct_clauses as select doc_id, clause_ref, 1 as ordinal, "
                    "case when doc_id = ? then '' else 'Urges all parties' end as text, 0 as char_start, "
                    "10 as char_end from raw.raw_clauses", [bad_doc])


def test_a_per_document_suite_checks_the_build_scopes_rows_and_counts_them_against_the_same_documents(tmp_path):
    from pipelines.defs.dbt.project import build_scope_filter
    from pipelines.defs.quality.ge import run_suite

    db = tmp_path / "w.duckdb"
    _two_documents(db, bad_doc="a")  # the bad clause is outside the scope: written and checked earlier
    scoped = {r["rule"]: r["success"] for r in run_suite(db, "fct_clauses", build_scope_filter())["rules"]}
    assert all(scoped.values()), scoped  # rows_match_raw_clauses: 1 clause of b in each layer
    whole = {r["rule"]: r["success"] for r in run_suite(db, "fct_clauses")["rules"]}
    assert whole["text_not_empty"] is False and whole["rows_match_raw_clauses"] is True

    other = tmp_path / "v.duckdb"
    _two_documents(other, bad_doc="b")  # the scope's own bad row fails the scoped suite
    scoped = {r["rule"]: r["success"] for r in run_suite(other, "fct_clauses", build_scope_filter())["rules"]}
    assert scoped["text_not_empty"] is False


def test_a_suite_reads_the_columns_its_rules_name_and_those_that_name_a_row(empty_raw):
    from pipelines.defs.quality.ge import columns_read

    columns = ["target_id", "doc_id", "clause_ref", "target_kind", "value", "unit", "span_text", "char_start",
               "char_end", "valued"]
    read = columns_read(suites.fct_targets(empty_raw, "true"), columns)
    # target_kind is named only in row conditions; "valued" merely starts with a column's name
    assert read == ["doc_id", "clause_ref", "target_kind", "value", "char_start", "char_end"]
    assert columns_read([suites.Rule("n", "ExpectTableRowCountToEqual", {"value": 3})], ["a", "b"]) == ["a"]


def test_a_bad_value_under_a_row_condition_fails_the_suite_read_from_the_warehouse(tmp_path):
    from pipelines.defs.quality.ge import run_suite

    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create schema raw")
        con.execute("create table raw.raw_targets as select * from (values ('d'), ('d')) t(doc_id)")
        con.execute("create table main.fct_targets as select * from (values "
                    "('d', '1', 'share_of_gdp', 5000.0, 'far too long a span text', 0, 5), "
                    "('d', '2', 'money', 40.0, 'EUR 40', 0, 6)) "
                    "t(doc_id, clause_ref, target_kind, value, span_text, char_start, char_end)")
    outcome = {r["rule"]: r for r in run_suite(db, "fct_targets")["rules"]}
    assert outcome["share_of_gdp_range"]["success"] is False
    assert outcome["share_of_gdp_range"]["rows"] == [{"value": 5000.0, "doc_id": "d", "clause_ref": "1"}]
    assert outcome["money_positive"]["success"] is True
