"""A corpus-wide MinHash index of clauses, filled document by document, for "where did this clause
appear before?" without scoring every earlier document.

Each clause is reduced to a MinHash signature of its content words (``SIGNATURE_SIZE`` values), cut
into ``BANDS`` bands of ``ROWS`` values; two clauses whose word sets have Jaccard similarity J share at
least one band with probability 1 - (1 - J^ROWS)^BANDS: about 0.96 at J = 0.5, 0.5 at J = 0.3, 0.05 at
J = 0.1. A bucket keeps only its ``BUCKET_KEEP`` most recent clauses: a clause repeated in every
yearly resolution since 1955 yields its latest occurrences, not thousands of candidates, and the
lookup stays constant-time per clause whatever the corpus size.

Word hashes come from blake2b, not Python's ``hash`` (salted per process), so the candidates and
therefore the lineage are the same in every run.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

BANDS = 12
ROWS = 3
SIGNATURE_SIZE = BANDS * ROWS
BUCKET_KEEP = 4  # most recent clauses kept per bucket
_SEED = 20_261_123

_rng = np.random.default_rng(_SEED)
_MULT = _rng.integers(1, 2**63, size=SIGNATURE_SIZE, dtype=np.uint64) | np.uint64(1)
_ADD = _rng.integers(0, 2**63, size=SIGNATURE_SIZE, dtype=np.uint64)


@lru_cache(maxsize=500_000)
def word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def signatures(word_sets: list[frozenset[str]]) -> np.ndarray:
    """One MinHash signature per word set (rows of uint64); an empty set gets an all-max row that the
    index never stores."""
    out = np.full((len(word_sets), SIGNATURE_SIZE), np.iinfo(np.uint64).max, dtype=np.uint64)
    sizes = [len(ws) for ws in word_sets]
    if not any(sizes):
        return out
    hashes = np.fromiter((word_hash(w) for ws in word_sets for w in sorted(ws)), dtype=np.uint64,
                         count=sum(sizes))
    # multiply-shift universal hashing, wrapping modulo 2^64 (numpy integer arrays wrap silently)
    permuted = (hashes[:, None] * _MULT[None, :] + _ADD[None, :]) >> np.uint64(16)
    nonempty = [i for i, k in enumerate(sizes) if k]
    starts = np.cumsum([0] + [sizes[i] for i in nonempty[:-1]])
    out[nonempty] = np.minimum.reduceat(permuted, starts, axis=0)
    return out


class ClauseIndex:
    """Band buckets -> the most recent (document position, clause position) entries."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[int, bytes], deque[tuple[int, int]]] = defaultdict(
            lambda: deque(maxlen=BUCKET_KEEP)
        )

    @staticmethod
    def _keys(signature: np.ndarray) -> Iterable[tuple[int, bytes]]:
        bands = signature.reshape(BANDS, ROWS)
        return ((b, bands[b].tobytes()) for b in range(BANDS))

    def add(self, doc_pos: int, sigs: np.ndarray, word_sets: list[frozenset[str]]) -> None:
        for clause_pos, (sig, words) in enumerate(zip(sigs, word_sets, strict=True)):
            if words:
                for key in self._keys(sig):
                    self._buckets[key].append((doc_pos, clause_pos))

    def candidates(self, signature: np.ndarray, limit: int) -> list[tuple[int, int]]:
        """Up to ``limit`` stored clauses sharing a band with ``signature``: most shared bands first,
        then the most recent document."""
        hits: Counter[tuple[int, int]] = Counter()
        for key in self._keys(signature):
            bucket = self._buckets.get(key)
            if bucket:
                hits.update(bucket)
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], -kv[0][0], kv[0][1]))
        return [entry for entry, _ in ranked[:limit]]
