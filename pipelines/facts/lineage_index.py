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
``raw_clause_bands`` extractor), and kept in the warehouse (``fct_clause_bands``). The index is those
rows: ``candidates`` is one DuckDB query over them, so no process holds the index of a corpus, and an
incremental build reads only the buckets its new clauses fall in.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Mapping
from functools import lru_cache

import duckdb
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
    return bands_frame(doc.document.doc_id, [(c.ref, c.text) for c in doc.clauses])


def bands_frame(doc_id: str, clauses: Iterable[tuple[str, str | None]]) -> pl.DataFrame:
    """The band rows of one document's clauses, given as (reference, text) pairs in any order."""
    clauses = sorted(clauses, key=lambda c: clause_position_key(c[0]))
    words = [content_words(text or "") for _, text in clauses]
    kept = [pos for pos, ws in enumerate(words) if ws]  # a clause without content words has no bands
    # built by columns: the same values repeat over a clause's BANDS rows, and numpy and polars repeat
    # them faster than a Python tuple per row
    return pl.DataFrame(
        {
            "doc_id": [doc_id] * (len(kept) * BANDS),
            "clause_ref": [clauses[pos][0] for pos in kept for _ in range(BANDS)],
            "clause_position": np.repeat(np.array(kept, dtype=np.int32), BANDS),
            "band": np.tile(np.arange(BANDS, dtype=np.int32), len(kept)),
            "band_key": _band_keys_of(signatures(words)[kept]),
        },
        schema=RAW_CLAUSE_BANDS_SCHEMA,
    )


CANDIDATES_SCHEMA = {"query_pos": pl.Int32, "query_clause": pl.Int32, "doc_pos": pl.Int32, "clause_position": pl.Int32}


# Every band row of the documents searched is a bucket entry, ranked in its bucket by (document position,
# clause position): `rn`. For a query clause of the document at position p, the index holds the
# documents up to p - 2 (every one before the previous document), and the bucket keeps the BUCKET_KEEP
# most recent of those: `last_rn`, the count of the bucket's entries up to p - 2, and the ranks below
# it. Candidates share most buckets, then come from the most recent document, then have the smaller
# clause position: the order of `rank_key` (shared buckets, document position, reversed clause
# position, in bit fields), the top `limit` of a group kept by max(x, n) rather than a window's sort.
_ENTRIES_SQL = """
create temp table {entries} as
with buckets as (
    select distinct b.band, b.band_key from bands as b semi join {queries} as q on b.doc_id = q.doc_id
)
select b.band, b.band_key, p.doc_pos, b.clause_position,
    row_number() over (partition by b.band, b.band_key order by p.doc_pos, b.clause_position) as rn,
    count(*) over (
        partition by b.band, b.band_key order by p.doc_pos range between unbounded preceding and 2 preceding
    ) as last_rn
from bands as b
semi join buckets as k on b.band = k.band and b.band_key = k.band_key
join {positions} as p on b.doc_id = p.doc_id
"""
# the queries of documents first_pos..last_pos, over the entries table
_CANDIDATES_SQL = """
with kept as (
    select e.doc_pos as query_pos, e.clause_position as query_clause, e.band, e.band_key, e.last_rn - back as rn
    from {entries} as e semi join {queries} as q on e.doc_pos = q.doc_pos, range({keep}) as b(back)
    where e.doc_pos between {first_pos} and {last_pos} and e.last_rn - back > 0
),
shared as (
    select k.query_pos, k.query_clause, e.doc_pos, e.clause_position, count(*) as bands_shared
    from kept as k join {entries} as e on e.band = k.band and e.band_key = k.band_key and e.rn = k.rn
    group by all
),
ranked as (
    select query_pos, query_clause,
        unnest(max((bands_shared << (2 * {bits})) | (doc_pos << {bits}) | ({mask} - clause_position), {limit}))
            as rank_key
    from shared group by query_pos, query_clause
)
select query_pos::integer as query_pos, query_clause::integer as query_clause,
    ((rank_key >> {bits}) & {mask})::integer as doc_pos,
    ({mask} - (rank_key & {mask}))::integer as clause_position
from ranked
order by query_pos, query_clause, rank_key desc
"""
QUERY_CHUNK = 1_000  # query documents ranked per statement: the joins' memory is a chunk's, not the corpus's
_POSITION_BITS = 21  # rank_key's fields: document and clause positions below 2**21


def candidates(con: duckdb.DuckDBPyConnection, bands: duckdb.DuckDBPyRelation, positions: Mapping[str, int],
               query_docs: Iterable[str], limit: int) -> pl.DataFrame:
    """Up to ``limit`` candidates per clause of ``query_docs`` among the clauses of the documents before
    the previous one: (query_pos, query_clause) -> (doc_pos, clause_position), best first. ``bands`` holds
    rows of ``RAW_CLAUSE_BANDS_SCHEMA``; ``positions`` gives each document its place in the series (only
    documents placed there are searched). Document ids reach DuckDB as registered frames."""
    suffix = uuid.uuid4().hex
    names = {table: f"lineage_index__{table}_{suffix}" for table in ("positions", "queries", "entries")}
    place = pl.DataFrame({"doc_id": list(positions), "doc_pos": list(positions.values())},
                         schema={"doc_id": pl.String, "doc_pos": pl.Int64})
    if len(place) and place["doc_pos"].max() >= 1 << _POSITION_BITS:
        raise ValueError(f"a series of {len(place):,} documents: the index ranks at most {1 << _POSITION_BITS:,}")
    queries = place.filter(pl.col("doc_id").is_in(list(query_docs)) & (pl.col("doc_pos") >= 2))
    con.register(names["positions"], place.to_arrow())
    con.register(names["queries"], queries.to_arrow())
    try:
        bands.query("bands", _ENTRIES_SQL.format(**names))
        wanted = queries["doc_pos"].sort().to_list()
        frames = [
            con.sql(_CANDIDATES_SQL.format(keep=int(BUCKET_KEEP), limit=int(limit), first_pos=int(chunk[0]),
                                           last_pos=int(chunk[-1]), bits=_POSITION_BITS,
                                           mask=(1 << _POSITION_BITS) - 1, **names)).pl()
            for chunk in (wanted[k:k + QUERY_CHUNK] for k in range(0, len(wanted), QUERY_CHUNK))
        ]
        return pl.concat(frames).cast(CANDIDATES_SCHEMA) if frames else pl.DataFrame(schema=CANDIDATES_SCHEMA)
    finally:
        con.execute(f"drop table if exists {names['entries']}")
        con.unregister(names["positions"])
        con.unregister(names["queries"])
