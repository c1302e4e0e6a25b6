"""How lineage reads the warehouse (pipelines/facts/lineage_store.py): DuckDB's memory while a walk runs."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.facts import lineage_store


def _limit(con) -> int:
    return con.execute("select value from duckdb_settings() where name = 'memory_limit'").fetchone()[0]


def _bytes(con, text: str) -> int:
    probe = duckdb.connect()
    probe.execute("set memory_limit = $limit", {"limit": text})
    return probe.execute("select current_setting('memory_limit')").fetchone()[0]


def test_the_walk_holds_duckdb_to_its_limit_and_gives_the_previous_one_back():
    con = duckdb.connect()
    con.execute("set memory_limit = '700MB'")
    before = _limit(con)
    with lineage_store.walk_memory_limit(con):
        inside = _limit(con)
        assert inside == _bytes(con, lineage_store.WALK_MEMORY_LIMIT) and inside != before
    assert _limit(con) == before


def test_a_limit_duckdb_cannot_lower_to_is_left_as_it_was(monkeypatch):
    con = duckdb.connect()  # in memory: its tables cannot be spilled, so a limit below them is refused
    con.execute("set memory_limit = '2GB'")
    con.execute("create table t as select range as x, md5(range::varchar) as y from range(2000000)")
    monkeypatch.setattr(lineage_store, "WALK_MEMORY_LIMIT", "1MB")
    before = _limit(con)
    ran = False
    with lineage_store.walk_memory_limit(con):
        ran = True
        assert _limit(con) == before
    assert ran and _limit(con) == before


def test_an_error_inside_the_walk_still_gives_the_limit_back():
    con = duckdb.connect()
    con.execute("set memory_limit = '700MB'")
    before = _limit(con)
    with pytest.raises(RuntimeError), lineage_store.walk_memory_limit(con):
        raise RuntimeError("a worker died")
    assert _limit(con) == before
