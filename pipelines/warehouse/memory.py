"""How much memory DuckDB may hold in the connections that write a run's warehouse file.

Left alone, DuckDB's buffer pool keeps every block it has read or written, up to 80% of the machine's
memory: a run's process grows with the corpus it loads or builds, however little it needs at once.
With a limit, DuckDB evicts blocks already on disk and spills what it must. The run shares the machine
with its worker processes (the parse and the lineage workers), so a larger pool keeps more blocks, not a
faster run (docs/benchmarks.md). The ingest's connection and dbt's (``pipelines.dbt_plugin``) both take it.
"""

from __future__ import annotations

WRITER_MEMORY_LIMIT = "512MB"


def writer_config() -> dict[str, str]:
    """DuckDB configuration of a connection that writes the run's warehouse file."""
    return {"memory_limit": WRITER_MEMORY_LIMIT}


def build_config() -> dict[str, str]:
    """DuckDB configuration of dbt's connection: the writer's limit, and tables written in any row order.

    dbt's two threads share the one limit. Keeping insertion order makes DuckDB hold a table's rows in
    memory until they can be written in the order they were produced; at 100,000 documents the build of
    the clause bands (tens of millions of rows) beside a test or another model then ran out of memory
    under the limit. Every reader of the marts that needs an order asks for it (``order by``)."""
    return {**writer_config(), "preserve_insertion_order": "false"}
