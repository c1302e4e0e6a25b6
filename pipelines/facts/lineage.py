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

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

from rapidfuzz import fuzz

from pipelines.facts.changes import classify
from pipelines.facts.similarity import (
    PreparedClause,
    candidate_pairs,
    family,
    idf_weights,
    prepare,
    similarity,
)

MODIFIED_THRESHOLD = 46.0

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


def _ref_key(ref: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in str(ref).split("."))


def _match_pair(current: list[PreparedClause], earlier: list[PreparedClause], use_lsh: bool | None):
    """Yield (clause, best earlier clause or None, score) for every current clause."""
    idf = idf_weights(current + earlier)
    cands = candidate_pairs(current, earlier, use_lsh)
    for i, cur in enumerate(current):
        best: PreparedClause | None = None
        best_score = 0.0
        best_ratio: float | None = None  # full-text ratio of the best, computed only when a tie needs it
        for j in cands.get(i, ()):
            old = earlier[j]
            if family(old.row.get("kind")) != family(cur.row.get("kind")):
                continue
            # Highest score; on a tie (a clause contained in two earlier ones scores 99.9 against both)
            # the closer full text wins, then the smaller reference, so the input order never matters.
            score = similarity(cur, old, idf)
            if best is None or score > best_score:
                best, best_score, best_ratio = old, score, None
            elif score == best_score:
                if best_ratio is None:
                    best_ratio = fuzz.ratio(cur.norm, best.norm)
                ratio = fuzz.ratio(cur.norm, old.norm)
                if ratio > best_ratio or (ratio == best_ratio and
                                          _ref_key(old.row["clause_ref"]) < _ref_key(best.row["clause_ref"])):
                    best, best_ratio = old, ratio
        yield cur, best, (best_score if best is not None else 0.0)


def match_clauses(
    current: Iterable[Mapping], earlier: Iterable[Mapping], *, use_lsh: bool | None = None
) -> list[LineageRow]:
    """Lineage rows of every clause of ``current`` against each document found in ``earlier``.

    Rows are mappings with doc_id, clause_ref, kind, text, lemma, intensifier, addressee, strength
    (missing keys count as null). ``earlier`` may hold several documents: each gets its own rows (one
    per current clause), scored with word weights from that document pair only, so adding a third
    document never changes the lineage between the first two. ``use_lsh`` forces (True) or disables
    (False) the MinHash candidate filter; by default it is used above ``LSH_MIN_PAIRS`` pairs. With the
    filter, a clause without any candidate is new with similarity 0 (its best score is not computed).
    """
    cur_rows = sorted(current, key=lambda r: (str(r["doc_id"]), _ref_key(r["clause_ref"])))
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
            old = prepare(sorted(old_rows, key=lambda r: _ref_key(r["clause_ref"])))
            for c, match, score in _match_pair(cur, old, use_lsh):
                score = round(score, 1)
                if match is None or score < MODIFIED_THRESHOLD:
                    out.append(LineageRow(doc_id, c.row["clause_ref"], old_doc, None, score, "new", None, None))
                    continue
                label, change, detail = classify(c, match)
                out.append(
                    LineageRow(
                        doc_id,
                        c.row["clause_ref"],
                        old_doc,
                        match.row["clause_ref"],
                        score,
                        label,
                        change,
                        detail,
                    )
                )
    return out


def document_order(documents: Iterable[Mapping]) -> list[str]:
    """doc_ids from the oldest to the newest: by adoption date when every document has one, else by
    number when every document has one, else by date then number (unknowns last); doc_id breaks ties.

    Mixing the two keys document by document would not be a consistent order (494 has no date, 496
    has one), so one key is chosen for the whole corpus.
    """
    docs = list(documents)

    def known(key):
        return all(d.get(key) is not None for d in docs)

    def val(d, key):
        v = d.get(key)
        return (v is None, str(v) if key == "adopted_on" and v is not None else v or 0)

    if known("adopted_on"):
        keys = ("adopted_on", "number")
    elif known("number"):
        keys = ("number", "adopted_on")
    else:
        keys = ("adopted_on", "number")
    ordered = sorted(docs, key=lambda d: (*(val(d, k) for k in keys), str(d["doc_id"])))
    return [str(d["doc_id"]) for d in ordered]


def corpus_lineage(
    documents: Iterable[Mapping], clauses: Iterable[Mapping], *, use_lsh: bool | None = None
) -> list[dict]:
    """Lineage of every clause of every document against each earlier document (``document_order``),
    as dicts: the LineageRow fields plus doc_sequence, matched_doc_sequence and documents_apart
    (1 = the immediately preceding document)."""
    order = document_order(documents)
    seq = {doc_id: i for i, doc_id in enumerate(order, start=1)}
    by_doc: dict[str, list[Mapping]] = defaultdict(list)
    for c in clauses:
        if str(c["doc_id"]) in seq:
            by_doc[str(c["doc_id"])].append(c)
    out = []
    for i, doc_id in enumerate(order):
        earlier = [c for old in order[:i] for c in by_doc.get(old, [])]
        if not earlier or not by_doc.get(doc_id):
            continue
        for row in match_clauses(by_doc[doc_id], earlier, use_lsh=use_lsh):
            d = asdict(row)
            d["doc_sequence"] = seq[row.doc_id]
            d["matched_doc_sequence"] = seq[row.matched_doc_id]
            d["documents_apart"] = seq[row.doc_id] - seq[row.matched_doc_id]
            out.append(d)
    return out
