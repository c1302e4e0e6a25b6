"""Clause lineage across documents: for each clause of a document, its closest counterpart in an earlier one.

Successive resolutions reorder, split, merge and reword clauses, so matching is by content only: the
position of a clause never enters the score and the result does not depend on the order of the input
rows. A clause is compared with the clauses of its own family (preambular, or call to action:
operative and sub_operative) and takes the best score (pipelines/facts/similarity.py); several clauses
may take the same earlier clause (a clause split in two).

Labels: ``verbatim`` when the texts are equal after normalisation (case, whitespace, quote style, final
punctuation) and neither the lead strength nor the addressee changed; ``modified`` when the similarity
is at least ``MODIFIED_THRESHOLD``, with a change kind (pipelines/facts/changes.py); ``new`` otherwise
(the row keeps the best similarity found, without a matched clause).

``MODIFIED_THRESHOLD = 46``, measured (tests/test_lineage.py keeps the synthetic pairs):
- 494 -> 496 (the two sample documents, as parsed): clauses that are not the same statement score at
  most 44.8 against their best candidate (496.26.s, which shares only names with 494.18.d); the lowest
  restatements score 49.3 (496.9 rewording 494.3), 49.1 (496.2 reusing 494.9) and 47.9 (496.22, a
  loose rewrite of 494.14 on the same subject);
- pairs written for calibration (an earlier and a later resolution of 16 and 20 clauses with verbatim
  copies, rewrites and new clauses on the same topics, plus clauses that share only a figure for
  another purpose): unrelated best candidates score at most 43.9, the heaviest rewrite 51.6.
46 sits in both gaps. ``TARGET_ANCHOR_BONUS = 10`` (similarity.py) lifts a rewrite that keeps its goal:
494.18.c -> 496.26.d scores 48.4 without it and 58.4 with it.
"""

from __future__ import annotations

import logging
import math
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import polars as pl
from rapidfuzz import fuzz
from threadpoolctl import threadpool_limits

from pipelines import pools
from pipelines.facts.changes import classify
from pipelines.facts.lineage_index import ClauseIndex, clause_position_key, signatures
from pipelines.facts.similarity import (
    LSH_MIN_PAIRS,
    PreparedClause,
    best_matches,
    candidate_pairs,
    content_words,
    family,
    idf_weights,
    prepare,
    similarity,
)

MODIFIED_THRESHOLD = 46.0
_log = logging.getLogger(__name__)

LABELS = ("verbatim", "modified", "new")
CHANGE_KINDS = ("strengthened", "weakened", "target_changed", "addressee_changed", "rephrased")


@dataclass(frozen=True)
class LineageRow:
    doc_id: str
    clause_ref: str
    matched_doc_id: str
    matched_clause_ref: str | None
    similarity: float
    label: str
    change_kind: str | None
    change_detail: str | None


def _match_pair(current: list[PreparedClause], earlier: list[PreparedClause], use_lsh: bool | None):
    """Yield (clause, best earlier clause or None, score) for every current clause."""
    allowed = None
    if use_lsh or (use_lsh is None and len(current) * len(earlier) > LSH_MIN_PAIRS):
        allowed = np.zeros((len(current), len(earlier)), dtype=bool)
        for i, js in candidate_pairs(current, earlier, True).items():
            allowed[i, list(js)] = True
    for cur, (top, tied) in zip(current, best_matches(current, earlier, idf_weights(current + earlier), allowed),
                                strict=True):
        if not tied:
            yield cur, None, 0.0
            continue
        # On a tie (a clause contained in two earlier ones scores 99.9 against both) the closer full
        # text wins, then the smaller reference, so the input order never matters.
        j = tied[0] if len(tied) == 1 else min(
            tied,
            key=lambda k: (-fuzz.ratio(cur.norm, earlier[k].norm), clause_position_key(earlier[k].row["clause_ref"])),
        )
        yield cur, earlier[j], top


def _row(cur: PreparedClause, match: PreparedClause | None, score: float, matched_doc: str) -> LineageRow:
    score = round(score, 1)
    doc_id = cur.row["doc_id"]
    if match is None or score < MODIFIED_THRESHOLD:
        return LineageRow(doc_id, cur.row["clause_ref"], matched_doc, None, score, "new", None, None)
    label, change, detail = classify(cur, match)
    return LineageRow(doc_id, cur.row["clause_ref"], matched_doc, match.row["clause_ref"], score, label, change, detail)


def match_clauses(
    current: Iterable[Mapping], earlier: Iterable[Mapping], *, use_lsh: bool | None = None
) -> list[LineageRow]:
    """Lineage rows of every clause of ``current`` against each document found in ``earlier``.

    Rows are mappings with doc_id, clause_ref, kind, text, lemma, intensifier, addressee, strength and
    targets (the TargetMention of the text, in text order); missing keys count as null. ``earlier`` may
    hold several documents: each gets its own rows (one per current clause), scored with word weights
    from that document pair only, so adding a third document never changes the lineage between the
    first two. ``use_lsh`` forces (True) or disables (False) the MinHash candidate filter; by default it
    is used above ``LSH_MIN_PAIRS`` pairs. With the filter, a clause without any candidate is new with
    similarity 0 (its best score is not computed).
    """
    cur_rows = sorted(current, key=lambda r: (str(r["doc_id"]), clause_position_key(r["clause_ref"])))
    by_doc: dict[str, list[Mapping]] = defaultdict(list)
    for r in earlier:
        by_doc[str(r["doc_id"])].append(r)
    out: list[LineageRow] = []
    cur_by_doc: dict[str, list[Mapping]] = defaultdict(list)
    for r in cur_rows:
        cur_by_doc[str(r["doc_id"])].append(r)
    for doc_id, rows in sorted(cur_by_doc.items()):
        cur = prepare(rows)
        for old_doc, old_rows in sorted(by_doc.items()):
            if old_doc == doc_id:
                continue
            old = prepare(_in_clause_order(old_rows))
            out.extend(_row(c, match, score, old_doc) for c, match, score in _match_pair(cur, old, use_lsh))
    return out


def document_order(documents: Iterable[Mapping], key: str = "doc_sequence") -> list[str]:
    """doc_ids in the order dim_documents gives them (``key``: doc_sequence within a series, or
    corpus_sequence), the one owner of the rule; doc_id breaks ties of documents from several series."""
    return [str(d["doc_id"]) for d in sorted(documents, key=lambda d: (d[key], str(d["doc_id"])))]


# The rows corpus_lineage and stored_lineage give (fct_clause_lineage before its keys): a frame, not one
# Python object per row, so a long series' rows take columnar memory, not dicts'.
LINEAGE_SCHEMA = {
    "doc_id": pl.String,
    "clause_ref": pl.String,
    "comparison": pl.String,
    "doc_sequence": pl.Int32,
    "matched_doc_id": pl.String,
    "matched_doc_sequence": pl.Int32,
    "documents_apart": pl.Int32,
    "matched_clause_ref": pl.String,
    "similarity": pl.Float64,
    "label": pl.String,
    "change_kind": pl.String,
    "change_detail": pl.String,
}
_FRAME_EVERY = 50_000  # rows the walk holds as tuples before it packs them into a frame
ANCESTOR_CANDIDATES = 2  # earlier clauses scored exactly per clause in the corpus-wide search
# A clause that restates its predecessor's counterpart this closely has its lineage already: the search
# further back (the costly part of a large build) is for new and loosely related clauses.
SEARCH_BELOW = 80.0
COMPARISONS = ("previous_document", "closest_earlier")


def _pair_idf(a: PreparedClause, b: PreparedClause, counts_a: tuple[Counter, int],
              counts_b: tuple[Counter, int]) -> dict[str, float]:
    """IDF weights of the two clauses' words over their two documents (as ``idf_weights`` of the pair
    would give them), for those words only: the corpus-wide search scores a clause against a few
    clauses of many documents, and a table per document pair would cost more than the scores."""
    (df_a, n_a), (df_b, n_b) = counts_a, counts_b
    total = n_a + n_b + 1
    return {w: math.log(total / (df_a.get(w, 0) + df_b.get(w, 0) + 0.5)) for w in a.words | b.words}


PARALLEL_FROM = 200  # documents to compute; below this a second process costs more than it saves


def corpus_lineage(
    documents: Iterable[Mapping],
    clauses: Iterable[Mapping],
    *,
    use_lsh: bool | None = None,
    only: Iterable[str] | None = None,
    workers: int | None = None,
    order_key: str = "doc_sequence",
) -> pl.DataFrame:
    """Lineage of the corpus in ``document_order``: per clause of every document but the first,
    - one ``previous_document`` row: its best counterpart in the document right before it (every pair
      scored, as ``match_clauses``), with documents_apart = 1;
    - one ``closest_earlier`` row when the previous-document score is below ``SEARCH_BELOW`` and a
      document further back holds a better counterpart (at least ``MODIFIED_THRESHOLD`` and above the
      previous-document score): a clause dropped and taken up again, or carried over from another
      series. Found with a MinHash index over every earlier
      clause (lineage_index.py), so each clause costs the same whatever the corpus size; approximate
      (it can miss a counterpart whose word sets overlap by less than about a third).
    Work grows linearly with the number of documents. ``only`` restricts the output to those doc_ids
    (the index is still filled from every earlier document, so their rows are the same as in a full
    run): what an incremental build recomputes. Rows (``LINEAGE_SCHEMA``): the LineageRow fields plus
    comparison, doc_sequence, matched_doc_sequence and documents_apart, in document order, then clause
    reference, the previous-document row before the closest-earlier one.

    From ``PARALLEL_FROM`` documents on, the documents are dealt to ``workers`` processes (a
    ``ProcessPoolExecutor``; default: up to 2, the cores of the reference machine); every process builds
    the same index, so the rows are those of one process.
    """
    documents, clauses = list(documents), list(clauses)
    order = document_order(documents, order_key)
    only = None if only is None else {str(x) for x in only}  # read once: it may be a generator
    wanted = order if only is None else [d for d in order if d in only]
    workers = min(2, os.cpu_count() or 1) if workers is None else workers
    if workers < 2 or len(wanted) < PARALLEL_FROM:
        return _corpus_lineage(documents, clauses, use_lsh, only, order_key)
    # contiguous runs of the series: a document's predecessor is in its own run, so each process
    # prepares only its share of the corpus (the index needs just the words of the documents before);
    # the runs' rows, one after another, are in document order
    size = -(-len(wanted) // workers)
    stripes = [wanted[k * size:(k + 1) * size] for k in range(workers)]
    # the dbt Python model runs in dbt's worker threads: a spawned pool (pipelines/pools.py), no fork
    with pools.spawned_pool(len(stripes) - 1) as pool:
        with pools.without_the_parents_main():
            futures = [pool.submit(_corpus_lineage, documents, clauses, use_lsh, stripe, order_key)
                       for stripe in stripes[1:]]
        frames = [_corpus_lineage(documents, clauses, use_lsh, stripes[0], order_key)]
        for stripe, future in zip(stripes[1:], futures, strict=True):
            try:
                frames.append(future.result())
            except BrokenProcessPool as exc:  # a worker died (out of memory): its share is done here
                _log.warning("lineage worker died (%s): %d documents computed in the build process", exc,
                             len(stripe))
                frames.append(_corpus_lineage(documents, clauses, use_lsh, stripe, order_key))
    return pl.concat(frames)


def _corpus_lineage(
    documents: list[Mapping],
    clauses: list[Mapping],
    use_lsh: bool | None,
    only: Iterable[str] | None,
    order_key: str = "doc_sequence",
) -> pl.DataFrame:
    order = document_order(documents, order_key)
    known = set(order)
    by_doc: dict[str, list[Mapping]] = defaultdict(list)
    for c in clauses:
        if str(c["doc_id"]) in known:
            by_doc[str(c["doc_id"])].append(c)
    with_clauses = [d for d in order if by_doc.get(d)]
    source = _ClauseSource.holding(by_doc)
    wanted = None if only is None else {str(d) for d in only}
    return _walk(documents, order, with_clauses, source, ClauseIndex(), 0, wanted, use_lsh)


class LineageStore(Protocol):
    """Where ``stored_lineage`` reads the corpus from (the warehouse: pipelines/facts/lineage_store.py)."""

    def documents_with_clauses(self, doc_ids: list[str]) -> set[str]: ...

    def clause_rows(self, doc_ids: list[str]) -> list[Mapping]:
        """The clause rows of these documents (the fields ``match_clauses`` describes)."""

    def bucket_entries(self, query_docs: list[str], earlier: Mapping[str, int]) -> list[tuple[int, bytes, int, int]]:
        """For every bucket a clause of ``query_docs`` falls in: its ``BUCKET_KEEP`` most recent entries
        among the ``earlier`` documents (doc_id -> position), as (band, band_key, document position,
        clause position), oldest first."""


def stored_lineage(
    documents: Iterable[Mapping],
    store: LineageStore,
    wanted: Iterable[str],
    *,
    use_lsh: bool | None = None,
    order_key: str = "doc_sequence",
) -> pl.DataFrame:
    """The rows ``corpus_lineage(documents, clauses, only=wanted)`` gives, reading from ``store`` only what
    they need: the clauses of the wanted documents and of the two before the first of them, the index
    buckets those clauses fall in, and the documents holding a candidate. A new document at the end of a
    series costs its own clauses, whatever the size of the corpus."""
    documents = list(documents)
    order = document_order(documents, order_key)
    having = store.documents_with_clauses(order)
    with_clauses = [d for d in order if d in having]
    position = {d: i for i, d in enumerate(with_clauses)}
    wanted = {str(d) for d in wanted} & set(position)
    if not wanted:
        return pl.DataFrame(schema=LINEAGE_SCHEMA)
    first = min(position[d] for d in wanted)
    # the loop adds document pos - 2 to the index at position pos: what comes before is loaded
    preloaded = {d: i for d, i in position.items() if i <= first - 3}
    index = ClauseIndex()
    query_docs = [d for d in with_clauses[first:] if d in wanted]
    if preloaded:
        index.load(store.bucket_entries(query_docs, preloaded))
    source = _ClauseSource(store.clause_rows)
    source.fetch(with_clauses[max(0, first - 2):])
    return _walk(documents, order, with_clauses, source, index, first, wanted, use_lsh)


def _in_clause_order(rows: Iterable[Mapping]) -> list[Mapping]:
    """A document's clause rows in reference order (``clause_position_key``), the order the index keeps."""
    return sorted(rows, key=lambda r: clause_position_key(r["clause_ref"]))


class _ClauseSource:
    """Clause rows by document, sorted by reference, fetched in batches and kept once fetched."""

    def __init__(self, fetch_rows):
        self._fetch_rows = fetch_rows
        self._rows: dict[str, list[Mapping]] = {}

    @classmethod
    def holding(cls, by_doc: Mapping[str, list[Mapping]]) -> _ClauseSource:
        """A source of rows already in memory: nothing left to fetch."""
        source = cls(lambda ids: ())
        source._rows = {d: _in_clause_order(rows) for d, rows in by_doc.items()}
        return source

    def fetch(self, doc_ids: Iterable[str]) -> None:
        missing = sorted({d for d in doc_ids if d not in self._rows})
        if not missing:
            return
        by_doc: dict[str, list[Mapping]] = {d: [] for d in missing}
        for r in self._fetch_rows(missing):
            by_doc[str(r["doc_id"])].append(r)
        for d, rows in by_doc.items():
            self._rows[d] = _in_clause_order(rows)

    def __getitem__(self, doc_id: str) -> list[Mapping]:
        return self._rows[doc_id]


def _walk(*args) -> pl.DataFrame:
    """``_walk_rows`` with one BLAS thread: its matrix products are of a document pair's few dozen
    clauses, too small to share, and OpenBLAS's helper threads spin against the other lineage process
    and dbt's threads for the machine's cores (docs/benchmarks.md)."""
    with threadpool_limits(limits=1, user_api="blas"):
        return _walk_rows(*args)


def _walk_rows(
    documents: list[Mapping],
    order: list[str],
    with_clauses: list[str],
    rows_of: _ClauseSource,
    index: ClauseIndex,
    first: int,
    wanted: set[str] | None,
    use_lsh: bool | None,
) -> pl.DataFrame:
    """The lineage rows of the ``wanted`` documents (every one when None) of ``with_clauses``, from
    position ``first`` on; ``index`` holds the documents before ``first - 2``."""
    position = {doc_id: i for i, doc_id in enumerate(order, start=1)}
    seq = {str(d["doc_id"]): d["doc_sequence"] for d in documents}  # the document's own place in its series
    prepared: dict[str, list[PreparedClause]] = {}
    words: dict[str, list[frozenset[str]]] = {}
    frames: list[pl.DataFrame] = []
    pending: list[tuple] = []

    def emit(row: LineageRow, comparison: str) -> None:
        pending.append((row.doc_id, row.clause_ref, comparison, seq[row.doc_id], row.matched_doc_id,
                        seq[row.matched_doc_id], position[row.doc_id] - position[row.matched_doc_id],
                        row.matched_clause_ref, row.similarity, row.label, row.change_kind, row.change_detail))
        if len(pending) >= _FRAME_EVERY:
            pack()

    def pack() -> None:
        frames.append(pl.DataFrame(pending, schema=LINEAGE_SCHEMA, orient="row"))
        pending.clear()

    def features(doc_id: str) -> list[PreparedClause]:
        # all features (goals included) only for the documents scored; the index needs words alone
        if doc_id not in prepared:
            prepared[doc_id] = prepare(rows_of[doc_id])
        return prepared[doc_id]

    def words_of(doc_id: str) -> list[frozenset[str]]:
        if doc_id not in words:
            words[doc_id] = [content_words(r.get("text") or "") for r in rows_of[doc_id]]
        return words[doc_id]

    sigs: dict[str, np.ndarray] = {}

    def signatures_of(doc_id: str) -> np.ndarray:
        # a document is searched from, then added to the index two documents later: signed once
        if doc_id not in sigs:
            sigs[doc_id] = signatures(words_of(doc_id))
        return sigs[doc_id]

    counts = _WordCounts(words_of)
    one_cache: dict[tuple[str, int], PreparedClause] = {}

    def prepared_one(doc_id: str, pos: int, row: Mapping) -> PreparedClause:
        # a recent clause is a candidate for many later ones: prepared once
        key = (doc_id, pos)
        if key not in one_cache:
            one_cache[key] = prepared[doc_id][pos] if doc_id in prepared else prepare([row])[0]
        return one_cache[key]

    for pos in range(first, len(with_clauses)):
        doc_id = with_clauses[pos]
        if pos >= 2:  # the index holds every document before the previous one
            older = with_clauses[pos - 2]
            index.add(pos - 2, signatures_of(older), words_of(older))
            sigs.pop(older, None)  # never asked for again
        if pos == 0 or (wanted is not None and doc_id not in wanted):
            continue
        cur, prev_id = features(doc_id), with_clauses[pos - 1]
        previous = [_row(c, match, score, prev_id) for c, match, score in _match_pair(cur, features(prev_id), use_lsh)]
        # the clauses searched further back, with their candidates: their documents are fetched at once
        search: dict[int, list[tuple[int, int]]] = {}
        if pos >= 2:
            own = signatures_of(doc_id)
            for i, (c, row) in enumerate(zip(cur, previous, strict=True)):
                if row.similarity < SEARCH_BELOW and c.words:
                    search[i] = index.candidates(own[i], ANCESTOR_CANDIDATES)
            rows_of.fetch(with_clauses[doc_pos] for found in search.values() for doc_pos, _ in found)
        for i, (c, row) in enumerate(zip(cur, previous, strict=True)):
            emit(row, "previous_document")
            if i in search:
                better = _closest_earlier(c, search[i], doc_id, with_clauses, rows_of, counts, prepared_one,
                                          floor=max(row.similarity, MODIFIED_THRESHOLD))
                if better is not None:
                    emit(better, "closest_earlier")
    pack()
    return pl.concat(frames)


class _WordCounts:
    """Per document: how many of its clauses hold each word, and its clause count (for pair IDF)."""

    def __init__(self, words_of):
        self._words_of = words_of
        self._cache: dict[str, tuple[Counter, int]] = {}

    def __call__(self, doc_id: str) -> tuple[Counter, int]:
        if doc_id not in self._cache:
            ws = self._words_of(doc_id)
            self._cache[doc_id] = (Counter(w for s in ws for w in s), len(ws))
        return self._cache[doc_id]


def _closest_earlier(c, candidates, doc_id, with_clauses, rows_of, counts, prepared_one, *, floor: float):
    """The best counterpart of ``c`` among the index's ``candidates`` when it scores above ``floor``: ties
    go to the more recent document, then the smaller reference."""
    scored = []
    fam = family(c.row.get("kind"))
    for doc_pos, clause_pos in candidates:
        old_id = with_clauses[doc_pos]
        old_row = rows_of[old_id][clause_pos]
        if family(old_row.get("kind")) != fam:
            continue
        old = prepared_one(old_id, clause_pos, old_row)
        # word weights from this document pair only, as for the previous-document rows
        score = round(similarity(c, old, _pair_idf(c, old, counts(doc_id), counts(old_id))), 1)
        if score > floor:
            scored.append((score, doc_pos, old_id, old))
    if not scored:
        return None
    top = max((score, doc_pos) for score, doc_pos, _, _ in scored)
    _, _, old_id, old = min((x for x in scored if x[:2] == top),
                            key=lambda x: clause_position_key(x[3].row["clause_ref"]))
    label, change, detail = classify(c, old)
    return LineageRow(c.row["doc_id"], c.row["clause_ref"], old_id, old.row["clause_ref"], top[0],
                      label, change, detail)
