"""A document with neither date nor number (its date withheld as implausible, say) has no place in its
series: lineage does not compare it, so no mart may treat it as following the document before it.

The published warehouse of the samples holds one series of two documents; on a private copy the later
one loses its date and number, and the models that order and compare documents are built again."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import private_copy, query, run_dbt

pytestmark = pytest.mark.slow

COMPARING = ("dim_documents", "fct_clause_lineage", "mart_commitment_strength", "mart_document_diff",
             "mart_topic_trends")


@pytest.fixture(scope="module")
def unplaced_build(published_warehouse, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("unplaced")
    db = private_copy(published_warehouse, tmp)
    ((later, series),) = query(db, "select doc_id, series from main.dim_documents order by doc_sequence desc limit 1")
    assert query(db, "select count(*) from main.dim_documents where series = ?", [series]) == [(2,)]
    with duckdb.connect(str(db)) as con:
        # the statement's only value is a parameter: a document id never becomes SQL text
        con.execute("update raw.raw_documents set adopted_on = null, number = null where doc_id = ?", [later])
    proc, _ = run_dbt("build", db, tmp, "--select", " ".join(COMPARING), "--full-refresh",
                      "--exclude-resource-type", "unit_test")
    return {"proc": proc, "db": db, "later": later}


def test_the_build_with_an_unplaced_document_passes(unplaced_build):
    proc = unplaced_build["proc"]
    assert proc.returncode == 0, proc.stdout[-4000:]


def test_an_unplaced_document_is_compared_with_no_earlier_one(unplaced_build):
    db, later = unplaced_build["db"], unplaced_build["later"]
    assert query(db, "select is_placed from main.dim_documents where doc_id = ?", [later]) == [(False,)]
    assert query(db, "select count(*) from main.fct_clause_lineage where doc_id = ?", [later]) == [(0,)]
    assert query(db, "select count(*) from main.mart_document_diff where doc_id = ?", [later]) == [(0,)]
    strength = query(db, "select count(*), count(n_carried_over), count(n_new_since_previous) "
                         "from main.mart_commitment_strength where doc_id = ?", [later])
    assert strength[0][0] > 0 and strength[0][1:] == (0, 0)
    trends = query(db, "select count(*), count(clause_share_change) from main.mart_topic_trends where doc_id = ?",
                   [later])
    assert trends[0][0] > 0 and trends[0][1] == 0


def test_a_placed_document_still_has_its_change_since_the_previous_one(published_warehouse):
    db = published_warehouse / "warehouse.duckdb"
    ((later,),) = query(db, "select doc_id from main.dim_documents order by doc_sequence desc limit 1")
    assert query(db, "select count(*) = count(clause_share_change) from main.mart_topic_trends where doc_id = ?",
                 [later]) == [(True,)]
