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
