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

The bands of every clause are computed once, when its document is parsed (``clause_bands_frame``, the
``raw_clause_bands`` extractor), and kept in the warehouse (``fct_clause_bands``): an incremental build
loads only the buckets its new clauses fall in (``ClauseIndex.load``), not the corpus.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import polars as pl

from pipelines.facts.similarity import content_words
from pipelines.parsing.model import ParsedDocument

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
    hashes = np.fromiter((word_hash(w) for ws in word_sets for w in ws), dtype=np.uint64,
                         count=sum(sizes))
    # words in set order: the minimum of a band does not depend on it
    # multiply-shift universal hashing, wrapping modulo 2^64 (numpy integer arrays wrap silently)
    permuted = (hashes[:, None] * _MULT[None, :] + _ADD[None, :]) >> np.uint64(16)
    nonempty = [i for i, k in enumerate(sizes) if k]
    starts = np.cumsum([0] + [sizes[i] for i in nonempty[:-1]])
    out[nonempty] = np.minimum.reduceat(permuted, starts, axis=0)
    return out


def clause_position_key(ref: str) -> tuple:
    """The order of a document's clauses in the index: by reference, numbers as numbers ("2" < "10")."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in str(ref).split("."))


def band_keys(signature: np.ndarray) -> list[bytes]:
    """The bucket key of each band of a signature (band b's key is element b)."""
    return _band_keys_of(signature.reshape(1, SIGNATURE_SIZE))


def _band_keys_of(sigs: np.ndarray) -> list[bytes]:
    """The bucket keys of the bands of every signature (rows of ``sigs``), flat: signature i's band b is
    element ``i * BANDS + b``. A band's key is the bytes of its ``ROWS`` values; slicing one buffer of all
    of them costs a fraction of a ``tobytes`` call per band."""
    blob = np.ascontiguousarray(sigs, dtype=np.uint64).tobytes()
    width = ROWS * np.dtype(np.uint64).itemsize
    return [blob[i : i + width] for i in range(0, len(blob), width)]


RAW_CLAUSE_BANDS_SCHEMA = {
    "doc_id": pl.String,
    "clause_ref": pl.String,
    "clause_position": pl.Int32,
    "band": pl.Int32,
    "band_key": pl.Binary,
}


def clause_bands_frame(doc: ParsedDocument) -> pl.DataFrame:
    """``raw_clause_bands``: one row per band of each clause with content words; ``clause_position`` is the
    clause's place in ``clause_position_key`` order among all the document's clauses."""
    clauses = sorted(doc.clauses, key=lambda c: clause_position_key(c.ref))
    words = [content_words(c.text or "") for c in clauses]
    kept = [pos for pos, ws in enumerate(words) if ws]  # a clause without content words has no bands
    # built by columns: the same values repeat over a clause's BANDS rows, and numpy and polars repeat
    # them faster than a Python tuple per row
    return pl.DataFrame(
        {
            "doc_id": [doc.document.doc_id] * (len(kept) * BANDS),
            "clause_ref": [clauses[pos].ref for pos in kept for _ in range(BANDS)],
            "clause_position": np.repeat(np.array(kept, dtype=np.int32), BANDS),
            "band": np.tile(np.arange(BANDS, dtype=np.int32), len(kept)),
            "band_key": _band_keys_of(signatures(words)[kept]),
        },
        schema=RAW_CLAUSE_BANDS_SCHEMA,
    )


_CLAUSE_BITS = 20  # an entry packs (document position, clause position) in one int: clause positions < 2**20
_CLAUSE_MASK = (1 << _CLAUSE_BITS) - 1
_BAND_IDS = np.arange(BANDS, dtype=np.uint64)[:, None]


class ClauseIndex:
    """Band buckets -> the most recent (document position, clause position) entries.

    Held compactly, since the index of a long series is the largest thing its walk keeps: a bucket is
    one bytes key (band number and band values) and one packed int, or a tuple of them once several
    clauses share it."""

    def __init__(self) -> None:
        self._buckets: dict[bytes, int | tuple[int, ...]] = {}

    @staticmethod
    def _keys(signature: np.ndarray) -> list[bytes]:
        rows = np.hstack([_BAND_IDS, signature.reshape(BANDS, ROWS)]).tobytes()
        width = len(rows) // BANDS
        return [rows[i:i + width] for i in range(0, len(rows), width)]

    def _append(self, key: bytes, entry: int) -> None:
        held = self._buckets.get(key)
        if held is None:
            self._buckets[key] = entry
            return
        entries = ((held,) if isinstance(held, int) else held) + (entry,)
        entries = entries[-BUCKET_KEEP:]
        self._buckets[key] = entries[0] if len(entries) == 1 else entries

    def load(self, entries: Iterable[tuple[int, bytes, int, int]]) -> None:
        """Fill buckets from stored bands: (band, band_key, document position, clause position), oldest
        first, as ``add`` would have filled them."""
        for band, key, doc_pos, clause_pos in entries:
            self._append(np.uint64(band).tobytes() + bytes(key), doc_pos << _CLAUSE_BITS | clause_pos)

    def add(self, doc_pos: int, sigs: np.ndarray, word_sets: list[frozenset[str]]) -> None:
        if len(sigs) > _CLAUSE_MASK:
            raise ValueError(f"a document of {len(sigs):,} clauses: the index packs at most {_CLAUSE_MASK:,}")
        for clause_pos, (sig, words) in enumerate(zip(sigs, word_sets, strict=True)):
            if words:
                entry = doc_pos << _CLAUSE_BITS | clause_pos
                for key in self._keys(sig):
                    self._append(key, entry)

    def candidates(self, signature: np.ndarray, limit: int) -> list[tuple[int, int]]:
        """Up to ``limit`` stored clauses sharing a band with ``signature``: most shared bands first,
        then the most recent document."""
        hits: Counter[int] = Counter()
        for key in self._keys(signature):
            held = self._buckets.get(key)
            if held is None:
                continue
            if isinstance(held, int):
                hits[held] += 1
            else:
                hits.update(held)
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], -(kv[0] >> _CLAUSE_BITS), kv[0] & _CLAUSE_MASK))
        return [(entry >> _CLAUSE_BITS, entry & _CLAUSE_MASK) for entry, _ in ranked[:limit]]
