"""The MinHash index of clauses lineage searches (pipelines/facts/lineage_index.py)."""

from __future__ import annotations

import numpy as np

from pipelines.facts.lineage_index import BANDS, BUCKET_KEEP, ClauseIndex, band_keys, signatures
from pipelines.facts.similarity import content_words

TEXTS = [
    "calls on member states to raise defence spending to two per cent of gross domestic product",
    "calls on member states to raise defence spending to two per cent of national income",
    "welcomes the accession of Finland and Sweden to the Alliance",
    "urges the governments to support Ukraine with air defence systems",
]


def _words(texts):
    return [content_words(t) for t in texts]


def test_a_bucket_keeps_its_most_recent_clauses_and_ranks_by_shared_bands_then_recency():
    words = _words(TEXTS[:1])
    sig = signatures(words)
    index = ClauseIndex()
    for doc_pos in range(BUCKET_KEEP + 3):  # the same clause in every document: one set of buckets
        index.add(doc_pos, sig, words)
    found = index.candidates(sig[0], limit=BUCKET_KEEP + 3)
    newest = BUCKET_KEEP + 2
    assert found == [(newest - k, 0) for k in range(BUCKET_KEEP)]  # the oldest ones fell out
    assert index.candidates(sig[0], limit=2) == found[:2]


def test_candidates_share_bands_with_the_query_most_first():
    words = _words(TEXTS)
    sigs = signatures(words)
    index = ClauseIndex()
    index.add(0, sigs, words)
    found = index.candidates(sigs[1], limit=4)
    assert found and found[0] == (0, 1)  # itself first: all its bands
    shared = {c: sum(a == b for a, b in zip(band_keys(sigs[c]), band_keys(sigs[1]), strict=True)) for _, c in found}
    assert list(shared.values()) == sorted(shared.values(), reverse=True) and min(shared.values()) >= 1
    assert (0, 2) not in found  # nothing in common with Finland and Sweden
    empty = np.full_like(sigs[0], np.iinfo(np.uint64).max)
    assert index.candidates(empty, limit=4) == []


def test_stored_bands_fill_the_index_as_adding_the_documents_does():
    words = _words(TEXTS)
    sigs = signatures(words)
    added, loaded = ClauseIndex(), ClauseIndex()
    entries = []
    for doc_pos in range(6):
        added.add(doc_pos, sigs, words)
        entries += [(band, key, doc_pos, clause_pos) for clause_pos, sig in enumerate(sigs)
                    for band, key in enumerate(band_keys(sig))]
    loaded.load(entries)
    for sig in sigs:
        assert loaded.candidates(sig, limit=10) == added.candidates(sig, limit=10)
    assert len(band_keys(sigs[0])) == BANDS
