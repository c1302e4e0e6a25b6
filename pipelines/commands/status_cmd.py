"""``resolutions status``: what is published, when it was built, from which documents, check results."""

from __future__ import annotations

import argparse
import sys

from pipelines.commands import add_warehouse_dir, warehouse_layout


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("status", help="show what the published warehouse holds",
                       description="Show the published warehouse: version, when it was built, from which "
                                   "documents, check results, quarantined files, kept versions, and whether a "
                                   "run is in progress.")
    add_warehouse_dir(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=run)


def _print(*parts) -> None:
    from pipelines.commands.terminal import visible

    sys.stdout.write(visible(" ".join(str(p) for p in parts)) + "\n")


def run(args: argparse.Namespace) -> int:
    from pipelines import settings
    from pipelines.commands.terminal import json_for_terminal
    from pipelines.warehouse import versions
    from pipelines.warehouse.manifest import read_status
    from pipelines.warehouse.quality import quality_lines

    if (layout := warehouse_layout("status", args.warehouse_dir)) is None:
        return 2
    status = read_status(layout)
    status["versions_bytes"] = versions.kept_versions_bytes(layout)
    status["keep_versions"] = settings.keep_versions()
    print = _print  # noqa: A001 - every line shows control characters from names and texts, never obeys them
    if args.json:
        sys.stdout.write(json_for_terminal(status, indent=2, default=str))
        sys.stdout.write("\n")
        return 0 if status["exists"] else 1
    print(f"warehouse   {status['warehouse']}")
    if status.get("problem"):
        print(f"PROBLEM     {status['problem']}")
    if not status["exists"]:
        print("            nothing published yet: run `resolutions run`")
        return 1
    pub = status["published"]
    if pub is None:
        print("            no publish log in this file (built outside `resolutions run`?)")
    else:
        checks = pub.get("checks") or []
        failed = [c for c in checks if not c.get("passed")]
        print(f"version     {pub['version']}  (run {pub['run_id']})")
        print(f"built       {pub['started_at']} -> published {pub['published_at']} UTC")
        print(f"raw folder  {pub['raw_dir']}")
        print(f"documents   {pub['n_documents']} ({pub['n_clauses']} clauses)")
        for d in pub.get("documents") or []:
            print(f"            {d['doc_id']:<40} {d['source_file']!r} sha256 {d['sha256'][:12]}")
        print(f"checks      {len(checks) - len(failed)} passed, {len(failed)} failed")
        for c in failed:
            print(f"            FAILED {c['asset']} :: {c['check']}")
        for line in quality_lines(pub.get("quality"), pub.get("quarantined") or [], indent=""):
            print(line)
        print(f"quarantine  {pub['n_quarantined']} file(s)")
        for q in pub.get("quarantined") or []:
            print(f"            {q['source_file']!r}: {q['reason']}: {q['message']}")
    last = status["last_event"]
    if last and last.get("event") == "rollback":
        print(f"rolled back to {last['version']} at {last['at']}")
    outputs = status.get("outputs")
    if outputs and not outputs["in_sync"]:
        print(f"OUTPUTS     report.html is of version {outputs['report'] or '-'}, parquet/ of "
              f"{outputs['parquet'] or '-'}, not the published {outputs['published']}: the next "
              "`resolutions run` (or `resolutions rollback`) rebuilds them")
    print(f"versions    {versions.kept_versions_line(layout)}: {', '.join(status['versions']) or '-'}")
    lock = status["lock"]
    if lock:
        state = "stale (its process is gone; the next run clears it)" if lock["stale"] else "running"
        print(f"lock        run {lock.get('run_id')} pid {lock.get('pid')} since {lock.get('acquired_at')}: {state}")
    if status["staging_dirs"]:
        print(f"staging     {len(status['staging_dirs'])} dir(s) left by unfinished runs (cleared at next run)")
    return 0
