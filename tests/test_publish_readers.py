"""Readers never see a half-built warehouse and never block a run (real processes, real files)."""

import pytest

pytestmark = pytest.mark.slow


def test_a_read_only_reader_keeps_its_snapshot_while_a_run_publishes(rerun_with_readers):
    proc = rerun_with_readers["proc"]
    assert proc.returncode == 0, proc.stdout[-3000:]
    ro = rerun_with_readers["readers"]["ro"]
    assert ro.before == ["BEFORE", *ro.after[1:]], "the reader's snapshot changed under it"
    new_version = rerun_with_readers["readers"]["rw"].before[1]
    assert new_version != ro.before[1], "the run did not publish a new version"


def test_a_read_write_holder_does_not_block_publishing(rerun_with_readers):
    proc = rerun_with_readers["proc2"]
    assert proc.returncode == 0, proc.stdout[-3000:]
    rw = rerun_with_readers["readers"]["rw"]
    assert rw.after[1:] == rw.before[1:]
    from tests.conftest import query

    published = query(rerun_with_readers["dir"] / "warehouse.duckdb", "select max(version) from meta.publish_log")
    assert published[0][0] != rw.before[1]
