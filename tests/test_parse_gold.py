"""The two seed documents parse to the gold annotation, field by field."""

import pytest
from parsing_helpers import RAW_DIR, load_gold, norm

from pipelines.parsing import parse_bytes

GOLD = load_gold()
DOC_FIELDS = ["doc_type", "number", "title", "adopted_on", "adopted_by", "session", "place"]
CLAUSE_FIELDS = ["kind", "marker_as_written", "letter_inferred", "lead_phrase", "lemma", "intensifier",
                 "secondary_leads", "addressee", "lead_verb", "text"]


@pytest.fixture(scope="module")
def parsed():
    out = {}
    for doc_id, gold in GOLD.items():
        docs = parse_bytes((RAW_DIR / gold["source_file"]).read_bytes(), gold["source_file"])
        assert len(docs) == 1
        out[doc_id] = docs[0]
    return out


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_document_id_is_the_slugged_file_stem(parsed, doc_id):
    assert parsed[doc_id].document.doc_id == doc_id


@pytest.mark.parametrize("doc_id,field", [(d, f) for d in sorted(GOLD) for f in DOC_FIELDS])
def test_document_metadata_matches_gold(parsed, doc_id, field):
    expected = norm(GOLD[doc_id]["document"][field])
    got = norm(getattr(parsed[doc_id].document, field))
    if field == "title":
        expected, got = expected.casefold(), (got or "").casefold()
    assert got == expected


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_clause_refs_match_gold_in_order(parsed, doc_id):
    assert [c.ref for c in parsed[doc_id].clauses] == [c["ref"] for c in GOLD[doc_id]["clauses"]]


@pytest.mark.parametrize(
    "doc_id,ref,field",
    [(d, c["ref"], f) for d in sorted(GOLD) for c in GOLD[d]["clauses"] for f in CLAUSE_FIELDS if f in c],
)
def test_clause_field_matches_gold(parsed, doc_id, ref, field):
    gold_clause = next(c for c in GOLD[doc_id]["clauses"] if c["ref"] == ref)
    mine = {c.ref: c for c in parsed[doc_id].clauses}[ref].as_dict()
    expected, got = norm(gold_clause[field]), norm(mine[field])
    if field == "secondary_leads":
        expected, got = sorted(x.lower() for x in expected), sorted(x.lower() for x in got)
    assert got == expected


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_every_clause_span_points_at_its_text_in_the_source(parsed, doc_id):
    source = (RAW_DIR / GOLD[doc_id]["source_file"]).read_text(encoding="utf-8")
    for clause in parsed[doc_id].clauses:
        window = source[clause.char_start:clause.char_end]
        first_words = clause.text.split()[:2]
        for word in first_words:
            assert word.strip("*") in window.replace("**", ""), (clause.ref, word, window[:80])
        # the origin map sends every clean character back inside the clause span
        assert all(clause.char_start <= o < clause.char_end for o in clause.text_origin)
