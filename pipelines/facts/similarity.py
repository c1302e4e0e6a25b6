"""Clause similarity for lineage: content words, word weights, the score, and candidate pairs.

Similarity (0..100) of two clauses is the mean of
- rapidfuzz ``token_set_ratio`` on their content words (lower case, function words removed, plurals
  folded), which ignores word order and is high when one text contains the other; and
- the IDF-weighted overlap coefficient of the same word sets: the share of the smaller clause's
  information that the other repeats, a word weighing its inverse document frequency over the clauses
  of the two documents compared. Shared rare words ("Balkans", "cornerstone") count, shared boilerplate
  ("NATO", "Allies", "security") barely does: plain token-set scores of unrelated clauses of the genre
  sit at 45..60 because of that boilerplate, which leaves no room for a threshold.
Comparator words ("at least", "beyond") are not content words: a changed comparator is a change of
target (changes.py), not a different clause.
When both clauses set a goal of the same kind and unit about the same thing ("at least the 2% GDP
defence spending target" and "a new defence spending target well beyond 2% of GDP": two or more content
words around the goals agree), ``TARGET_ANCHOR_BONUS`` is added: resolutions restate the same target in
new words every year. The same figure for another purpose ("2% of GDP for development aid") is no
anchor; without that condition such pairs scored 47..55, over the threshold.

For a large corpus, ``candidate_pairs`` narrows the pairs to score with a datasketch MinHash LSH
Ensemble (containment search, queried both ways so that a short clause inside a long one is found),
plus exact duplicates and shared goals; scores are then computed exactly on the candidates.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz

from pipelines.facts.targets import TargetMention

TARGET_ANCHOR_BONUS = 10.0
LSH_MIN_PAIRS = 250_000  # above this many pairs per document pair, candidates come from MinHash LSH
LSH_CONTAINMENT = 0.25
LSH_NUM_PERM = 128

_STOP = frozenset(
    """a an the of and or to in on for with by at from as that this these those its it their our his her
    be is are was were been being which who whom whose while also such any all both each other into than
    then so not no nor but if about between through during before after above below up down over under
    again further once only own same too very can will would should may might must shall has have had do
    does did including particularly particular well
    least most more less beyond exceeding approximately per cent percent""".split()
)
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# Clause texts whose features stay cached, per process: repeated texts (a clause carried from one
# resolution to the next) are mostly recent ones, and the caches outlive the lineage step in the build
# process, so they hold a window of the corpus, not all of it.
FEATURES_CACHED = 50_000


@lru_cache(maxsize=FEATURES_CACHED)
def normalise(text: str) -> str:
    """Text as compared for ``verbatim``: case, whitespace, quote style and final punctuation ignored."""
    t = unicodedata.normalize("NFKC", text or "")
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    t = re.sub(r"'{2,}", "'", t).lower()
    t = " ".join(t.split())
    return t[: len(t) - _final_punctuation(t)]


# Final punctuation: separators, each run possibly followed by "and" or "or", up to the end of the text.
# Matched on the reversed text from its start: one anchored match, where ``(?:...)+$`` on the text is tried
# at every position. The greedy match is the longest suffix: a separator run is taken whole, and the next
# repetition can only begin with "dna" or "ro" (letters) followed by separators.
_FINAL_PUNCTUATION_REVERSED = re.compile(r"(?:(?:dna|ro)?[\s;:,.]+)+")


def _final_punctuation(t: str) -> int:
    """Length of the longest suffix of ``t`` that ``(?:[\\s;:,.]+(?:and|or)?)+$`` matches (0: none)."""
    m = _FINAL_PUNCTUATION_REVERSED.match(t[::-1])
    return m.end() if m else 0


_POSSESSIVE = re.compile(r"'s\b")


@lru_cache(maxsize=FEATURES_CACHED)
def content_words(text: str) -> frozenset[str]:
    # interned: the cached sets of a process share one string per word of the vocabulary, instead of
    # one per occurrence, most of their memory
    return frozenset(
        sys.intern(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w)  # plurals folded
        for w in _WORD.findall(_POSSESSIVE.sub("", normalise(text)))
        if w not in _STOP
    )


def family(kind: str | None) -> str:
    return "preamble" if kind == "preambular" else "action"


Goals = tuple[tuple[tuple[str, str | None], tuple[TargetMention, ...]], ...]


def goals(mentions: tuple[TargetMention, ...]) -> dict[tuple[str, str | None], tuple[TargetMention, ...]]:
    """The goals (``row_goals``) of a clause by (kind, unit)."""
    return dict(_grouped(mentions))


@lru_cache(maxsize=FEATURES_CACHED)
def _grouped(mentions: tuple[TargetMention, ...]) -> Goals:
    # immutable, so the cache can hand out the same value for every comparison of the clause
    found: dict[tuple[str, str | None], list[TargetMention]] = defaultdict(list)
    for t in mentions:
        found[(t.target_kind, t.unit)].append(t)
    return tuple((k, tuple(v)) for k, v in found.items())


def row_goals(row: Mapping) -> tuple[TargetMention, ...]:
    """The goals of a clause row, in text order: the normative ones of the row's ``targets``, those the
    extractor found in the clause at parse time (fct_targets, lineage_store.clause_rows). The extractor
    owns what a target is and whether it is a goal; lineage does not extract again."""
    return tuple(t for t in row.get("targets") or () if t.is_normative)


ANCHOR_CONTEXT_CHARS = 80  # characters each side of a goal that say what the goal is about
ANCHOR_MIN_SHARED_WORDS = 2


def goal_contexts(text: str, mentions: tuple[TargetMention, ...]) -> dict[tuple[str, str | None], frozenset[str]]:
    """Per goal (kind, unit) of ``mentions`` (offsets into ``text``): the content words around it, the
    figure's own words left out.

    "at least the 2% GDP defence spending target without delay" -> {defence, spending, target, ...}.
    """
    out: dict[tuple[str, str | None], frozenset[str]] = {}
    for key, found in _grouped(mentions):
        words: set[str] = set()
        for t in found:
            lo, hi = max(0, t.text_start - ANCHOR_CONTEXT_CHARS), t.text_end + ANCHOR_CONTEXT_CHARS
            words |= content_words(text[lo : t.text_start]) | content_words(text[t.text_end : hi])
            words -= content_words(t.span_text)
        out[key] = frozenset(words)
    return out


@dataclass
class PreparedClause:
    row: Mapping
    words: frozenset[str]
    norm: str
    goal_context: dict
    joined: str = ""  # the content words sorted and joined, as token_set_ratio compares them
    goals: tuple[TargetMention, ...] = ()  # row_goals of the row

    @property
    def goal_keys(self) -> frozenset:
        return frozenset(self.goal_context)


@lru_cache(maxsize=FEATURES_CACHED)
def _text_features(text: str, mentions: tuple[TargetMention, ...]) -> tuple[frozenset[str], str, dict, str]:
    # A clause is compared with every later document: its features are computed once per clause, not per pair.
    words = content_words(text)
    return words, normalise(text), goal_contexts(text, mentions), " ".join(sorted(words))


def prepare(rows: Iterable[Mapping]) -> list[PreparedClause]:
    out = []
    for r in rows:
        mentions = row_goals(r)
        words, norm, goal_context, joined = _text_features(r.get("text") or "", mentions)
        out.append(PreparedClause(r, words, norm, goal_context, joined, mentions))
    return out


def shares_anchored_goal(a: PreparedClause, b: PreparedClause) -> bool:
    """Both clauses set a goal of the same kind and unit, about the same thing: at least
    ``ANCHOR_MIN_SHARED_WORDS`` content words around the two goals agree ("defence spending target").
    The same figure for another purpose ("2% of GDP on development aid") is no anchor."""
    return any(len(a.goal_context[k] & b.goal_context[k]) >= ANCHOR_MIN_SHARED_WORDS for k in a.goal_keys & b.goal_keys)


def idf_weights(clauses: list[PreparedClause]) -> dict[str, float]:
    df = Counter(w for c in clauses for w in c.words)
    n = len(clauses)
    return {w: math.log((n + 1) / (k + 0.5)) for w, k in df.items()}


def similarity(a: PreparedClause, b: PreparedClause, idf: Mapping[str, float]) -> float:
    if a.norm == b.norm:
        return 100.0
    if not a.words or not b.words:
        return float(fuzz.ratio(a.norm, b.norm))
    set_score = fuzz.token_set_ratio(a.joined or " ".join(sorted(a.words)), b.joined or " ".join(sorted(b.words)))
    shared = sum(idf.get(w, 0.0) for w in a.words & b.words)
    smaller = min(sum(idf.get(w, 0.0) for w in a.words), sum(idf.get(w, 0.0) for w in b.words))
    overlap = 100.0 * shared / smaller if smaller > 0 else 0.0
    score = 0.5 * set_score + 0.5 * overlap
    if shares_anchored_goal(a, b):
        score += TARGET_ANCHOR_BONUS
    return min(score, 99.9)


def best_matches(
    current: list[PreparedClause],
    earlier: list[PreparedClause],
    idf: Mapping[str, float],
    allowed: np.ndarray | None = None,
) -> list[tuple[float, list[int]]]:
    """For every current clause: the highest ``similarity`` to an earlier clause of its family (and
    ``allowed``, when given) and the earlier positions that reach it; (-inf, []) when none may match.

    The same scores as calling ``similarity`` on every pair, computed per document pair: the
    IDF-weighted overlaps of all pairs come from one matrix product over the pair's vocabulary, and the
    token-set ratio (the costly half, which can add at most 50) is computed only for the pairs whose
    overlap leaves them a chance to reach the best score found so far. On 34 x 34 clauses that is a
    handful of ratios per clause instead of 34. Scores are rounded to 1e-9 so that the summation order
    of the product cannot break a true tie.
    """
    n, m = len(current), len(earlier)
    if n == 0 or m == 0:
        return [(-np.inf, []) for _ in current]
    vocab: dict[str, int] = {}
    for c in (*current, *earlier):
        for w in c.words:
            vocab.setdefault(w, len(vocab))
    weights = np.array([idf.get(w, 0.0) for w in vocab], dtype=np.float64)

    def incidence(clauses: list[PreparedClause]) -> np.ndarray:
        rows = np.zeros((len(clauses), len(vocab)), dtype=np.float64)
        for i, c in enumerate(clauses):
            rows[i, [vocab[w] for w in c.words]] = 1.0
        return rows

    a, b = incidence(current), incidence(earlier)
    shared = (a * weights) @ b.T
    smaller = np.minimum.outer(a @ weights, b @ weights)
    with np.errstate(divide="ignore", invalid="ignore"):
        partial = 0.5 * np.where(smaller > 0, 100.0 * shared / smaller, 0.0)
    with_goals = [j for j, e in enumerate(earlier) if e.goal_context]
    for i, c in enumerate(current):
        if c.goal_context:
            for j in with_goals:
                if shares_anchored_goal(c, earlier[j]):
                    partial[i, j] += TARGET_ANCHOR_BONUS
    # exact scores where ``similarity`` does not use the formula: equal texts, no content words
    exact = np.full((n, m), np.nan)
    for i, c in enumerate(current):
        if not c.words:
            exact[i, :] = [fuzz.ratio(c.norm, e.norm) for e in earlier]
    for j, e in enumerate(earlier):
        if not e.words:
            exact[:, j] = [fuzz.ratio(c.norm, e.norm) for c in current]
    by_norm: dict[str, list[int]] = defaultdict(list)
    for j, e in enumerate(earlier):
        by_norm[e.norm].append(j)
    for i, c in enumerate(current):
        exact[i, by_norm.get(c.norm, [])] = 100.0
    bound = np.where(np.isnan(exact), np.minimum(partial + 50.0, 99.9), exact)
    fam_c = np.array([family(c.row.get("kind")) == "preamble" for c in current])
    fam_e = np.array([family(e.row.get("kind")) == "preamble" for e in earlier])
    bound[fam_c[:, None] != fam_e[None, :]] = -np.inf
    if allowed is not None:
        bound[~allowed] = -np.inf

    out = []
    order = np.argsort(-bound, axis=1, kind="stable").tolist()
    for i, c in enumerate(current):
        # plain floats from here: numpy scalars make this loop several times slower
        bound_i, partial_i, exact_i = bound[i].tolist(), partial[i].tolist(), exact[i].tolist()
        best, tied = -math.inf, []
        for j in order[i]:
            if bound_i[j] == -math.inf or bound_i[j] < best - 1e-9:
                break  # sorted by bound: no later pair can reach the best
            if exact_i[j] != exact_i[j]:  # NaN: the formula applies
                # below this ratio the pair cannot tie the best: rapidfuzz may then stop early (and return 0)
                cutoff = max(0.0, 2.0 * (best - partial_i[j]) - 1e-6) if best > -math.inf else 0.0
                ratio = fuzz.token_set_ratio(c.joined, earlier[j].joined, score_cutoff=cutoff)
                score = round(min(0.5 * ratio + partial_i[j], 99.9), 9)
            else:
                score = round(exact_i[j], 9)
            if score > best:
                best, tied = score, [j]
            elif score == best:
                tied.append(j)
        out.append((best, tied))
    return out


def candidate_pairs(
    current: list[PreparedClause], earlier: list[PreparedClause], use_lsh: bool | None
) -> dict[int, set[int]]:
    pairs = len(current) * len(earlier)
    if use_lsh is None:
        use_lsh = pairs > LSH_MIN_PAIRS
    if not use_lsh:
        return {i: set(range(len(earlier))) for i in range(len(current))}
    from datasketch import MinHash, MinHashLSHEnsemble

    def minhashes(cs):
        sets = [[w.encode("utf-8") for w in sorted(c.words)] or [b"\x00"] for c in cs]
        return MinHash.bulk(sets, num_perm=LSH_NUM_PERM)

    cur_mh, old_mh = minhashes(current), minhashes(earlier)
    cands: dict[int, set[int]] = defaultdict(set)
    old_index = MinHashLSHEnsemble(threshold=LSH_CONTAINMENT, num_perm=LSH_NUM_PERM, num_part=8)
    old_index.index((j, old_mh[j], max(1, len(c.words))) for j, c in enumerate(earlier))
    for i, c in enumerate(current):
        cands[i].update(old_index.query(cur_mh[i], max(1, len(c.words))))
    cur_index = MinHashLSHEnsemble(threshold=LSH_CONTAINMENT, num_perm=LSH_NUM_PERM, num_part=8)
    cur_index.index((i, cur_mh[i], max(1, len(c.words))) for i, c in enumerate(current))
    for j, c in enumerate(earlier):
        for i in cur_index.query(old_mh[j], max(1, len(c.words))):
            cands[i].add(j)
    # Exact duplicates and shared goals are always candidates.
    by_norm: dict[str, list[int]] = defaultdict(list)
    by_goal: dict[tuple, list[int]] = defaultdict(list)
    for j, c in enumerate(earlier):
        by_norm[c.norm].append(j)
        for g in c.goal_keys:
            by_goal[g].append(j)
    for i, c in enumerate(current):
        cands[i].update(by_norm.get(c.norm, []))
        for g in c.goal_keys:
            cands[i].update(by_goal.get(g, []))
    return cands
