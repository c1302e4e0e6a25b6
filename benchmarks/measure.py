"""Run a command and measure its wall time and peak memory (Linux).

    python -m benchmarks.measure --json OUT.json -- resolutions run --raw-dir ... --warehouse-dir ...

Two memory figures, since the pipeline may start subprocesses (dbt, Dagster step workers):
``peak_tree_rss_mb``: the largest sum of resident memory over the command and all its descendants,
sampled every 200 ms from /proc (psutil is not a dependency); ``max_process_rss_mb``: the largest
single process, exact, from ``getrusage(RUSAGE_CHILDREN)`` in this wrapper process (which has no
other children, so the figure is the command's own).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: fields start after the last ")"
        fields = stat[stat.rfind(b")") + 2 :].split()
        kids.setdefault(int(fields[1]), []).append(int(entry.name))
    return kids


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants now."""
    kids = _children_map()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm", "rb") as f:
                total += int(f.read().split()[1]) * PAGE
        except OSError:
            pass
        stack.extend(kids.get(pid, []))
    return total


def descendants(root: int) -> list[int]:
    kids, out, stack = _children_map(), [], [root]
    while stack:
        pid = stack.pop()
        out.append(pid)
        stack.extend(kids.get(pid, []))
    return out


def kill_tree(root: int, grace: float = 10.0) -> None:
    """SIGTERM the command and everything it started, then SIGKILL what is still there."""
    pids = descendants(root)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and any(os.path.exists(f"/proc/{p}") for p in pids[1:]):
            time.sleep(0.2)


def run_measured(
    cmd: list[str],
    env: dict | None = None,
    cwd: str | None = None,
    interval: float = 0.2,
    log: Path | None = None,
    timeout: float | None = None,
) -> dict:
    """Run ``cmd`` (from this process) and return wall time, exit code and peak tree memory; past
    ``timeout`` seconds the whole tree is stopped and ``timed_out`` is true."""
    out = open(log, "wb") if log else subprocess.DEVNULL
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    peak, peak_at = 0, 0.0
    samples = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_at, samples
        while not done.is_set():
            rss = tree_rss(proc.pid)
            if rss > peak:
                peak, peak_at = rss, time.perf_counter() - t0
            samples += 1
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    timed_out = False
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        kill_tree(proc.pid)
        code = proc.wait()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    if log:
        out.close()
    return {
        "exit_code": code,
        "timed_out": timed_out,
        "wall_seconds": round(wall, 2),
        "peak_tree_rss_mb": round(peak / 2**20, 1),
        "peak_tree_at_seconds": round(peak_at, 1),  # when the sampler saw the peak (command start = 0)
        "rss_samples": samples,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.measure")
    p.add_argument("--json", type=Path, required=True, help="where to write the measures")
    p.add_argument("--log", type=Path, help="where to write the command's output")
    p.add_argument("--timeout", type=float, help="stop the command (and its children) after this many seconds")
    p.add_argument("cmd", nargs=argparse.REMAINDER)
    args = p.parse_args(argv)
    cmd = args.cmd[1:] if args.cmd and args.cmd[0] == "--" else args.cmd
    result = run_measured(cmd, log=args.log, timeout=args.timeout)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    result["max_process_rss_mb"] = round(usage.ru_maxrss / 1024, 1)  # KiB on Linux
    result["cpu_user_seconds"] = round(usage.ru_utime, 2)
    result["cpu_system_seconds"] = round(usage.ru_stime, 2)
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
