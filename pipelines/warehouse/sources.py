"""The raw folder as a list of candidate files, read defensively.

File names are untrusted: they are only ever used as data (query parameters, Arrow columns), never pasted
into SQL or shell commands, and a name that is not valid UTF-8 is stored with backslash escapes.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
DEFAULT_MAX_MB = 20.0
_CHUNK = 1 << 20


def max_file_bytes(max_mb: float | None = None) -> int:
    """Size limit per file: argument, else ``RESOLUTIONS_MAX_FILE_MB``, else 20 MB."""
    if max_mb is None:
        try:
            max_mb = float(os.environ.get("RESOLUTIONS_MAX_FILE_MB", DEFAULT_MAX_MB))
        except ValueError:
            max_mb = DEFAULT_MAX_MB
    return int(max_mb * 1024 * 1024)


def display_name(name: str) -> str:
    """A file name as valid UTF-8 text (undecodable bytes become ``\\xNN``)."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class RawFile:
    name: str  # display name, relative to the raw dir: the ``source_file`` stored in the warehouse
    path: Path
    size: int
    mtime_ns: int
    problem: str | None = None  # "unsupported_type" | "outside_raw_dir" | "not_a_file"


def list_raw_files(raw_dir: Path) -> list[RawFile]:
    """Candidate documents at the top level of ``raw_dir``, sorted by name; hidden files are skipped."""
    raw_dir = Path(raw_dir)
    root = raw_dir.resolve()
    files = []
    with os.scandir(raw_dir) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            problem = None
            try:
                if entry.is_symlink():
                    target = path.resolve()
                    if not target.is_relative_to(root):
                        problem = "outside_raw_dir"
                if entry.is_dir():
                    continue
                st = entry.stat()
            except OSError:
                st = None
                problem = problem or "not_a_file"
            if st is not None and not entry.is_file():
                problem = problem or "not_a_file"
            if problem is None and not entry.name.lower().endswith(SUPPORTED_SUFFIXES):
                problem = "unsupported_type"
            files.append(
                RawFile(
                    name=display_name(entry.name),
                    path=path,
                    size=st.st_size if st else 0,
                    mtime_ns=st.st_mtime_ns if st else 0,
                    problem=problem,
                )
            )
    return sorted(files, key=lambda f: f.name)


def listing_fingerprint(raw_dir: Path) -> str:
    """Cheap hash of the raw folder listing (names, sizes, mtimes): the raw-folder sensor's cursor."""
    h = hashlib.sha256()
    if Path(raw_dir).is_dir():
        for f in list_raw_files(Path(raw_dir)):
            h.update(f"{f.name}\0{f.size}\0{f.mtime_ns}\n".encode("utf-8", "backslashreplace"))
    return h.hexdigest()


def read_file(path: Path, max_bytes: int) -> tuple[bytes | None, str, int]:
    """``(data, sha256, size)``; ``data`` is None when the file is over ``max_bytes`` (hash streamed)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        head = fh.read(max_bytes + 1)
        h.update(head)
        if len(head) <= max_bytes:
            return head, h.hexdigest(), len(head)
        size = len(head)
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
            size += len(chunk)
    return None, h.hexdigest(), size
