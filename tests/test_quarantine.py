"""Every bad-input class is quarantined with a reason and a hint; the good documents still publish."""

import pytest

from tests.conftest import db_sha256, query

pytestmark = pytest.mark.slow


def test_run_with_bad_files_publishes_the_good_ones_and_exits_3(messy_run):
    proc = messy_run["proc"]
    assert proc.returncode == 3, proc.stdout[-4000:] + proc.stderr[-3000:]
    assert db_sha256(messy_run["dir"] / "warehouse.duckdb") != messy_run["published_sha_before"]
    n_docs = query(messy_run["dir"] / "warehouse.duckdb", "select count(*) from main.dim_documents")[0][0]
    assert n_docs == 1 + len(messy_run["hostile"])  # the changed sample and every hostile document


def test_every_bad_file_is_in_the_quarantine_table_with_reason_and_hint(messy_run):
    rows = query(messy_run["dir"] / "warehouse.duckdb",
                 "select source_file, reason, message, hint, first_seen, last_seen from raw.quarantine")
    got = {r[0]: r[1] for r in rows}
    assert got == messy_run["expected_bad"]
    for source_file, _, message, hint, first_seen, last_seen in rows:
        assert message and hint and first_seen and last_seen, source_file


def test_every_bad_file_is_named_in_the_run_output(messy_run):
    out = messy_run["proc"].stdout
    assert f"quarantined  {len(messy_run['expected_bad'])}" in out
    for name, reason in messy_run["expected_bad"].items():
        assert f"{name!r}: {reason}" in out


def test_hidden_files_are_ignored(messy_run):
    sources = {r[0] for r in query(messy_run["dir"] / "warehouse.duckdb",
                                   "select source_file from raw.raw_documents union all "
                                   "select source_file from raw.quarantine")}
    assert ".hidden-draft.txt" not in sources
