"""Whether a primary key keeps a table's build inside DuckDB's memory limit.

    uv run python -m benchmarks.key_index_memory            # prints the figures, writes results/key_index_memory.json
    uv run python -m benchmarks.key_index_memory --rows 1000000

One table of ``ROWS`` md5 keys (the shape of the marts' surrogate keys) inserted in one statement
into a new DuckDB file at the writers' memory limit (``pipelines.warehouse.memory``), once with a
primary key on the key column and once without, each in its own process: the outcome (or DuckDB's
error), wall seconds and the process's maximum resident memory. The marts carry no primary key
because of what this shows (README, "Adding a mart").
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipelines.warehouse.memory import WRITER_MEMORY_LIMIT

ROOT = Path(__file__).resolve().parent.parent
ROWS = 5_000_000

_CHILD = """
import json, resource, sys, duckdb
path, limit, rows, keyed = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
error = None
try:
    con = duckdb.connect(path, config={"memory_limit": limit})
    con.execute("set enable_progress_bar = false")
    con.execute("create table t (k varchar not null" + (" primary key" if keyed else "") + ", n bigint)")
    con.execute("insert into t select md5(i::varchar), i from range(?) r(i)", [rows])
    con.close()
except duckdb.Error as exc:
    error = str(exc).splitlines()[0]
print(json.dumps({"error": error, "max_resident_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def build(rows: int, keyed: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.monotonic()
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(Path(tmp) / "t.duckdb"), WRITER_MEMORY_LIMIT,
                               str(rows), "1" if keyed else "0"], capture_output=True, text=True, check=True)
        wall = time.monotonic() - t0
    child = json.loads(proc.stdout.splitlines()[-1])
    return {
        "primary_key": keyed,
        "rows": rows,
        "memory_limit": WRITER_MEMORY_LIMIT,
        "completed": child["error"] is None,
        "error": child["error"],
        "wall_seconds": round(wall, 1),
        "max_resident_mb": child["max_resident_mb"],
    }


def run(rows: int = ROWS) -> dict:
    return {"variants": [build(rows, keyed=False), build(rows, keyed=True)]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.key_index_memory", description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=ROWS)
    args = p.parse_args(argv)
    result = run(args.rows)
    out = ROOT / "benchmarks" / "results" / "key_index_memory.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    for v in result["variants"]:
        print(json.dumps(v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
