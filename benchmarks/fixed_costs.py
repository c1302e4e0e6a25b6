"""What every run pays whatever its size, against the floor of the stack.

    uv run python -m benchmarks.fixed_costs            # prints the table, writes results/fixed_costs.json

The floor: a Python process that imports Dagster (and one that imports dagster-dbt and dbt), and a bare
``dbt build`` of an empty dbt-duckdb project. Then ``resolutions run`` on the two sample documents into a
fresh warehouse folder (every fixed cost, nothing incremental), the same run's stages from its progress
lines, and a run on unchanged input (the no-op). Each command runs ``REPEAT`` times; medians are given.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.e2e import phases

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 3
EMPTY_PROJECT = {
    "dbt_project.yml": "name: empty\nversion: '1.0'\nprofile: empty\n",
    "profiles.yml": "empty:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: empty.duckdb\n",
}


def timed(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> dict:
    """Wall and CPU seconds (user + system of the process and its children) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "rc": proc.returncode, "stdout": proc.stdout}


def median_of(runs: list[dict]) -> dict:
    return {"wall": round(statistics.median(r["wall"] for r in runs), 2),
            "cpu": round(statistics.median(r["cpu"] for r in runs), 2),
            "exit": sorted({r["rc"] for r in runs})}


def run() -> dict:
    py, bin_dir = sys.executable, Path(sys.executable).parent
    env = {**os.environ, "DAGSTER_HOME": ""}
    env.pop("DAGSTER_HOME")
    out: dict = {}
    out["import dagster"] = median_of([timed([py, "-c", "import dagster"]) for _ in range(REPEAT)])
    out["import dagster_dbt, dbt"] = median_of(
        [timed([py, "-c", "import dagster_dbt, dbt.cli.main"]) for _ in range(REPEAT)])
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        (empty / "models").mkdir(parents=True)
        for name, text in EMPTY_PROJECT.items():
            (empty / name).write_text(text)
        dbt = [str(bin_dir / "dbt"), "build", "--profiles-dir", ".", "--no-send-anonymous-usage-stats"]
        timed(dbt, cwd=empty)  # the first parse; the floor is the run after it
        out["dbt build, empty project"] = median_of([timed(dbt, cwd=empty) for _ in range(REPEAT)])
        runs, stages = [], []
        for i in range(REPEAT):
            warehouse = Path(tmp) / f"warehouse-{i}"
            r = timed([str(bin_dir / "resolutions"), "run", "--raw-dir", str(ROOT / "raw"),
                       "--warehouse-dir", str(warehouse)], env=env)
            runs.append(r)
            stages.append(phases(r["stdout"], r["wall"]))
        out["resolutions run, 2 samples, fresh warehouse"] = median_of(runs)
        out["resolutions run, unchanged input"] = median_of([
            timed([str(bin_dir / "resolutions"), "run", "--raw-dir", str(ROOT / "raw"),
                   "--warehouse-dir", str(Path(tmp) / "warehouse-0")], env=env) for _ in range(REPEAT)])
    # the stages of the run whose wall time is the median: each stage lasts until the next line
    median_run = sorted(range(REPEAT), key=lambda i: runs[i]["wall"])[REPEAT // 2]
    out["stages of the sample run"] = [
        {"stage": s["first_line"], "seconds": s["seconds"]} for s in stages[median_run]]
    return out


def table(data: dict) -> str:
    rows = ["| command | wall s (median) | CPU s (median) |", "|---|---|---|"]
    for name, m in data.items():
        if isinstance(m, dict) and "wall" in m:
            rows.append(f"| {name} | {m['wall']:.1f} | {m['cpu']:.1f} |")
    rows += ["", "| stage of the median sample run (its progress line, until the next) | seconds |", "|---|---|"]
    stages = data.get("stages of the sample run", [])
    rows += [f"| {s['stage'].replace('|', '/')} | {s['seconds']:.1f} |" for s in stages]
    return "\n".join(rows) + "\n"


def main() -> int:
    data = run()
    results = ROOT / "benchmarks" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "fixed_costs.json").write_text(json.dumps(data, indent=2) + "\n")
    print(table(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
