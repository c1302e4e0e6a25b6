"""The memory limit of the connections that write a run's warehouse file (pipelines/warehouse/memory.py)."""

from __future__ import annotations

import shutil
from datetime import datetime

import duckdb
from dbt.adapters.duckdb.credentials import DuckDBCredentials, PluginConfig
from dbt.adapters.duckdb.environments import Environment
from dbt.adapters.duckdb.plugins import BasePlugin

from pipelines.warehouse import faults, memory
from pipelines.warehouse.ingest import ingest
from tests.conftest import RAW_SAMPLES


def _parse(text: str) -> float:
    """DuckDB's printed limit ("317.5 MiB") in bytes."""
    number, unit = text.split()
    return float(number) * {"KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40}[unit]


def _expected(limit: str) -> float:
    with duckdb.connect() as probe:
        probe.execute("set memory_limit = $limit", {"limit": limit})
        return _parse(probe.execute("select current_setting('memory_limit')").fetchone()[0])


def test_dbt_connection_takes_the_writer_limit_from_the_plugin(tmp_path, monkeypatch):
    # a limit no default of DuckDB's gives (80% of this machine's memory), opened by dbt-duckdb's own code
    monkeypatch.setattr(memory, "WRITER_MEMORY_LIMIT", "333MB")
    creds = DuckDBCredentials(path=str(tmp_path / "w.duckdb"), plugins=[PluginConfig(module="pipelines.dbt_plugin")])
    plugins = {p.alias or p.module: BasePlugin.create(p.module, config=p.config or {}) for p in creds.plugins}
    con = Environment.initialize_db(creds, plugins)
    try:
        assert _parse(con.execute("select current_setting('memory_limit')").fetchone()[0]) == _expected("333MB")
    finally:
        con.close()


def test_ingest_connection_takes_the_writer_limit(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in RAW_SAMPLES:
        shutil.copy(path, raw / path.name)
    monkeypatch.setattr(memory, "WRITER_MEMORY_LIMIT", "333MB")
    seen = []
    monkeypatch.setattr(faults, "corrupt_point",
                        lambda con: seen.append(con.execute("select current_setting('memory_limit')").fetchone()[0]))
    ingest(tmp_path / "w.duckdb", raw, now=datetime(2026, 1, 1))
    assert [_parse(s) for s in seen] == [_expected("333MB")]
