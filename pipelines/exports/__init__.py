"""Parquet exports of every mart: ``export_parquet(warehouse_dir)`` -> ``<warehouse_dir>/parquet/<table>.parquet``.

For tools that read files rather than DuckDB (pandas, Spark, a BI tool's file connector). Runs after
each publish, on the published file opened read-only. The tables come from ``information_schema`` (names
checked against ``[a-z_][a-z0-9_]*`` and quoted); the statements carry no parameter and no text from a
document. Each file is written under a temporary name and moved into place, and files of marts that no
longer exist are removed, so the folder always mirrors one published version.
"""

from __future__ import annotations

import os
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


def export_parquet(warehouse_dir_: str | os.PathLike | None = None) -> dict[str, Path]:
    """Export every table of schema main named fct_*, dim_* or mart_*; returns ``table -> file``."""
    root = warehouse_dir(warehouse_dir_)
    db = root / DB_NAME
    if not db.exists():
        raise FileNotFoundError(f"no published warehouse at {db}")
    out_dir = root / PARQUET_DIR
    out_dir.mkdir(exist_ok=True)
    written: dict[str, Path] = {}
    with read_only(db) as con:
        tables = [r[0] for r in con.execute(MART_TABLES_SQL).fetchall() if r[0].startswith(MART_PREFIXES)]
        for table in tables:
            final = out_dir / f"{table}.parquet"
            tmp = out_dir / f".{table}.parquet.tmp"
            con.execute(copy_statement(table, tmp))
            os.replace(tmp, final)
            written[table] = final
    for stale in out_dir.glob("*.parquet"):
        if stale.stem not in written:
            stale.unlink()
    return written
