"""Shared by the dashboard, report, export and docs tests (which all read the session's
``published_warehouse`` of tests/conftest.py, never writing to it)."""

from __future__ import annotations

from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent


def sql_count(warehouse: Path, sql: str, params: list | None = None) -> int:
    """A count on the published file of ``warehouse`` (a warehouse dir), read-only."""
    con = duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute(sql, params or []).fetchone()[0]
    finally:
        con.close()
