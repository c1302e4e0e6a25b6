"""The MinHash index of clauses lineage searches (pipelines/facts/lineage_index.py): its candidates, one
DuckDB query over band rows, against a reference walk written here."""

from __future__ import annotations

import random
from collections import Counter

import duckdb
import polars as pl
import pytest

from pipelines.facts import lineage_index
from pipelines.facts.lineage_index import BANDS, BUCKET_KEEP, RAW_CLAUSE_BANDS_SCHEMA, bands_frame, candidates

TEXTS = [
    "calls on member states to raise defence spending to two per cent of gross domestic product",
    "calls on member states to raise defence spending to two per cent of national income",
    "welcomes the accession of Finland and Sweden to the Alliance",
    "urges the governments to support Ukraine with air defence systems",
]


def _bands(documents: dict[str, list[tuple[str, str]]]) -> pl.DataFrame:
    frames = [bands_frame(doc_id, clauses) for doc_id, clauses in documents.items()]
    return pl.concat(frames) if frames else pl.DataFrame(schema=RAW_CLAUSE_BANDS_SCHEMA)


def _candidates(documents: dict[str, list[tuple[str, str]]], query_docs=None, limit: int = 2) -> dict:
    """{(query position, query clause): [(document position, clause position), ...]} of the query."""
    positions = {doc_id: i for i, doc_id in enumerate(documents)}
    with duckdb.connect() as con:
        frame = candidates(con, con.from_arrow(_bands(documents).to_arrow()), positions,
                           list(documents) if query_docs is None else query_docs, limit)
    out: dict = {}
    for q_doc, q_clause, doc_pos, clause_pos in frame.iter_rows():
        out.setdefault((q_doc, q_clause), []).append((doc_pos, clause_pos))
    return out


def _reference(documents: dict[str, list[tuple[str, str]]], limit: int) -> dict:
    """The index as a walk: the document at position p searches the buckets holding the documents up to
    p - 2, each bucket keeping its BUCKET_KEEP latest entries; most shared buckets first, then the more
    recent document, then the smaller clause position."""
    rows = _bands(documents).with_columns(
        pl.col("doc_id").replace_strict({d: i for i, d in enumerate(documents)}, return_dtype=pl.Int64).alias("pos"))
    by_doc = {pos: list(group.iter_rows(named=True)) for (pos,), group in rows.group_by("pos")}
    buckets: dict[tuple, list[tuple[int, int]]] = {}
    out = {}
    for pos in range(len(documents)):
        if pos >= 2:
            for r in sorted(by_doc.get(pos - 2, []), key=lambda r: r["clause_position"]):
                kept = buckets.setdefault((r["band"], r["band_key"]), [])
                kept.append((pos - 2, r["clause_position"]))
                del kept[:-BUCKET_KEEP]
        hits: dict[int, Counter] = {}
        for r in by_doc.get(pos, []) if pos >= 2 else []:
            hits.setdefault(r["clause_position"], Counter()).update(buckets.get((r["band"], r["band_key"]), []))
        for clause, counter in hits.items():
            ranked = sorted(counter.items(), key=lambda kv: (-kv[1], -kv[0][0], kv[0][1]))[:limit]
            if ranked:
                out[(pos, clause)] = [entry for entry, _ in ranked]
    return out


def test_a_bucket_keeps_its_most_recent_clauses_and_ranks_by_shared_bands_then_recency():
    # the same clause in every document: one set of buckets
    documents = {f"d{k}": [("1", TEXTS[0])] for k in range(BUCKET_KEEP + 5)}
    found = _candidates(documents, limit=BUCKET_KEEP + 3)
    last = len(documents) - 1
    newest = last - 2  # the index holds every document before the previous one
    assert found[(last, 0)] == [(newest - k, 0) for k in range(BUCKET_KEEP)]  # the oldest ones fell out
    assert _candidates(documents, limit=2)[(last, 0)] == found[(last, 0)][:2]
    assert (0, 0) not in found and (1, 0) not in found  # nothing before the previous document


def test_candidates_share_bands_with_the_query_most_first():
    documents = {"d0": [(str(k + 1), t) for k, t in enumerate(TEXTS)], "d1": [], "d2": [("1", TEXTS[1])]}
    found = _candidates(documents, limit=4)[(2, 0)]
    assert found[0] == (0, 1)  # itself first: all its bands
    assert (0, 2) not in found  # nothing in common with Finland and Sweden
    assert (0, 0) in found  # the same call with another measure of wealth shares bands
    assert len(_bands({"d": [("1", TEXTS[0])]})) == BANDS


def test_a_clause_without_content_words_has_no_candidates():
    documents = {"d0": [("1", TEXTS[0])], "d1": [("1", TEXTS[0])], "d2": [("1", "the of and"), ("2", TEXTS[0])]}
    found = _candidates(documents)
    assert (2, 0) not in found and found[(2, 1)] == [(0, 0)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_query_gives_the_walks_candidates(seed, monkeypatch):
    # a small vocabulary: buckets are shared by many clauses, so the BUCKET_KEEP limit and the ranking matter
    rng = random.Random(seed)
    vocabulary = [f"word{k}" for k in range(30)]
    documents = {
        f"doc{d:03}": [(str(k + 1), " ".join(rng.sample(vocabulary, rng.randint(0, 4))))
                       for k in range(rng.randint(0, 7))]
        for d in range(150)
    }
    expected = _reference(documents, limit=2)
    assert len(expected) > 200
    assert _candidates(documents, limit=2) == expected
    monkeypatch.setattr(lineage_index, "QUERY_CHUNK", 7)  # ranked a few documents at a time
    assert _candidates(documents, limit=2) == expected
    # a few documents asked for: their clauses get what they get when every document is asked for
    some = [f"doc{d:03}" for d in (40, 41, 97, 149)]
    wanted = {k: v for k, v in expected.items() if f"doc{k[0]:03}" in some}
    assert wanted and _candidates(documents, some, limit=2) == wanted
