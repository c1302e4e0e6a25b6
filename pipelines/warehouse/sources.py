"""The raw folder as a list of candidate files, read defensively.

File names are untrusted: they are only ever used as data (query parameters, Arrow columns), never pasted
into SQL or shell commands, and a name that is not valid UTF-8 is stored with backslash escapes.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipelines import settings

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
_CHUNK = 1 << 20


def max_file_bytes(max_mb: float | None = None) -> int:
    """Size limit per file in bytes: argument, else ``settings.max_file_mb``."""
    return int(settings.max_file_mb(max_mb) * 1024 * 1024)


def display_name(name: str) -> str:
    """A file name as valid UTF-8 text (undecodable bytes become ``\\xNN``)."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class RawFile:
    name: str  # display name, relative to the raw dir: the ``source_file`` stored in the warehouse
    path: Path
    size: int
    mtime_ns: int
    problem: str | None = None  # "unsupported_type" | "outside_raw_dir" | "not_a_file" | "name_clash"
    detail: str | None = None  # what exactly is wrong, when the reason alone does not say it
    # what the listing's stat said (of a link's target): the key of pipelines/warehouse/hash_cache.py
    stat: os.stat_result | None = field(default=None, compare=False, repr=False)


def name_key(name: str) -> str:
    """Names that differ only by case or Unicode normalisation (NFC/NFD) are one name on a
    case-insensitive or normalising file system (macOS, Windows, a SMB share): they must not be two
    documents."""
    return unicodedata.normalize("NFC", name).casefold()


def _classify(entry: os.DirEntry, root: Path) -> tuple[str | None, str | None, os.stat_result | None]:
    """``(problem, detail, stat)`` of one folder entry; never raises."""
    path = Path(entry.path)
    try:
        if entry.is_symlink():
            try:
                target = Path(os.path.realpath(path, strict=True))
            except (OSError, RuntimeError) as exc:  # a loop raises RuntimeError (Python < 3.13) or ELOOP
                looped = isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP
                return "not_a_file", "symbolic link loop" if looped else "broken symbolic link", None
            if not target.is_relative_to(root):
                return "outside_raw_dir", None, None
        st = entry.stat()
    except (OSError, RuntimeError, ValueError):
        return "not_a_file", None, None
    if stat.S_ISDIR(st.st_mode):
        return "not_a_file", "a folder: only files at the top level of the raw folder are read", st
    if not stat.S_ISREG(st.st_mode):
        return "not_a_file", None, st
    if not entry.name.lower().endswith(SUPPORTED_SUFFIXES):
        return "unsupported_type", None, st
    return None, None, st


def supported_types(conjunction: str = "or") -> str:
    """".txt, .md, ... or .docx": the types read, in words (one owner: ``SUPPORTED_SUFFIXES``)."""
    return f"{', '.join(SUPPORTED_SUFFIXES[:-1])} {conjunction} {SUPPORTED_SUFFIXES[-1]}"


# what a listing problem means, in the words both `run` (its quarantine) and `parse` print
PROBLEM_MESSAGES = {
    "unsupported_type": f"not a {supported_types()} file",
    "outside_raw_dir": "symbolic link to a file outside the raw folder",
    "not_a_file": "not a regular file",
    "name_clash": "the name differs from another file's only by letter case or Unicode normalisation",
}


def problem_message(problem: str) -> str:
    return PROBLEM_MESSAGES.get(problem, problem)


def path_problem(path: Path) -> tuple[str, str] | None:
    """``(reason, message)`` when a run would quarantine ``path`` before reading it (its type, a folder,
    a device), as ``list_raw_files`` decides it; None when a run would read it. For ``resolutions parse``,
    so that the two commands never disagree about a file."""
    path = Path(path)
    with os.scandir(path.parent) as entries:
        entry = next((e for e in entries if e.name == path.name), None)
    if entry is None:
        return None  # gone: the caller's open says so
    problem, detail, _ = _classify(entry, path.parent.resolve())
    if problem in (None, "outside_raw_dir"):  # a file given by path may live anywhere
        return None
    return problem, detail or problem_message(problem)


def list_raw_files(raw_dir: Path) -> list[RawFile]:
    """Candidate documents at the top level of ``raw_dir``, sorted by name; hidden files are skipped.
    Nothing is silently left out: folders, links that loop or lead outside, and names that clash with
    another one (by case or normalisation) come back with their ``problem``."""
    raw_dir = Path(raw_dir)
    root = raw_dir.resolve()
    files = []
    with os.scandir(raw_dir) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            problem, detail, st = _classify(entry, root)
            files.append(
                RawFile(
                    name=display_name(entry.name),
                    path=Path(entry.path),
                    size=st.st_size if st else 0,
                    mtime_ns=st.st_mtime_ns if st else 0,
                    problem=problem,
                    # the listing says what is wrong in full, so `run` and `parse` print the same words
                    detail=detail or (problem_message(problem) if problem else None),
                    stat=st,
                )
            )
    files.sort(key=lambda f: f.name)
    first: dict[str, str] = {}
    for i, f in enumerate(files):
        other = first.setdefault(name_key(f.name), f.name)
        if other != f.name and f.problem is None:
            files[i] = replace(f, problem="name_clash",
                               detail=f"differs from {other!r} only by letter case or Unicode normalisation")
    return files


def listing_fingerprint(raw_dir: Path) -> str:
    """Cheap hash of the raw folder listing (names, sizes, mtimes): the raw-folder sensor's cursor."""
    h = hashlib.sha256()
    if Path(raw_dir).is_dir():
        for f in list_raw_files(Path(raw_dir)):
            h.update(f"{f.name}\0{f.size}\0{f.mtime_ns}\n".encode("utf-8", "backslashreplace"))
    return h.hexdigest()


class SwappedFile(OSError):
    """The file changed identity between listing and opening (a link or file swapped in)."""


def open_checked(path: Path, root: Path | None = None) -> int:
    """Open a raw file for reading and return the descriptor, so that what is read is what was checked:
    a plain entry is opened with ``O_NOFOLLOW`` (a link swapped in fails with ELOOP); an entry that is a
    link is opened, then the opened file itself (``fstat``) must be the file its resolved path names
    inside ``root``: a link re-pointed outside between the check and the open is refused. Either way the
    descriptor must be a regular file (a FIFO swapped in must not hang the run: ``O_NONBLOCK``)."""
    path = Path(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if path.is_symlink():
        # the root is resolved for links only: a plain entry needs no path check, and resolving the root
        # for every file of a large raw folder is a noticeable part of its scan (docs/benchmarks.md)
        root = (Path(root) if root is not None else path.parent).resolve()
        fd = os.open(path, flags)
        try:
            st = os.fstat(fd)
            target = Path(os.path.realpath(path))
            if not target.is_relative_to(root):
                raise SwappedFile(errno.EXDEV, "the link leads outside the raw folder")
            now = os.stat(target, follow_symlinks=False)
            if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
                raise SwappedFile(errno.ESTALE, "the link changed while it was opened")
        except BaseException:
            os.close(fd)
            raise
    else:
        fd = os.open(path, flags | os.O_NOFOLLOW)
        st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise SwappedFile(errno.EINVAL, "not a regular file")
    return fd


def read_file(path: Path, max_bytes: int, root: Path | None = None) -> tuple[bytes | None, str, int]:
    """``(data, sha256, size)``; ``data`` is None when the file is over ``max_bytes`` (hash streamed)."""
    h = hashlib.sha256()
    with os.fdopen(open_checked(path, root), "rb") as fh:
        head = fh.read(max_bytes + 1)
        h.update(head)
        if len(head) <= max_bytes:
            return head, h.hexdigest(), len(head)
        size = len(head)
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
            size += len(chunk)
    return None, h.hexdigest(), size
