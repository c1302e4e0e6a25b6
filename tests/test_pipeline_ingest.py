"""The raw layer on its own (no Dagster, no dbt): incremental, idempotent, replaces whole documents."""

from __future__ import annotations

import shutil
from datetime import datetime

import duckdb
import pytest

from pipelines.warehouse import rawload
from pipelines.warehouse.ingest import ingest
from tests.conftest import RAW_SAMPLES, table_checksums

T0 = datetime(2025, 1, 1, 12, 0, 0)
T1 = datetime(2025, 1, 2, 12, 0, 0)


@pytest.fixture()
def raw(tmp_path):
    d = tmp_path / "raw"
    d.mkdir()
    for p in RAW_SAMPLES:
        shutil.copy(p, d / p.name)
    return d


def _q(db, sql, params=()):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_first_ingest_loads_every_document_and_parses_each_file_once(raw, tmp_path):
    db = tmp_path / "w.duckdb"
    report = ingest(db, raw, now=T0)
    assert sorted(report.parsed_files) == sorted(p.name for p in RAW_SAMPLES)
    assert report.full_rebuild and not report.quarantined
    n_docs = _q(db, "select count(*) from raw.raw_documents")[0][0]
    assert n_docs == len(RAW_SAMPLES)
    assert _q(db, "select count(*) from raw.raw_clauses")[0][0] > 20 * n_docs
    assert _q(db, "select count(*) from raw.document_versions")[0][0] == n_docs


def test_second_ingest_parses_nothing_and_changes_no_row(raw, tmp_path):
    db = tmp_path / "w.duckdb"
    ingest(db, raw, now=T0)
    before = table_checksums(db)
    report = ingest(db, raw, now=T1)
    assert report.parsed_files == [] and report.unchanged_files == len(RAW_SAMPLES)
    assert not report.full_rebuild
    # raw.build_scope says what this run loaded (nothing): it is the run's note to dbt, not document data
    data = lambda sums: {t: v for t, v in sums.items() if t != "raw.build_scope"}  # noqa: E731
    assert data(table_checksums(db)) == data(before)
    assert _q(db, "select count(*) from raw.build_scope")[0][0] == 0
    first, last = _q(db, "select min(first_seen), max(last_seen) from raw.document_versions")[0]
    assert first == T0 and last == T1


def test_changed_file_replaces_its_rows_and_only_its_rows(raw, tmp_path):
    db = tmp_path / "w.duckdb"
    ingest(db, raw, now=T0)
    victim, other = sorted(raw.iterdir())[0], sorted(raw.iterdir())[1]
    other_doc = _q(db, "select doc_id from raw.raw_documents where source_file = ?", [other.name])[0][0]
    other_rows = _q(db, "select * from raw.raw_clauses where doc_id = ? order by ordinal", [other_doc])
    text = victim.read_text(encoding="utf-8")
    # drop the last clause block: the document keeps its id, loses rows
    victim.write_text(text[: text.rstrip().rfind("\n\n")] + "\n", encoding="utf-8")
    report = ingest(db, raw, now=T1)
    assert report.parsed_files == [victim.name]
    doc = _q(db, "select doc_id, sha256 from raw.raw_documents where source_file = ?", [victim.name])
    assert len(doc) == 1
    n_clauses = _q(db, "select count(*) from raw.raw_clauses where doc_id = ?", [doc[0][0]])[0][0]
    assert n_clauses == _q(db, "select n_clauses from raw.raw_documents where doc_id = ?", [doc[0][0]])[0][0]
    assert _q(db, "select * from raw.raw_clauses where doc_id = ? order by ordinal", [other_doc]) == other_rows
    versions = _q(db, "select sha256, first_seen, last_seen from raw.document_versions where doc_id = ? "
                      "order by first_seen", [doc[0][0]])
    assert len(versions) == 2 and versions[0][2] == T0 and versions[1][1] == T1


def test_removed_file_deletes_its_rows_from_every_table(raw, tmp_path):
    db = tmp_path / "w.duckdb"
    ingest(db, raw, now=T0)
    gone = sorted(raw.iterdir())[0]
    gone_doc = _q(db, "select doc_id from raw.raw_documents where source_file = ?", [gone.name])[0][0]
    gone.unlink()
    report = ingest(db, raw, now=T1)
    assert report.removed_files == [gone.name] and report.deleted_doc_ids == [gone_doc]
    for table in rawload.DOC_TABLES:
        assert _q(db, f"select count(*) from raw.{table} where doc_id = ?", [gone_doc])[0][0] == 0
    # history keeps the version it had
    assert _q(db, "select count(*) from raw.document_versions where doc_id = ?", [gone_doc])[0][0] == 1


def test_a_copy_of_a_loaded_file_is_quarantined_not_loaded_twice(raw, tmp_path):
    db = tmp_path / "w.duckdb"
    ingest(db, raw, now=T0)
    original = sorted(raw.iterdir())[0]
    shutil.copy(original, raw / ("0-copy-of-" + original.name))  # sorts first: ownership must not move
    report = ingest(db, raw, now=T1)
    assert [(q["source_file"], q["reason"]) for q in report.quarantined] == [
        ("0-copy-of-" + original.name, "duplicate_content")]
    assert report.parsed_files == []


def test_two_files_with_the_same_document_id_keep_the_first(raw, tmp_path):
    db = tmp_path / "w.duckdb"
    original = sorted(raw.iterdir())[0]
    clash = raw / (original.stem + ".html")  # same slug, different content
    clash.write_text("<p>RESOLUTION 9</p><p>The Assembly,</p><p>1. Urges governments to act;</p>",
                     encoding="utf-8")
    report = ingest(db, raw, now=T0)
    reasons = {q["source_file"]: q["reason"] for q in report.quarantined}
    assert len(reasons) == 1 and set(reasons.values()) == {"duplicate_document"}
    assert _q(db, "select count(*) from raw.raw_documents")[0][0] == len(RAW_SAMPLES)


def test_quarantine_keeps_first_seen_and_forgets_fixed_files(raw, tmp_path):
    db = tmp_path / "w.duckdb"
    (raw / "blank.txt").write_bytes(b"   \n")
    ingest(db, raw, now=T0)
    ingest(db, raw, now=T1)
    assert _q(db, "select reason, first_seen, last_seen from raw.quarantine") == [("empty", T0, T1)]
    (raw / "blank.txt").unlink()
    ingest(db, raw, now=T1)
    assert _q(db, "select count(*) from raw.quarantine")[0][0] == 0


def test_parser_code_change_triggers_one_full_reparse(raw, tmp_path, monkeypatch):
    db = tmp_path / "w.duckdb"
    ingest(db, raw, now=T0)
    monkeypatch.setattr("pipelines.warehouse.ingest.code_fingerprint", lambda: "another-parser")
    report = ingest(db, raw, now=T1)
    assert report.full_rebuild and len(report.parsed_files) == len(RAW_SAMPLES)
    assert _q(db, "select count(*) from raw.raw_documents")[0][0] == len(RAW_SAMPLES)
    assert _q(db, "select count(*) from raw.document_versions")[0][0] == len(RAW_SAMPLES)


def test_a_parser_crash_quarantines_that_file_only(raw, tmp_path):
    from pipelines.parsing import UnreadableDocument, parse_bytes

    def flaky(data, name, **kw):
        if name == sorted(p.name for p in RAW_SAMPLES)[0]:
            raise RecursionError("boom")
        return parse_bytes(data, name, **kw)

    db = tmp_path / "w.duckdb"
    report = ingest(db, raw, now=T0, parser=(flaky, UnreadableDocument))
    assert [q["reason"] for q in report.quarantined] == ["parser_error"]
    assert "RecursionError" in report.quarantined[0]["message"]
    assert len(report.parsed_files) == len(RAW_SAMPLES) - 1


def test_a_changed_file_keeps_its_document_against_a_newcomer_with_the_same_id(raw, tmp_path):
    db = tmp_path / "w.duckdb"
    ingest(db, raw, now=T0)
    original = sorted(raw.iterdir())[0]
    original.write_text(original.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    # sorts before the original and slugs to the same doc_id
    (raw / (original.stem + ".htm")).write_text(
        "<p>RESOLUTION 9</p><p>The Assembly,</p><p>1. Urges governments to act;</p>", encoding="utf-8")
    shutil.copy(original, raw / ("a copy of " + original.name))
    report = ingest(db, raw, now=T1)
    assert report.parsed_files == [original.name]
    assert {q["source_file"]: q["reason"] for q in report.quarantined} == {
        original.stem + ".htm": "duplicate_document", "a copy of " + original.name: "duplicate_content"}


def test_size_limit_comes_from_the_environment_at_call_time(raw, tmp_path, monkeypatch):
    monkeypatch.setenv("RESOLUTIONS_MAX_FILE_MB", "0.001")
    report = ingest(tmp_path / "w.duckdb", raw, now=T0)
    assert {q["reason"] for q in report.quarantined} == {"too_large"}
    assert report.parsed_files == []


def test_many_files_parse_in_worker_processes_with_the_same_rows_as_inline(tmp_path):
    from pipelines.parsing import UnreadableDocument, parse_bytes
    from pipelines.warehouse.ingest import PARALLEL_FROM
    from tests.conftest import hostile_document

    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(PARALLEL_FROM + 2):
        (raw / f"doc-{i:02d}.txt").write_text(hostile_document(i, f"plain text {i}"), encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    pooled = ingest(tmp_path / "pooled.duckdb", raw, now=T0)
    inline = ingest(tmp_path / "inline.duckdb", raw, now=T0, parser=(parse_bytes, UnreadableDocument))
    assert len(pooled.parsed_files) == PARALLEL_FROM + 2 and pooled.quarantined == inline.quarantined
    assert table_checksums(tmp_path / "pooled.duckdb") == table_checksums(tmp_path / "inline.duckdb")


def test_a_worker_killed_on_one_file_costs_that_file_alone(tmp_path, monkeypatch):
    from pipelines.warehouse.ingest import PARALLEL_FROM
    from tests.conftest import hostile_document

    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(PARALLEL_FROM):
        (raw / f"doc-{i:02d}.txt").write_text(hostile_document(i, f"text {i}"), encoding="utf-8")
    monkeypatch.setenv("RESOLUTIONS_FAULT_KILL_WORKER", "doc-03.txt")  # SIGKILL of the worker on that file
    report = ingest(tmp_path / "w.duckdb", raw, now=T0)
    assert [(q["source_file"], q["reason"]) for q in report.quarantined] == [("doc-03.txt", "worker_crashed")]
    assert sorted(report.parsed_files) == sorted(f"doc-{i:02d}.txt" for i in range(PARALLEL_FROM) if i != 3)


def test_documents_loaded_in_small_batches_give_the_rows_of_one_batch(tmp_path, monkeypatch):
    """The ingest appends its documents batch by batch as they are parsed: batches of one or two documents,
    a changed file among them and a removed one, end with the same tables as one batch for the corpus."""
    from pipelines.warehouse import ingest as ingest_module
    from tests.conftest import hostile_document

    def corpus(raw, changed: bool):
        raw.mkdir(exist_ok=True)
        for i in range(7):
            text = hostile_document(i, f"plain text {i}" + (" changed" if changed and i == 2 else ""))
            (raw / f"doc-{i:02d}.txt").write_text(text, encoding="utf-8")
        if changed:
            (raw / "doc-05.txt").unlink()

    sums = {}
    for batch in (1, 2, 10_000):
        monkeypatch.setattr(ingest_module, "LOAD_BATCH", batch)
        raw, db = tmp_path / f"raw-{batch}", tmp_path / f"w-{batch}.duckdb"
        corpus(raw, changed=False)
        first = ingest(db, raw, now=T0)
        corpus(raw, changed=True)
        second = ingest(db, raw, now=T1)
        assert len(first.loaded_doc_ids) == 7 and second.parsed_files == ["doc-02.txt"]
        assert second.removed_files == ["doc-05.txt"]
        sums[batch] = table_checksums(db)
    assert sums[1] == sums[2] == sums[10_000]
    assert _q(tmp_path / "w-1.duckdb", "select count(*) from raw.raw_documents")[0][0] == 6
