"""Hostile file names and document text touch nothing but their own rows and never take the run down."""

import os

import pytest

from tests.conftest import query

pytestmark = pytest.mark.slow


def test_documents_with_hostile_names_load_under_their_exact_names(messy_run):
    db = messy_run["dir"] / "warehouse.duckdb"
    sources = {r[0] for r in query(db, "select source_file from main.dim_documents")}
    assert set(messy_run["hostile"]) <= sources
    ids = [r[0] for r in query(db, "select doc_id from main.dim_documents")]
    assert len(ids) == len(set(ids))
    for doc_id in ids:
        assert doc_id and all(c.isascii() and (c.isalnum() or c == "-") for c in doc_id), doc_id


def test_hostile_text_is_stored_verbatim_and_executes_nothing(messy_run):
    db = messy_run["dir"] / "warehouse.duckdb"
    texts = "\n".join(r[0] for r in query(db, "select text from main.fct_clauses"))
    for marker in ("DROP TABLE raw.raw_documents", "run_query('drop schema main cascade')", "jndi:ldap",
                   "ATTACH '/etc/passwd'"):
        assert marker in texts
    # every table of a clean run is still there, and nothing else appeared in the raw folder
    db_tables = {f"{s}.{t}" for s, t in query(db, "select table_schema, table_name from information_schema.tables "
                                                  "where table_type = 'BASE TABLE'")}
    assert messy_run["session_tables"] <= db_tables
    assert sorted(os.listdir(os.fsencode(messy_run["raw"]))) == messy_run["listing_before"]
    assert not os.path.exists("/tmp/pwned")


def test_hostile_documents_keep_their_clauses_apart(messy_run):
    db = messy_run["dir"] / "warehouse.duckdb"
    for name in messy_run["hostile"]:
        (n,), = query(db, "select count(*) from main.fct_clauses c join main.dim_documents d using (doc_id) "
                          "where d.source_file = ?", [name])
        assert n == 6, name  # 3 numbered clauses around 1 with two sub-clauses, as written


def test_a_200_mb_file_is_quarantined_without_being_read_into_memory(messy_run):
    (reason, size), = query(messy_run["dir"] / "warehouse.duckdb",
                            "select reason, size_bytes from raw.quarantine where source_file = 'huge-200mb.txt'")
    assert reason == "too_large" and size == 200 * 1024 * 1024
