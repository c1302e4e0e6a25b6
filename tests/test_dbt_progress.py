"""The progress line a run prints while dbt works on slow nodes (pipelines/defs/dbt/assets.py)."""

import time

from pipelines.defs.dbt.assets import HEARTBEAT_SECONDS, still_running


def test_the_line_names_the_running_nodes_oldest_first_with_their_seconds():
    now = time.monotonic()
    line = still_running({"fct_topics": now - 3, "fct_clause_lineage": now - 31}, 12)
    assert line.startswith("dbt still building: 12 node(s) done; running fct_clause_lineage (31 s), fct_topics (3 s)")


def test_between_nodes_the_line_says_so():
    assert still_running({}, 0) == "dbt still building: 0 node(s) done; running between nodes"


def test_the_line_comes_every_few_seconds():
    assert 0 < HEARTBEAT_SECONDS <= 10
