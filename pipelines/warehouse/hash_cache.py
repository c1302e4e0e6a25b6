"""The sha256 of raw files as they were when last read, so that a scan reads only new and changed files.

A run hashes every file of the raw folder twice (the "nothing changed" check, then the ingest), and most
of a large folder never changes. An entry is keyed by what the file system says of the file (device,
inode, size, modification and change times), the way ``git`` trusts its index: rewriting a file moves
its change time, which no program can set back. Names are not part of the key: they are untrusted.

An entry is written only for a file whose times are ``TRUST_AFTER_NS`` older than the moment it was
looked at: on a file system with a coarse clock, a rewrite within the same tick as the hashing would keep
the times the entry holds ("racily clean" in git's words). Such a file is hashed again next time.

The cache is only an optimisation: a missing, unreadable or foreign cache file is an empty cache, and
failing to write it costs the next run its time, not its correctness.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from pathlib import Path

TRUST_AFTER_NS = 2_000_000_000  # FAT's clock ticks every 2 s; ext4, XFS and APFS in nanoseconds
FORMAT = 1
_SHA256 = re.compile(r"[0-9a-f]{64}")


def stat_key(st: os.stat_result) -> str:
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


class RawHashCache:
    """``known(stat)`` the sha256 and size of a file already hashed; ``record`` a newly hashed one;
    ``save`` keeps the entries of the files seen by this scan (a removed file's entry goes)."""

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._stored = _load(path) if path is not None else {}
        self._seen: dict[str, tuple[str, int]] = {}
        self._now_ns = time.time_ns()

    def known(self, st: os.stat_result) -> tuple[str, int] | None:
        key = stat_key(st)
        hit = self._stored.get(key)
        if hit is not None:
            self._seen[key] = hit
        return hit

    def record(self, st: os.stat_result, sha: str, size: int) -> None:
        if max(st.st_mtime_ns, st.st_ctime_ns) <= self._now_ns - TRUST_AFTER_NS:
            self._seen[stat_key(st)] = (sha, size)

    def save(self) -> None:
        if self._path is None or self._seen == self._stored:
            return
        body = json.dumps({"format": FORMAT, "files": {k: [sha, size] for k, (sha, size) in self._seen.items()}})
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self._path.name}.", dir=self._path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(body)
                os.replace(tmp, self._path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a read-only warehouse folder: the next scan reads the files again
        self._stored = dict(self._seen)


def _load(path: Path) -> dict[str, tuple[str, int]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("files"), dict):
        return {}
    out = {}
    for key, value in data["files"].items():
        if (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
                and _SHA256.fullmatch(value[0]) and isinstance(value[1], int) and value[1] >= 0):
            out[key] = (value[0], value[1])
    return out
