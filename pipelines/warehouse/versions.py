"""Publishing, kept versions and rollback.

Publishing order (a SIGKILL may land between any two steps):
1. copy the staging file to ``versions/<version>.duckdb.partial``;
2. ``os.replace(staging, warehouse.duckdb)``: the commit point, atomic on POSIX;
3. rename the partial copy to ``versions/<version>.duckdb``; prune to the newest ``keep``.
``recover`` (called at the next run start) finishes step 3 when the published file is that version and
deletes the partial copy when it is not, so a kill anywhere leaves a consistent directory.

Versions are ordered by a sequence number (``sequence`` in each ``<version>.json`` and in
``meta.publish_log``), never by clock time or name: a clock stepped backwards must not make the newest
version look old (status, the default rollback target and pruning all depend on the order).
Each sidecar also records the sha256 of the file as published: ``check_published`` compares it before a
run builds on the file and after publishing, and refuses a file changed, corrupted or deleted behind the
product's back (or one with a write-ahead log beside it) with the cause and the command that recovers.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
from pathlib import Path

from pipelines import settings
from pipelines.warehouse import faults, locks
from pipelines.warehouse.paths import Layout

PARTIAL = ".duckdb.partial"


def shrink_problem(before: int | None, after: int, share: float, raw_dir) -> str | None:
    """Why a build must not replace the published one: it holds no document at all (an unmounted share or a
    wrong path looks exactly like this), or it lost more than ``share`` of the published documents."""
    if after == 0:
        return (f"refusing to publish a warehouse with no document: nothing readable in {raw_dir} "
                f"(an empty or unmounted folder, a wrong path?); --allow-shrink publishes it anyway")
    if before and (before - after) / before > share:
        return (f"refusing to publish {after} document(s) over {before}: more than {share:.0%} of the corpus "
                f"is gone from {raw_dir}; --allow-shrink (or {settings.MAX_SHRINK}) publishes it anyway")
    return None


def new_version_name(run_id: str, now: float | None = None) -> str:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now))
    return f"{stamp}-{''.join(c for c in run_id if c.isalnum())[:8]}"


# newest first by publish sequence; rows written before the sequence existed come after, by time
PUBLISH_LOG_ORDER = "order by sequence desc nulls last, published_at desc, version desc"


class PublishedFileProblem(RuntimeError):
    """The published file is not what the product published: the message names the cause and the fix."""


def sidecar(layout: Layout, name: str) -> dict:
    try:
        return json.loads((layout.versions_dir / f"{name}.json").read_text())
    except (OSError, ValueError):
        return {}


def list_versions(layout: Layout) -> list[str]:
    """Kept versions, oldest first by publish sequence (versions from before the sequence: by name)."""
    if not layout.versions_dir.is_dir():
        return []
    names = [p.name[: -len(".duckdb")] for p in layout.versions_dir.glob("*.duckdb")]
    seq = {n: sidecar(layout, n).get("sequence") for n in names}
    return sorted(names, key=lambda n: (seq[n] is not None, seq[n] or 0, n))


def kept_versions_bytes(layout: Layout) -> int:
    """What the kept versions take on disk: each is a full copy of a published file, with its manifest."""
    total = 0
    for name in list_versions(layout):
        for suffix in (".duckdb", ".json"):
            try:
                total += (layout.versions_dir / f"{name}{suffix}").stat().st_size
            except OSError:
                continue  # pruned meanwhile
    return total


def human_bytes(n: int) -> str:
    """``17.5 MB`` (binary units, one decimal; bytes below 1 KB)."""
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{int(size)} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


def kept_versions_line(layout: Layout) -> str:
    """``5 kept (at most 5: RESOLUTIONS_KEEP_VERSIONS), 87.5 MB``."""
    return (f"{len(list_versions(layout))} kept (at most {settings.keep_versions()}: {settings.KEEP_VERSIONS}), "
            f"{human_bytes(kept_versions_bytes(layout))}")


def next_sequence(layout: Layout) -> int:
    """One more than any sequence seen in kept versions and the history (called under the lock)."""
    seen = [0]
    if layout.versions_dir.is_dir():
        seen += [sidecar(layout, p.name[: -len(".json")]).get("sequence") or 0
                 for p in layout.versions_dir.glob("*.json")]
    with contextlib.suppress(OSError):
        for line in layout.history_path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError, AttributeError):
                seen.append(int(json.loads(line).get("sequence") or 0))
    return max(seen) + 1


def latest_publish_row(db_path: Path, columns: str = "*") -> dict | None:
    """``columns`` of the newest row of a warehouse file's own ``meta.publish_log`` (None when the file, the
    log or a row is absent, or the file cannot be read). A log older than ``sequence`` is ordered by date."""
    import duckdb

    if not db_path.exists():
        return None
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            cols = {r[0] for r in con.execute("select column_name from information_schema.columns "
                                              "where table_schema = 'meta' and table_name = 'publish_log'").fetchall()}
            order = PUBLISH_LOG_ORDER if "sequence" in cols else "order by published_at desc, version desc"
            cur = con.execute(f"select {columns} from meta.publish_log {order} limit 1")
            names = [d[0] for d in cur.description]
            row = cur.fetchone()
    except duckdb.Error:
        return None
    return None if row is None else dict(zip(names, row, strict=True))


def published_version(db_path: Path) -> str | None:
    """The version recorded in a warehouse file's own ``meta.publish_log`` (None when absent)."""
    row = latest_publish_row(db_path, "version")
    return row["version"] if row else None


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def wal_path(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


def check_published(layout: Layout) -> str | None:
    """What is wrong with the published file, with the command that recovers; None when it is the file
    the product published (or nothing was ever published)."""
    import duckdb

    db, kept = layout.published, list_versions(layout)
    newest = f"`resolutions rollback {kept[-1]}`" if kept else "`resolutions run --full-refresh`"
    if not db.exists():
        if kept:
            return (f"{db.name} is missing, but {len(kept)} published version(s) are kept: {newest} restores "
                    "the newest (a run would otherwise rebuild from nothing and reset the document history)")
        return None
    if wal_path(db).exists():
        # never opened here: even a read-only connection would try to replay the log
        return (f"{wal_path(db).name} lies beside the published file: a tool opened {db.name} read-write and "
                "wrote to it, outside `resolutions run`; readers fail and its changes belong to no version. "
                f"{newest} puts the kept copy back and sets the log aside")
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            con.execute("select count(*) from information_schema.tables").fetchone()
    except duckdb.Error as exc:
        if "lock" in str(exc).lower():
            # another process (a BI tool without -readonly) holds DuckDB's write lock: the file is in use,
            # not damaged, and a publish swaps it without opening it; its bytes cannot be vouched for now
            return None
        return f"{db.name} cannot be opened ({str(exc).splitlines()[0][:200]}): {newest} restores a kept copy"
    version = published_version(db)
    expected = sidecar(layout, version).get("sha256") if version else None
    if expected and file_sha256(db) != expected:
        kept_copy = f"`resolutions rollback {version}`" if version in kept else newest
        return (f"{db.name} (version {version}) differs from the file that was published (sha256): it was "
                f"changed or damaged outside `resolutions run`; {kept_copy} restores the kept copy")
    return None


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def append_history(layout: Layout, event: dict) -> None:
    with open(layout.history_path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(event, default=str, ensure_ascii=False) + "\n")


def publish(layout: Layout, staging_db: Path, version: str, manifest: dict, keep: int | None = None) -> Path:
    """Atomically make ``staging_db`` the published warehouse, keep a copy as ``version`` and prune the
    kept versions to ``keep`` (default: ``settings.keep_versions``)."""
    layout.versions_dir.mkdir(parents=True, exist_ok=True)
    partial = layout.versions_dir / f"{version}{PARTIAL}"
    shutil.copyfile(staging_db, partial)
    _fsync_file(partial)
    sha = file_sha256(partial)
    (layout.versions_dir / f"{version}.json").write_text(
        json.dumps({**manifest, "sha256": sha}, default=str, indent=1))
    _fsync_file(staging_db)
    faults.fault_point("publishing")
    if wal_path(layout.published).exists():  # a log beside the target would be replayed into the new file
        partial.unlink(missing_ok=True)
        (layout.versions_dir / f"{version}.json").unlink(missing_ok=True)
        raise PublishedFileProblem(check_published(layout) or "a write-ahead log lies beside the published file")
    built = os.stat(staging_db)
    os.replace(staging_db, layout.published)  # commit point
    _fsync_dir(layout.root)
    os.replace(partial, layout.versions_dir / f"{version}.duckdb")
    _fsync_dir(layout.versions_dir)
    append_history(layout, {"event": "publish", "version": version, "at": manifest.get("published_at"),
                            "run_id": manifest.get("run_id"), "sequence": manifest.get("sequence"),
                            "sha256": sha})
    prune(layout, keep)
    # The file a rename put in place keeps its inode: another file there is another process's (the
    # bytes are the partial copy's, hashed above; hashing the published file again read it once more)
    if not _same_file(built, layout.published):
        raise PublishedFileProblem(f"after publishing, {layout.published.name} is not version {version}: "
                                   f"{check_published(layout) or 'another process replaced it'}")
    return layout.published


def _same_file(built: os.stat_result, path: Path) -> bool:
    try:
        now = os.stat(path)
    except OSError:
        return False
    return (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) == (
        built.st_dev, built.st_ino, built.st_size, built.st_mtime_ns)


def prune(layout: Layout, keep: int | None = None) -> list[str]:
    """Keep the newest ``keep`` versions by sequence; the live one is never removed (every kept version
    passed every check, so the newest kept ones are the last good ones)."""
    keep = keep or settings.keep_versions()
    names = list_versions(layout)
    current = published_version(layout.published)
    removed = []
    for name in names[:-keep] if len(names) > keep else []:
        if name == current or current is None:
            continue
        for suffix in (".duckdb", ".json"):
            (layout.versions_dir / f"{name}{suffix}").unlink(missing_ok=True)
        removed.append(name)
    return removed


def recover(layout: Layout) -> None:
    """Finish or undo a publish that was killed half-way (see the module docstring)."""
    if not layout.versions_dir.is_dir():
        return
    partials = list(layout.versions_dir.glob(f"*{PARTIAL}"))
    current = published_version(layout.published) if partials else None
    for partial in partials:
        name = partial.name[: -len(PARTIAL)]
        if name == current:
            os.replace(partial, layout.versions_dir / f"{name}.duckdb")
        else:
            partial.unlink(missing_ok=True)
            (layout.versions_dir / f"{name}.json").unlink(missing_ok=True)
    for tmp in layout.root.glob(".rollback.*.tmp"):
        tmp.unlink(missing_ok=True)


def resolve_version(layout: Layout, wanted: str | None) -> str:
    """An exact or unique-prefix version name; by default the newest one older than what is published."""
    names = list_versions(layout)
    if not names:
        raise LookupError("no kept versions to roll back to")
    if wanted:
        if wanted in names:
            return wanted
        matches = [n for n in names if n.startswith(wanted)]
        if len(matches) == 1:
            return matches[0]
        raise LookupError(
            f"version {wanted!r} {'is ambiguous' if matches else 'not found'}; kept: {', '.join(names)}"
        )
    current = published_version(layout.published)
    older = names[: names.index(current)] if current in names else names
    if not older:
        raise LookupError(f"nothing older than the published version {current} is kept")
    return older[-1]


def rollback(layout: Layout, wanted: str | None = None) -> str:
    """Restore a kept version as the published warehouse (atomically, under the run lock)."""
    run_id = f"rollback{os.getpid()}"
    locks.acquire(layout, run_id)
    try:
        version = resolve_version(layout, wanted)
        tmp = layout.root / f".rollback.{os.getpid()}.tmp"
        shutil.copyfile(layout.versions_dir / f"{version}.duckdb", tmp)
        _fsync_file(tmp)
        wal = wal_path(layout.published)
        if wal.exists():  # written outside the product: kept for a person to inspect, never replayed
            os.replace(wal, wal.with_name(f"{wal.name}.set-aside-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}"))
        os.replace(tmp, layout.published)
        _fsync_dir(layout.root)
        append_history(layout, {"event": "rollback", "version": version,
                                "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})
        return version
    finally:
        locks.release(layout, run_id)
