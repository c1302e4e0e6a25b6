"""Publishing, kept versions and rollback.

Publishing order (a SIGKILL may land between any two steps):
1. copy the staging file to ``versions/<version>.duckdb.partial``;
2. ``os.replace(staging, warehouse.duckdb)``: the commit point, atomic on POSIX;
3. rename the partial copy to ``versions/<version>.duckdb``; prune to the newest ``keep``.
``recover`` (called at the next run start) finishes step 3 when the published file is that version and
deletes the partial copy when it is not, so a kill anywhere leaves a consistent directory.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from pathlib import Path

from pipelines.warehouse import faults, locks
from pipelines.warehouse.paths import Layout

DEFAULT_KEEP = 5
PARTIAL = ".duckdb.partial"


def keep_count() -> int:
    try:
        return max(1, int(os.environ.get("RESOLUTIONS_KEEP_VERSIONS", DEFAULT_KEEP)))
    except ValueError:
        return DEFAULT_KEEP


def new_version_name(run_id: str, now: float | None = None) -> str:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now))
    return f"{stamp}-{''.join(c for c in run_id if c.isalnum())[:8]}"


def list_versions(layout: Layout) -> list[str]:
    if not layout.versions_dir.is_dir():
        return []
    return sorted(p.name[: -len(".duckdb")] for p in layout.versions_dir.glob("*.duckdb"))


def published_version(db_path: Path) -> str | None:
    """The version recorded in a warehouse file's own ``meta.publish_log`` (None when absent)."""
    import duckdb

    if not db_path.exists():
        return None
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            row = con.execute(
                "select version from meta.publish_log order by published_at desc, version desc limit 1"
            ).fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None


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


def publish(layout: Layout, staging_db: Path, version: str, manifest: dict) -> Path:
    """Atomically make ``staging_db`` the published warehouse and keep a copy as ``version``."""
    layout.versions_dir.mkdir(parents=True, exist_ok=True)
    partial = layout.versions_dir / f"{version}{PARTIAL}"
    shutil.copyfile(staging_db, partial)
    _fsync_file(partial)
    (layout.versions_dir / f"{version}.json").write_text(json.dumps(manifest, default=str, indent=1))
    _fsync_file(staging_db)
    faults.fault_point("publishing")
    os.replace(staging_db, layout.published)  # commit point
    _fsync_dir(layout.root)
    os.replace(partial, layout.versions_dir / f"{version}.duckdb")
    _fsync_dir(layout.versions_dir)
    append_history(layout, {"event": "publish", "version": version, "at": manifest.get("published_at"),
                            "run_id": manifest.get("run_id")})
    prune(layout)
    return layout.published


def prune(layout: Layout, keep: int | None = None) -> list[str]:
    keep = keep or keep_count()
    names = list_versions(layout)
    current = published_version(layout.published)
    removed = []
    for name in names[:-keep] if len(names) > keep else []:
        if name == current:
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
    older = [n for n in names if current is None or n < current]
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
        os.replace(tmp, layout.published)
        _fsync_dir(layout.root)
        append_history(layout, {"event": "rollback", "version": version,
                                "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})
        return version
    finally:
        locks.release(layout, run_id)
