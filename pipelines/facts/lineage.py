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

import contextlib
import logging
import math
import os
from collections import Counter, OrderedDict, defaultdict, deque
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Protocol

import duckdb
import numpy as np
import polars as pl
from rapidfuzz import fuzz
from threadpoolctl import threadpool_limits

from pipelines import pools
from pipelines.facts.changes import classify
from pipelines.facts.lineage_index import RAW_CLAUSE_BANDS_SCHEMA, bands_frame, candidates, clause_position_key
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


PARALLEL_FROM = 200  # documents to compute; below this worker processes cost more than they save
BATCH_DOCUMENTS = 200  # documents per task: what a process holds at a time is a batch's clauses


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
      series. Found with a MinHash index over every earlier clause (lineage_index.py), so each clause
      costs the same whatever the corpus size; approximate (it can miss a counterpart whose word sets
      overlap by less than about a third).
    Work grows linearly with the number of documents. ``only`` restricts the output to those doc_ids
    (the index still holds every earlier document, so their rows are the same as in a full run): what
    an incremental build recomputes. Rows (``LINEAGE_SCHEMA``): the LineageRow fields plus comparison,
    doc_sequence, matched_doc_sequence and documents_apart, in document order, then clause reference,
    the previous-document row before the closest-earlier one.

    The clause rows are held in memory (``MemoryLineageStore``); ``stored_lineage`` reads them from a
    store instead, in batches.
    """
    return stored_lineage(documents, MemoryLineageStore(clauses), only, use_lsh=use_lsh, workers=workers,
                          order_key=order_key)


class LineageStore(Protocol):
    """Where ``stored_lineage`` reads the corpus from: the warehouse (pipelines/facts/lineage_store.py), or
    rows in memory (``MemoryLineageStore``)."""

    def documents_with_clauses(self, doc_ids: list[str]) -> set[str]: ...

    def clause_rows(self, doc_ids: list[str]) -> list[Mapping]:
        """The clause rows of these documents (the fields ``match_clauses`` describes)."""

    def candidates(self, positions: Mapping[str, int], query_docs: list[str], limit: int) -> pl.DataFrame:
        """``lineage_index.candidates`` over the band rows of the store's clauses."""


class MemoryLineageStore:
    """Clause rows held in memory, their index bands computed from their texts."""

    def __init__(self, clauses: Iterable[Mapping]) -> None:
        self._by_doc: dict[str, list[Mapping]] = defaultdict(list)
        for c in clauses:
            self._by_doc[str(c["doc_id"])].append(c)

    def documents_with_clauses(self, doc_ids: list[str]) -> set[str]:
        return {d for d in doc_ids if self._by_doc.get(d)}

    def clause_rows(self, doc_ids: list[str]) -> list[Mapping]:
        return [r for d in doc_ids for r in self._by_doc.get(d, ())]

    def candidates(self, positions: Mapping[str, int], query_docs: list[str], limit: int) -> pl.DataFrame:
        frames = [bands_frame(d, [(r["clause_ref"], r.get("text")) for r in self._by_doc[d]]) for d in positions]
        bands = pl.concat(frames) if frames else pl.DataFrame(schema=RAW_CLAUSE_BANDS_SCHEMA)
        with duckdb.connect() as con:
            return candidates(con, con.from_arrow(bands.to_arrow()), positions, query_docs, limit)


def stored_lineage(
    documents: Iterable[Mapping],
    store: LineageStore,
    wanted: Iterable[str] | None = None,
    *,
    use_lsh: bool | None = None,
    workers: int | None = None,
    order_key: str = "doc_sequence",
    sink: Callable[[pl.DataFrame], None] | None = None,
) -> pl.DataFrame:
    """The rows of ``corpus_lineage`` for the ``wanted`` documents (every one when None), reading from
    ``store`` batch by batch what each batch needs: its documents' clauses and their predecessors', the
    candidates of the index (one query) and the documents holding them. No process holds the corpus:
    a new document at the end of a series costs its own clauses, whatever the size of the corpus.

    From ``PARALLEL_FROM`` documents on, the batches are dealt to ``workers`` processes (default: up to
    2, the cores of the reference machine); the rows are those of one process.

    With ``sink``, each batch's rows go to it as they are computed (in no set order) and the frame
    returned is empty: the caller writes them away instead of holding a corpus's rows."""
    documents = list(documents)
    order = document_order(documents, order_key)
    having = store.documents_with_clauses(order)
    with_clauses = [d for d in order if d in having]
    position = {d: i for i, d in enumerate(with_clauses)}
    wanted_ids = set(position) if wanted is None else {str(d) for d in wanted} & set(position)
    todo = sorted(position[d] for d in wanted_ids if position[d] > 0)  # the first has nothing before it
    empty = pl.DataFrame(schema=LINEAGE_SCHEMA)
    if not todo:
        return empty
    searched = {d: i for d, i in position.items() if i <= todo[-1]}
    found = store.candidates(searched, [with_clauses[p] for p in todo], ANCESTOR_CANDIDATES)
    sequence = {str(d["doc_id"]): d["doc_sequence"] for d in documents}  # the document's place in its series
    place = {doc_id: i for i, doc_id in enumerate(order, start=1)}

    def batch(positions: list[int], held: _DocumentCache, first: bool) -> _Batch:
        """The batch of ``positions`` for a process whose cache ``held`` mirrors: the rows it lacks."""
        cands = found.filter(pl.col("query_pos").is_between(positions[0], positions[-1]))
        by_clause: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
        for q_doc, q_clause, doc_pos, clause_pos in cands.iter_rows():
            by_clause[(q_doc, q_clause)].append((doc_pos, clause_pos))
        needed = sorted(set(positions) | {p - 1 for p in positions} | set(cands["doc_pos"].to_list()))
        missing = held.missing(needed)
        at = {with_clauses[p]: p for p in missing}
        sent: dict[int, list[Mapping]] = {p: [] for p in missing}
        for r in store.clause_rows(list(at)):
            sent[at[str(r["doc_id"])]].append(r)
        held.take(needed, dict.fromkeys(missing))
        held.trim()
        ids = {p: with_clauses[p] for p in needed}
        return _Batch(positions, needed, {p: _in_clause_order(rs) for p, rs in sent.items()}, ids, dict(by_clause),
                      {d: sequence[d] for d in ids.values()}, {d: place[d] for d in ids.values()}, first)

    workers = min(2, os.cpu_count() or 1) if workers is None else workers
    frames: list[pl.DataFrame] = []
    emit = sink or frames.append
    if workers < 2 or len(todo) < PARALLEL_FROM:
        cache, mirror = _DocumentCache(), _DocumentCache()
        for k in range(0, len(todo), BATCH_DOCUMENTS):
            emit(_batch_rows(batch(todo[k:k + BATCH_DOCUMENTS], mirror, k == 0), use_lsh, cache))
    else:
        # contiguous stripes, one per process, each walked in order: a process's cache keeps the
        # documents its next batches mostly ask for again (the candidates of a series' recent clauses)
        size = -(-len(todo) // workers)
        stripes = [todo[k * size:(k + 1) * size] for k in range(workers)]
        frames = _in_processes([s for s in stripes if s], batch, use_lsh, sink)
    return pl.concat(frames) if frames else empty


CACHED_DOCUMENTS = 2_000  # documents whose clause rows a lineage process keeps between its batches


class _DocumentCache:
    """The clause rows of the documents a lineage process holds between its batches, by position,
    least recently used out first. The process that feeds a worker keeps the same cache without the
    rows and takes the same steps, so it knows what the worker holds and sends only what it lacks."""

    def __init__(self) -> None:
        self._capacity = CACHED_DOCUMENTS
        self._docs: OrderedDict[int, list[Mapping] | None] = OrderedDict()

    def missing(self, needed: list[int]) -> list[int]:
        return [p for p in needed if p not in self._docs]

    def take(self, needed: list[int], sent: Mapping[int, list[Mapping] | None]) -> dict[int, list[Mapping] | None]:
        """Add what was ``sent`` and mark ``needed`` as just used, in order: their rows."""
        for p in needed:
            if p in self._docs:
                self._docs.move_to_end(p)
            else:
                self._docs[p] = sent[p]
        return {p: self._docs[p] for p in needed}

    def trim(self) -> None:
        while len(self._docs) > self._capacity:
            self._docs.popitem(last=False)


_WORKER_CACHE = _DocumentCache()  # a worker process's cache (``_batch_in_worker``)


def _batch_in_worker(batch: _Batch, use_lsh: bool | None) -> pl.DataFrame:
    global _WORKER_CACHE
    if batch.first:
        _WORKER_CACHE = _DocumentCache()
    return _batch_rows(batch, use_lsh, _WORKER_CACHE)


def _in_processes(stripes: list[list[int]], batch, use_lsh: bool | None,
                  sink: Callable[[pl.DataFrame], None] | None = None) -> list[pl.DataFrame]:
    """The rows of every stripe of positions, each in its own spawned process (the dbt Python model runs
    in dbt's worker threads: no fork, pipelines/pools.py), batch by batch; the stripes' rows one after
    another, or each batch's to ``sink`` as it arrives. Two batches are in flight per process: the
    batches waiting hold a few batches' clauses, not the corpus's. A stripe whose process dies (out of
    memory) is finished in this process."""
    per_stripe = [[s[k:k + BATCH_DOCUMENTS] for k in range(0, len(s), BATCH_DOCUMENTS)] for s in stripes]
    frames: list[list[pl.DataFrame]] = [[] for _ in stripes]

    def keep(k: int, frame: pl.DataFrame) -> None:
        if sink is None:
            frames[k].append(frame)
        else:
            sink(frame)

    in_flight: list[deque[tuple[list[int], Future]]] = [deque() for _ in stripes]
    mirrors = [_DocumentCache() for _ in stripes]
    local: list[_DocumentCache | None] = [None for _ in stripes]  # the cache of a stripe finished here

    def recover(k: int, exc: Exception) -> None:
        lost = [positions for positions, _ in in_flight[k]]
        in_flight[k].clear()
        _log.warning("lineage worker died (%s): %d batch(es) computed in this process", exc, len(lost))
        local[k], mirrors[k] = _DocumentCache(), _DocumentCache()
        for i, positions in enumerate(lost):
            keep(k, _batch_rows(batch(positions, mirrors[k], i == 0), use_lsh, local[k]))

    def collect(k: int) -> None:
        try:
            keep(k, in_flight[k][0][1].result())
            in_flight[k].popleft()
        except BrokenProcessPool as exc:
            recover(k, exc)

    with contextlib.ExitStack() as stack:
        processes = [stack.enter_context(pools.spawned_pool(1)) for _ in stripes]
        for r in range(max(len(b) for b in per_stripe)):
            for k, batches in enumerate(per_stripe):
                if r >= len(batches):
                    continue
                while len(in_flight[k]) >= 2:
                    collect(k)
                if local[k] is not None:
                    keep(k, _batch_rows(batch(batches[r], mirrors[k], False), use_lsh, local[k]))
                    continue
                task = batch(batches[r], mirrors[k], r == 0)
                try:
                    with pools.without_the_parents_main():
                        in_flight[k].append((batches[r], processes[k].submit(_batch_in_worker, task, use_lsh)))
                except BrokenProcessPool as exc:
                    in_flight[k].append((batches[r], None))
                    recover(k, exc)
        for k in range(len(stripes)):
            while in_flight[k]:
                collect(k)
    return [f for stripe in frames for f in stripe]


def _in_clause_order(rows: Iterable[Mapping]) -> list[Mapping]:
    """A document's clause rows in reference order (``clause_position_key``), the order the index keeps."""
    return sorted(rows, key=lambda r: clause_position_key(r["clause_ref"]))


@dataclass
class _Batch:
    """What one task computes from: the document positions to compute; the positions it needs (them,
    their predecessors, their candidates' documents) and, of those, the clause rows in index order of
    the ones the process lacks (``sent``); the doc_id of each position needed; the candidates of each
    clause searched further back; the doc_sequence and the place in the order of each doc_id; whether
    it is the first batch of its process."""

    positions: list[int]
    needed: list[int]
    sent: dict[int, list[Mapping]]
    doc_ids: dict[int, str]
    candidates: dict[tuple[int, int], list[tuple[int, int]]]
    sequence: dict[str, int]
    place: dict[str, int]
    first: bool


def _batch_rows(batch: _Batch, use_lsh: bool | None, cache: _DocumentCache) -> pl.DataFrame:
    """The lineage rows of a batch's documents, with one BLAS thread: its matrix products are of a
    document pair's few dozen clauses, too small to share, and OpenBLAS's helper threads spin against
    the other lineage process and dbt's threads for the machine's cores (docs/benchmarks.md)."""
    rows = cache.take(batch.needed, batch.sent)
    with threadpool_limits(limits=1, user_api="blas"):
        frame = pl.DataFrame(list(_batch_tuples(batch, rows, use_lsh)), schema=LINEAGE_SCHEMA, orient="row")
    cache.trim()
    return frame


def _batch_tuples(batch: _Batch, rows: Mapping[int, list[Mapping]], use_lsh: bool | None):
    prepared: dict[int, list[PreparedClause]] = {}

    def features(pos: int) -> list[PreparedClause]:
        if pos not in prepared:
            prepared[pos] = prepare(rows[pos])
        return prepared[pos]

    words: dict[int, list[frozenset[str]]] = {}

    def words_of(pos: int) -> list[frozenset[str]]:
        if pos not in words:
            words[pos] = [content_words(r.get("text") or "") for r in rows[pos]]
        return words[pos]

    counts = _WordCounts(words_of)
    one_cache: dict[tuple[int, int], PreparedClause] = {}

    def prepared_one(doc_pos: int, clause_pos: int) -> PreparedClause:
        # a recent clause is a candidate for many later ones: prepared once
        key = (doc_pos, clause_pos)
        if key not in one_cache:
            one_cache[key] = (prepared[doc_pos][clause_pos] if doc_pos in prepared
                              else prepare([rows[doc_pos][clause_pos]])[0])
        return one_cache[key]

    def as_tuple(row: LineageRow, comparison: str) -> tuple:
        return (row.doc_id, row.clause_ref, comparison, batch.sequence[row.doc_id], row.matched_doc_id,
                batch.sequence[row.matched_doc_id], batch.place[row.doc_id] - batch.place[row.matched_doc_id],
                row.matched_clause_ref, row.similarity, row.label, row.change_kind, row.change_detail)

    for pos in batch.positions:
        prev_id = batch.doc_ids[pos - 1]
        cur = features(pos)
        for i, (c, match, score) in enumerate(_match_pair(cur, features(pos - 1), use_lsh)):
            row = _row(c, match, score, prev_id)
            yield as_tuple(row, "previous_document")
            found = batch.candidates.get((pos, i))
            if found and row.similarity < SEARCH_BELOW and c.words:
                better = _closest_earlier(c, found, pos, batch, rows, counts, prepared_one,
                                          floor=max(row.similarity, MODIFIED_THRESHOLD))
                if better is not None:
                    yield as_tuple(better, "closest_earlier")


class _WordCounts:
    """Per document: how many of its clauses hold each word, and its clause count (for pair IDF)."""

    def __init__(self, words_of):
        self._words_of = words_of
        self._cache: dict[int, tuple[Counter, int]] = {}

    def __call__(self, doc_pos: int) -> tuple[Counter, int]:
        if doc_pos not in self._cache:
            ws = self._words_of(doc_pos)
            self._cache[doc_pos] = (Counter(w for s in ws for w in s), len(ws))
        return self._cache[doc_pos]


def _closest_earlier(c, candidates, pos, batch, rows, counts, prepared_one, *, floor: float):
    """The best counterpart of ``c`` (of the document at ``pos``) among the index's ``candidates`` when it
    scores above ``floor``: ties go to the more recent document, then the smaller reference."""
    scored = []
    fam = family(c.row.get("kind"))
    for doc_pos, clause_pos in candidates:
        if family(rows[doc_pos][clause_pos].get("kind")) != fam:
            continue
        old = prepared_one(doc_pos, clause_pos)
        # word weights from this document pair only, as for the previous-document rows
        score = round(similarity(c, old, _pair_idf(c, old, counts(pos), counts(doc_pos))), 1)
        if score > floor:
            scored.append((score, doc_pos, old))
    if not scored:
        return None
    top = max((score, doc_pos) for score, doc_pos, _ in scored)
    doc_pos, old = min(((d, o) for s, d, o in scored if (s, d) == top),
                       key=lambda x: clause_position_key(x[1].row["clause_ref"]))
    label, change, detail = classify(c, old)
    return LineageRow(c.row["doc_id"], c.row["clause_ref"], batch.doc_ids[doc_pos], old.row["clause_ref"], top[0],
                      label, change, detail)
