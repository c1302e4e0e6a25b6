"""End to end: ``resolutions run`` over growing corpora, then one new document into the largest.

Each run is a separate process tree measured by ``benchmarks.measure`` (wall time, peak resident
memory of the whole tree). Corpora are linked (not copied) into a work folder so the incremental run
can add its document without touching the generated corpus.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "corpus" / "work"
STAGE = re.compile(r"^\[\s*([\d.]+)s\]\s*(.*)$")


def log(msg: str) -> None:
    print(f"[bench e2e] {msg}", flush=True)


def run_available() -> str | None:
    """None when ``resolutions run`` exists, else why it cannot run."""
    try:
        r = subprocess.run(
            [sys.executable, "-m", "pipelines.cli", "run", "--help"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"cannot start resolutions: {exc}"
    return None if r.returncode == 0 else "`resolutions run` is not available in this checkout"


def link_tree(src: Path, dst: Path) -> None:
    if dst.exists():
        shutil.rmtree(dst)
    dst.mkdir(parents=True)
    for f in src.iterdir():
        try:
            os.link(f, dst / f.name)
        except OSError:
            shutil.copy2(f, dst / f.name)


def env_for_run() -> dict:
    env = dict(os.environ)
    env.pop("DAGSTER_HOME", None)  # an ephemeral instance: benchmark runs stay out of the UI's history
    return env


def measured_run(raw: Path, warehouse: Path, label: str, results: Path, timeout: float | None) -> dict:
    out_json, out_log = results / f"e2e-{label}.measure.json", results / f"e2e-{label}.log"
    run = [sys.executable, "-m", "pipelines.cli", "run", "--raw-dir", str(raw), "--warehouse-dir", str(warehouse)]
    cmd = [sys.executable, "-m", "benchmarks.measure", "--json", str(out_json), "--log", str(out_log)]
    cmd += (["--timeout", str(timeout)] if timeout else []) + ["--", *run]
    subprocess.run(cmd, cwd=ROOT, env=env_for_run(), check=True)
    m = json.loads(out_json.read_text())
    out_json.unlink()
    text = out_log.read_text(errors="replace")
    m["phases"] = phases(text, m["wall_seconds"])
    # "until published" is the measure of the goals; the process may take longer to exit
    m["published_at_seconds"] = next((p["from_seconds"] for p in m["phases"] if p["phase"] == "published"), None)
    m["dbt_steps"] = dbt_steps(text)
    m["peak_tree_during"] = line_at(text, m.get("peak_tree_at_seconds"))
    m["output_tail"] = text.strip().splitlines()[-12:]
    m["log"] = out_log.name
    m["published"] = published_counts(warehouse)
    return m


def line_at(output: str, seconds: float | None) -> str | None:
    """The last progress line printed by ``seconds`` into the run: what it was doing at the memory peak."""
    if seconds is None:
        return None
    last = "start-up, before the first progress line"
    for line in output.splitlines():
        m = STAGE.match(line)
        if m and float(m.group(1)) <= seconds:
            last = m.group(2).strip()
    return last


def ratio_published(run: dict, full: dict) -> float | None:
    """Time until published of ``run`` over that of the full build (wall time when a run has no
    "published" line)."""
    a = run.get("published_at_seconds") or run["wall_seconds"]
    b = full.get("published_at_seconds") or full["wall_seconds"]
    return round(a / b, 4) if b else None


def ok(run: dict) -> bool:
    return run.get("exit_code") in (0, 3) and not run.get("timed_out")


def phases(output: str, wall: float) -> list[dict]:
    """Consecutive progress lines of the same kind ("parsing <file>", "dbt built <model>") as one phase,
    with the time until the next phase starts (the last one runs to the end of the process)."""
    marks = []
    for line in output.splitlines():
        m = STAGE.match(line)
        if not m:
            continue
        words = m.group(2).split()
        label = " ".join(words[:2]).rstrip(":") if words[:1] == ["dbt"] else (words[0] if words else "")
        label = {"dbt test": "dbt built", "dbt build": "dbt build (start, parse, seeds)"}.get(label, label)
        if not marks or marks[-1][1] != label:
            marks.append((float(m.group(1)), label, m.group(2)[:100]))
    out = []
    for i, (t, label, first) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else wall
        out.append({"phase": label, "from_seconds": t, "seconds": round(end - t, 1), "first_line": first})
    return out


def dbt_steps(output: str) -> list[dict]:
    """Seconds between successive "dbt ..." progress lines, named after the later one: a model's build
    plus the tests that ran before it was reported. Largest first."""
    marks = [
        (float(m.group(1)), m.group(2))
        for m in map(STAGE.match, output.splitlines())
        if m and m.group(2).startswith("dbt ")
    ]
    steps = [
        {"step": b[1].replace("dbt built ", ""), "seconds": round(b[0] - a[0], 1)}
        for a, b in zip(marks, marks[1:], strict=False)
    ]
    return sorted(steps, key=lambda x: -x["seconds"])[:8]


def published_counts(warehouse: Path) -> dict:
    db = warehouse / "warehouse.duckdb"
    if not db.exists():
        return {}
    import duckdb

    counts = {}
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            for table in ("main.dim_documents", "main.fct_clauses", "raw.raw_documents"):
                try:
                    counts[table] = con.execute(f"select count(*) from {table}").fetchone()[0]
                except duckdb.Error:
                    pass
    except duckdb.Error as exc:
        counts["error"] = str(exc)
    return counts


def growth(points: list[tuple[int, float]]) -> list[dict]:
    """Between successive sizes: how much more time per how much more documents (exponent 1 = linear)."""
    out = []
    for (n1, t1), (n2, t2) in zip(points, points[1:], strict=False):
        if t1 > 0 and t2 > 0:
            out.append(
                {
                    "from": n1,
                    "to": n2,
                    "ratio": round(t2 / t1, 2),
                    "exponent": round(math.log(t2 / t1) / math.log(n2 / n1), 2),
                }
            )
    return out


INCREMENTAL_FROM = 1000  # smaller warehouses get no incremental runs: their full build is seconds anyway


def run_all(
    sizes,
    seed: int,
    corpus_dir: Callable[[int, int], Path],
    results: Path,
    do_e2e: bool,
    do_incremental: bool,
    timeout: float | None = None,
) -> dict:
    """Full builds from the smallest corpus up; a size that fails or runs out of time stops the larger
    ones (they could only take longer). Then, on every warehouse of at least ``INCREMENTAL_FROM``
    documents that published (the largest one whatever its size): a rerun with nothing new, and a run
    with one new document (``incremental``, by size)."""
    reason = run_available()
    if reason:
        log(f"skipped: {reason}")
        return {"skipped": reason}
    out: dict = {"timeout_seconds": timeout, "runs": {}}
    stop = None
    for n in sorted(sizes):
        if stop:
            out["runs"][str(n)] = {"not_attempted": stop}
            continue
        raw, warehouse = WORK / f"n{n}" / "raw", WORK / f"n{n}" / "warehouse"
        link_tree(corpus_dir(n, seed) / "raw", raw)
        if warehouse.exists():
            shutil.rmtree(warehouse)
        log(f"full build of {n} documents")
        r = out["runs"][str(n)] = measured_run(raw, warehouse, f"full-n{n}", results, timeout)
        log(
            f"  {r['wall_seconds']} s, peak {r['peak_tree_rss_mb']} MB, exit {r['exit_code']}"
            + (" (timed out)" if r["timed_out"] else "")
        )
        if not ok(r):
            stop = f"{n:,} documents " + (
                f"ran past the {timeout:.0f} s limit" if r["timed_out"] else f"failed (exit {r['exit_code']})"
            )
    done = sorted((int(n), r) for n, r in out["runs"].items() if ok(r))
    out["time_growth"] = growth([(n, r["wall_seconds"]) for n, r in done])
    out["memory_growth"] = growth([(n, r["peak_tree_rss_mb"]) for n, r in done])
    if do_incremental and done:
        out["incremental"] = {
            str(n): incremental_runs(n, full, seed, corpus_dir, results, timeout)
            for n, full in done
            if n >= INCREMENTAL_FROM or n == done[-1][0]
        }
    return out


def incremental_runs(n: int, full: dict, seed: int, corpus_dir: Callable[[int, int], Path], results: Path,
                     timeout: float | None) -> dict:
    """On the ``n``-document warehouse of a full build: a rerun with nothing new, then a run with the
    corpus's first held-out document added."""
    raw, warehouse = WORK / f"n{n}" / "raw", WORK / f"n{n}" / "warehouse"
    log(f"rerun of the {n}-document warehouse with nothing new")
    unchanged = measured_run(raw, warehouse, f"unchanged-n{n}", results, timeout)
    held = sorted((corpus_dir(n, seed) / "holdout").iterdir())[0]
    if not (raw / held.name).exists():
        os.link(held, raw / held.name)
    log(f"one new document ({held.name}) into the {n}-document warehouse")
    one_new = measured_run(raw, warehouse, f"incremental-n{n}", results, timeout)
    one_new["new_document"] = held.name
    one_new["ratio_to_full_build"] = ratio_published(one_new, full)
    return {"into_documents": n, "unchanged_rerun": unchanged, "one_new_document": one_new}
