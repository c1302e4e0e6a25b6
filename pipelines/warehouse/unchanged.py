"""Whether a run would publish what is already published: the same files in ``raw/`` (names and bytes,
and the same unreadable ones), read by the same parser and extractors, built by the same dbt project.

``scan`` is the one reading of the raw folder: the ingest takes its entries, and the fingerprint of
them, stored in the published file as ``raw_fingerprint``, is what a later run compares before it loads
anything. A run on unchanged input then says so and publishes nothing new.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.warehouse.hash_cache import RawHashCache
from pipelines.warehouse.manifest import read_published_manifest
from pipelines.warehouse.sources import RawFile, list_raw_files, read_file

STATE_KEY = "raw_fingerprint"


@dataclass(frozen=True)
class ScannedFile:
    file: RawFile
    sha: str | None  # None when the file could not be read
    size: int
    error: str | None = None  # why it could not be read (an OSError's message)
    too_large: bool = False


def scan(raw_dir: Path, max_bytes: int, hashes: Path | None = None) -> list[ScannedFile]:
    """Every candidate file of ``raw_dir`` with the sha256 of its bytes (streamed, never kept). With
    ``hashes`` (a cache file, pipelines/warehouse/hash_cache.py), a file unchanged since it was last
    hashed is not read again."""
    cache = RawHashCache(hashes)
    out = []
    for f in list_raw_files(raw_dir):
        if f.problem:
            out.append(ScannedFile(f, None, f.size or 0))
            continue
        if f.stat is not None and (hit := cache.known(f.stat)) is not None:
            sha, size = hit
            out.append(ScannedFile(f, sha, size, too_large=size > max_bytes))
            continue
        try:
            data, sha, size = read_file(f.path, max_bytes, raw_dir)
        except OSError as exc:
            out.append(ScannedFile(f, None, 0, exc.strerror or str(exc)))
            continue
        out.append(ScannedFile(f, sha, size, too_large=data is None))
        if f.stat is not None and size == f.stat.st_size:  # else it changed while it was read
            cache.record(f.stat, sha, size)
        del data
    cache.save()
    return out


def fingerprint(scanned: list[ScannedFile], max_bytes: int) -> str:
    h = hashlib.sha256(f"max_bytes={max_bytes}\n".encode())
    for s in scanned:
        h.update(repr((s.file.name, s.file.problem, s.sha, s.size, s.error is not None, s.too_large)).encode())
        h.update(b"\n")
    return h.hexdigest()


def unchanged_version(published: Path, raw_fp: str, code_fp: str, dbt_fp: str) -> str | None:
    """The published version when it was built from exactly this input, code and dbt project, else None."""
    if not published.is_file():
        return None
    try:
        with duckdb.connect(str(published), read_only=True) as con:
            state = dict(con.execute("select key, value from meta.ingest_state").fetchall())
        manifest = read_published_manifest(published)
    except duckdb.Error:
        return None  # unreadable or an older layout: a real run finds out and says why
    same = (state.get(STATE_KEY) == raw_fp and state.get("code_fingerprint") == code_fp
            and state.get("dbt_project_fingerprint") == dbt_fp)
    return manifest["version"] if same and manifest else None
