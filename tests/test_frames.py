"""The raw-table frames keep the column contract the dbt sources read."""

from parsing_helpers import RAW_DIR

from pipelines.frames import (
    RAW_CLAUSES_SCHEMA,
    RAW_DOCUMENTS_SCHEMA,
    RAW_PARSE_ISSUES_SCHEMA,
    clauses_frame,
    documents_frame,
    issues_frame,
)
from pipelines.parsing import parse_bytes


def parsed():
    return [d for p in sorted(RAW_DIR.iterdir()) for d in parse_bytes(p.read_bytes(), p.name)]


def test_frames_have_exactly_the_contract_columns_and_types():
    docs = parsed()
    for frame, schema in ((documents_frame(docs), RAW_DOCUMENTS_SCHEMA), (clauses_frame(docs), RAW_CLAUSES_SCHEMA),
                          (issues_frame(docs), RAW_PARSE_ISSUES_SCHEMA)):
        assert dict(frame.schema) == schema


def test_clause_and_issue_spans_index_the_document_source_text():
    docs = parsed()
    sources = {row["doc_id"]: row["source_text"] for row in documents_frame(docs).iter_rows(named=True)}
    for row in clauses_frame(docs).iter_rows(named=True):
        window = sources[row["doc_id"]][row["char_start"]:row["char_end"]]
        assert row["text"].split()[-1].strip("*;:.") in window, row["clause_ref"]
    for row in issues_frame(docs).iter_rows(named=True):
        assert 0 <= row["char_start"] <= row["char_end"] <= len(sources[row["doc_id"]])


def test_empty_input_gives_empty_frames_with_the_contract_columns():
    assert documents_frame([]).columns == list(RAW_DOCUMENTS_SCHEMA)
    assert clauses_frame([]).height == 0 and issues_frame([]).columns == list(RAW_PARSE_ISSUES_SCHEMA)
