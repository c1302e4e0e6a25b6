"""Parquet exports of every mart."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.dashboard.queries import quote_identifier
from pipelines.exports import copy_statement, export_parquet


@pytest.fixture(scope="module")
def warehouse(published_warehouse) -> Path:
    return published_warehouse


@pytest.fixture
def copy(warehouse, tmp_path) -> Path:
    shutil.copy2(warehouse / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    return tmp_path


def main_tables(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main' order by 1"
        ).fetchall()]
    finally:
        con.close()


def test_every_mart_is_exported_with_all_its_rows_and_columns(copy):
    db = copy / "warehouse.duckdb"
    written = export_parquet(copy)
    marts = [t for t in main_tables(db) if t.startswith(("fct_", "dim_", "mart_"))]
    assert sorted(written) == marts
    assert {"dim_documents", "fct_clauses", "fct_commitments", "fct_targets"} <= set(written)
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table, path in written.items():
            assert path == copy / "parquet" / f"{table}.parquet"
            assert con.execute(f"select count(*) from main.{quote_identifier(table)}").fetchone() == \
                con.execute("select count(*) from read_parquet(?)", [str(path)]).fetchone(), table
            cols = con.execute(f"select * from main.{quote_identifier(table)} limit 0").description
            pq_cols = con.execute("select * from read_parquet(?) limit 0", [str(path)]).description
            assert [c[0] for c in cols] == [c[0] for c in pq_cols], table
    finally:
        con.close()


def test_seeds_raw_and_meta_tables_are_not_exported(copy):
    written = export_parquet(copy)
    assert not {"lead_lexicon", "topic_taxonomy", "pledges", "raw_clauses", "publish_log"} & set(written)


def test_files_of_marts_that_no_longer_exist_are_removed(copy):
    stale = copy / "parquet" / "fct_gone.parquet"
    stale.parent.mkdir()
    stale.write_bytes(b"PAR1")
    export_parquet(copy)
    assert not stale.exists()
    assert not list((copy / "parquet").glob(".*"))  # no temporary file left


def test_the_published_file_is_only_read(copy):
    db = copy / "warehouse.duckdb"
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    export_parquet(copy)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in copy.iterdir()) == ["parquet", "warehouse.duckdb"]


def test_a_warehouse_dir_with_quotes_in_its_name_exports(warehouse, tmp_path):
    odd = tmp_path / "it's a \"dir\"; drop table x"
    odd.mkdir()
    shutil.copy2(warehouse / "warehouse.duckdb", odd / "warehouse.duckdb")
    assert (export_parquet(odd)["fct_clauses"]).exists()


def test_the_copy_statement_quotes_the_table_and_refuses_other_names(tmp_path):
    assert copy_statement("fct_clauses", Path("/w/it's.parquet")) == (
        "copy main.\"fct_clauses\" to '/w/it''s.parquet' (format parquet, compression zstd)"
    )
    for bad in ['fct_x"; drop table y; --', "Fct_Upper", "fct x", ""]:
        with pytest.raises(ValueError):
            copy_statement(bad, tmp_path / "x.parquet")


def test_without_a_published_warehouse_nothing_is_written(tmp_path):
    with pytest.raises(FileNotFoundError):
        export_parquet(tmp_path)
    assert not (tmp_path / "parquet").exists()
