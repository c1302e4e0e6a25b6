"""Readers never see a half-built warehouse and never block a run (real processes, real files)."""

import subprocess
import sys

import pytest

from pipelines.warehouse import versions
from pipelines.warehouse.paths import Layout
from tests.test_publish import _payload, _publish

HOLDER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])  # read-write: holds DuckDB's write lock on the file
print("HELD", con.execute("select payload from t").fetchone()[0], flush=True)
sys.stdin.readline()
print("AFTER", con.execute("select payload from t").fetchone()[0], flush=True)
"""


@pytest.mark.slow
def test_a_read_only_reader_keeps_its_snapshot_while_a_run_publishes(rerun_with_readers):
    proc = rerun_with_readers["proc"]
    assert proc.returncode == 0, proc.stdout[-3000:]
    reader, fresh = rerun_with_readers["reader"], rerun_with_readers["fresh"]
    assert reader.after[1:] == reader.before[1:], "the reader's snapshot changed under it"
    assert fresh.before[1] != reader.before[1], "a new connection does not see the new version"
    assert fresh.before[2] == reader.before[2], "same input, same clause count"


def test_a_process_holding_the_file_read_write_does_not_block_publishing(tmp_path):
    """What a BI tool opened without -readonly does: DuckDB's write lock must not stop a publish (the
    run never opens the published file for writing, it swaps it)."""
    layout = Layout(tmp_path)
    _publish(layout, "2001-v", "old")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(layout.published)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().split() == ["HELD", "old"]
        _publish(layout, "2002-v", "new")
        versions.recover(layout)
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert holder.stdout.readline().split() == ["AFTER", "old"]
    finally:
        holder.kill()
        holder.wait()
    assert _payload(layout.published) == "new"
    assert versions.list_versions(layout) == ["2001-v", "2002-v"]
