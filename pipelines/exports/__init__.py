"""Parquet exports of every mart: ``export_parquet(warehouse_dir)`` -> ``<warehouse_dir>/parquet/<table>.parquet``.

For tools that read files rather than DuckDB (pandas, Spark, a BI tool's file connector). Runs after
each publish, on the published file opened read-only. The tables come from ``information_schema`` (names
checked against ``[a-z_][a-z0-9_]*`` and quoted); the statements carry no parameter and no text from a
document. The folder is written whole under a temporary name and swapped into place, so it always mirrors
one published version (``parquet/VERSION`` names it).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pipelines.dashboard.queries import DB_NAME, MART_PREFIXES, quote_identifier, read_only, warehouse_dir

PARQUET_DIR = "parquet"

MART_TABLES_SQL = (
    "select table_name from information_schema.tables "
    "where table_schema = 'main' and table_type = 'BASE TABLE' order by table_name"
)


def _sql_string(path: Path) -> str:
    """A file path as a SQL string literal (DuckDB literals have no backslash escapes: only ' doubles)."""
    text = str(path)
    if any(ord(ch) < 32 for ch in text):
        raise ValueError(f"refusing a path with control characters: {text!r}")
    return "'" + text.replace("'", "''") + "'"


def copy_statement(table: str, target: Path) -> str:
    return f"copy main.{quote_identifier(table)} to {_sql_string(target)} (format parquet, compression zstd)"


VERSION_FILE = "VERSION"  # the published version the folder was exported from


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``); False when the
    system cannot."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def exported_version(warehouse_dir_: str | os.PathLike | None = None) -> str | None:
    try:
        return (warehouse_dir(warehouse_dir_) / PARQUET_DIR / VERSION_FILE).read_text().strip() or None
    except OSError:
        return None


def export_parquet(warehouse_dir_: str | os.PathLike | None = None) -> dict[str, Path]:
    """Export every table of schema main named fct_*, dim_* or mart_*; returns ``table -> file``.

    The files are written to a fresh folder, from one read-only connection (one published version), and
    that folder is swapped with ``parquet/`` in one step: a reader (or a kill) never sees files of two
    versions side by side. ``parquet/VERSION`` names the version they come from."""
    root = warehouse_dir(warehouse_dir_)
    db = root / DB_NAME
    if not db.exists():
        raise FileNotFoundError(f"no published warehouse at {db}")
    out_dir = root / PARQUET_DIR
    tmp_dir = root / f".{PARQUET_DIR}.{os.getpid()}.tmp"
    shutil.rmtree(tmp_dir, ignore_errors=True)
    tmp_dir.mkdir()
    written: dict[str, Path] = {}
    try:
        with read_only(db) as con:
            tables = [r[0] for r in con.execute(MART_TABLES_SQL).fetchall() if r[0].startswith(MART_PREFIXES)]
            version = None
            for order in ("sequence desc nulls last, published_at desc", "published_at desc"):
                try:  # the newest publish (by sequence; files from before the column: by time)
                    version = con.execute(f"select version from meta.publish_log order by {order} limit 1").fetchone()
                    break
                except Exception:  # noqa: BLE001, S112 - no such column, or no log (built outside `resolutions run`)
                    continue
            for table in tables:
                con.execute(copy_statement(table, tmp_dir / f"{table}.parquet"))
                written[table] = out_dir / f"{table}.parquet"
        (tmp_dir / VERSION_FILE).write_text((version[0] if version else "") + "\n")
        if out_dir.is_dir() and not out_dir.is_symlink():
            if not _exchange(tmp_dir, out_dir):
                old = root / f".{PARQUET_DIR}.{os.getpid()}.old"
                os.replace(out_dir, old)
                os.replace(tmp_dir, out_dir)
                tmp_dir = old
        else:
            if out_dir.is_symlink() or out_dir.exists():
                out_dir.unlink()
            os.replace(tmp_dir, out_dir)
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)
    return written


def report_version(warehouse_dir_: str | os.PathLike | None = None) -> str | None:
    """The published version ``report.html`` was built from, as its header states it ("Warehouse version
    X · published ...", pipelines/report/build.py)."""
    import html
    import re

    from pipelines.report import REPORT_NAME

    try:
        with open(warehouse_dir(warehouse_dir_) / REPORT_NAME, encoding="utf-8") as fh:
            head = fh.read(1 << 16)
    except (OSError, UnicodeDecodeError):
        return None
    m = re.search(r'<p class="meta">Warehouse version ([^<·]*?) · published', head)
    version = html.unescape(m.group(1)).strip() if m else ""
    return version if version and version != "unknown" else None


def outputs_state(warehouse_dir_: str | os.PathLike | None = None) -> dict:
    """``{"published", "report", "parquet", "in_sync"}``: the version of each, and whether both outputs
    are of the published one (False after a kill between the publish and the export, or a failed export)."""
    from pipelines.warehouse.versions import published_version

    root = warehouse_dir(warehouse_dir_)
    state = {"published": published_version(root / DB_NAME), "report": report_version(root),
             "parquet": exported_version(root)}
    state["in_sync"] = state["published"] is None or state["report"] == state["parquet"] == state["published"]
    return state


def sync_outputs(warehouse_dir_: str | os.PathLike | None = None, force: bool = False) -> str | None:
    """Rebuild the report and the Parquet exports when either is not of the published version (a kill
    between the publish and the export, a rollback, a failed export); returns the version rebuilt, None
    when both were in sync. ``resolutions run`` calls it at start-up, ``resolutions rollback`` after."""
    from pipelines.report import build_report

    root = warehouse_dir(warehouse_dir_)
    state = outputs_state(root)
    if state["published"] is None or (not force and state["in_sync"]):
        return None
    build_report(root)
    export_parquet(root)
    return state["published"]
