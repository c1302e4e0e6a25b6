"""``resolutions run``: build, check and publish the warehouse through the Dagster definitions."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from pipelines.commands.printer import Printer
from pipelines.settings import ENVIRONMENT, MAX_SHRINK

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_QUARANTINED, EXIT_OUTPUTS = 0, 1, 2, 3, 4

# the RESOLUTIONS_* lines of the environment section come from pipelines/settings.py, their one owner
EPILOG = """\
Runs every asset and check of the Dagster code location in this process (the same definitions
`make dev` shows): parse new and changed files in RAW_DIR, load them into a staging copy of the
warehouse, dbt build, run the blocking checks, and only if all of them pass, atomically replace
WAREHOUSE_DIR/warehouse.duckdb (the previous versions stay in WAREHOUSE_DIR/versions/).

Files that cannot be read as a document (empty, binary, undecodable, no clause found, over the
size limit, same content as another file, unsupported type) are quarantined: listed in the output
and in table raw.quarantine; the other documents still publish.

Document expectations (numbering and lettering without gaps, an operative part, the body covered by
clauses, no truncation, metadata found) are findings about one document: rows in
fct_document_findings and dim_documents.quality_status (ok, warnings, suspect). They never block the
other documents. A document whose clauses cover less than half of its body is held back: its file is
quarantined with reason held_back. With --strict, any finding above info or a held-back file
publishes nothing (exit 1), as an all-or-nothing build.

exit status:
  0  published, every check passed, nothing quarantined
  3  published, every check passed, but some files were quarantined
  1  nothing published: a warehouse invariant (or, with --strict, a document
     expectation) failed, the build lost too many documents (see --allow-shrink), the
     published file was changed outside resolutions, or the run hit an error (the
     published warehouse is untouched)
  2  usage error (bad option, missing raw folder, warehouse folder not writable)
  4  published, but the report or the Parquet exports could not be refreshed
     (the next run or `resolutions rollback` rebuilds them)

environment:
""" + "".join(f"  {name:<26} {what}\n" for name, what in ENVIRONMENT) + """\
  DAGSTER_HOME               the Dagster instance the finished run is recorded in, so `make dev`
                             lists it (`make run` sets it to .dagster_home; unset: not recorded)
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "run", help="build, check and publish the warehouse",
        description="Build the warehouse from the raw documents, check it, and publish it if every "
                    "blocking check passes.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--raw-dir", metavar="DIR", help="folder of documents (.txt, .md, .html)")
    p.add_argument("--warehouse-dir", metavar="DIR", help="where warehouse.duckdb is published")
    p.add_argument("--max-file-mb", type=float, metavar="MB", help="quarantine files larger than this")
    p.add_argument("--full-refresh", action="store_true",
                   help="start from an empty warehouse instead of the published one (re-parse everything)")
    p.add_argument("--strict", action="store_true",
                   help="all or nothing: publish only if no document has a finding above info and none is "
                        "held back (by default such documents publish flagged, see dim_documents.quality_status)")
    p.add_argument("--allow-shrink", action="store_true",
                   help=f"publish even if the build has no document, or lost more than {MAX_SHRINK} "
                        "(default half) of the published ones (by default such a build is refused: an "
                        "unmounted or wrong raw folder looks exactly like that)")
    p.add_argument("--record", action=argparse.BooleanOptionalAction, default=True,
                   help="when the run ends, record it in the Dagster instance at $DAGSTER_HOME, so `make dev` "
                        "lists it with its materializations and checks (default: on)")
    p.add_argument("-v", "--verbose", action="store_true", help="show Dagster's own log lines too")
    p.set_defaults(handler=run)


def writable_problem(root: Path) -> str | None:
    """Why the warehouse folder cannot be written (None when it can): said in one line up front, not as a
    traceback half-way through a run."""
    if root.exists() and not root.is_dir():
        return f"cannot write the warehouse folder {root}: it is a file, not a folder"
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe = root / f".write-test.{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return f"cannot write the warehouse folder {root}: {exc.strerror or exc}"
    return None


def raw_folder_problem(raw_dir: Path) -> str | None:
    """Why the raw folder cannot be read (None when it can), in one line before anything is loaded."""
    if not raw_dir.exists():
        return f"raw folder {raw_dir} does not exist"
    if not raw_dir.is_dir():
        return f"raw folder {raw_dir} is a file, not a folder"
    try:
        with os.scandir(raw_dir) as entries:
            next(entries, None)
    except OSError as exc:
        return f"cannot read the raw folder {raw_dir}: {exc.strerror or exc}"
    return None


def _published_quarantine(layout) -> int:
    from pipelines.warehouse.manifest import read_published_manifest

    manifest = read_published_manifest(layout.published) or {}
    return int(manifest.get("n_quarantined") or 0)


def _unchanged_version(raw_dir: Path, layout, args: argparse.Namespace) -> str | None:
    """The published version when this run would rebuild exactly it (pipelines/warehouse/unchanged.py)."""
    from pipelines.warehouse import unchanged
    from pipelines.warehouse.ingest import code_fingerprint
    from pipelines.warehouse.scope import dbt_project_fingerprint
    from pipelines.warehouse.sources import max_file_bytes

    max_bytes = max_file_bytes(args.max_file_mb)  # the limit the ingest applies
    raw_fp = unchanged.fingerprint(unchanged.scan(raw_dir, max_bytes, layout.raw_hashes), max_bytes)
    return unchanged.unchanged_version(layout.published, raw_fp, code_fingerprint(), dbt_project_fingerprint())


def run(args: argparse.Namespace) -> int:
    from pipelines import settings
    from pipelines.warehouse.paths import Layout

    out = Printer()
    raw_dir = settings.raw_dir(args.raw_dir)
    layout = Layout.at(args.warehouse_dir)
    if (problem := raw_folder_problem(raw_dir)) is not None:
        print(f"resolutions run: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if args.max_file_mb is not None and args.max_file_mb <= 0:
        print("resolutions run: --max-file-mb must be positive", file=sys.stderr)
        return EXIT_USAGE
    problem = writable_problem(layout.root)
    if problem is not None:
        print(f"resolutions run: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:  # outputs left behind by a run killed after its publish, or by a failed export
        from pipelines.exports import sync_outputs

        if (synced := sync_outputs(layout.root)) is not None:
            out.stage(f"report and Parquet exports refreshed to the published version {synced}")
    except Exception as exc:  # noqa: BLE001 - the run itself rebuilds them after publishing
        out.line(f"could not refresh the report and Parquet exports: {exc}", "yellow")

    if not (args.full_refresh or args.strict) and (kept := _unchanged_version(raw_dir, layout, args)):
        out.stage(f"nothing changed since version {kept} (same files in {raw_dir}, same parser and dbt "
                  f"project): it stays published")
        # the exit status of the version that stays: 3 when it holds quarantined files
        return EXIT_QUARANTINED if _published_quarantine(layout) else EXIT_OK
    out.stage(f"loading pipeline definitions (raw: {raw_dir}, warehouse: {layout.root})")
    try:
        from pipelines.definitions import defs

        job = defs().resolve_job_def("warehouse_job")
    except Exception as exc:  # noqa: BLE001 - e.g. a dbt project that does not parse
        print(f"resolutions run: cannot load the pipeline definitions: {exc}", file=sys.stderr)
        return EXIT_FAILED
    run_config = {
        "resources": {"warehouse": {"config": {
            "raw_dir": str(raw_dir), "warehouse_dir": str(layout.root),
            "max_file_mb": args.max_file_mb, "full_refresh": bool(args.full_refresh),
            "strict": bool(args.strict), "allow_shrink": bool(args.allow_shrink),
            "show_dbt_log": bool(args.verbose)}}},
        # the steps' progress lines through the progress logger (pipelines/defs/progress.py); Dagster's own
        # log lines only with --verbose
        "loggers": {"console": {"config": {"log_level": "INFO" if args.verbose else "CRITICAL"}},
                    "progress": {"config": {"started": out.t0}}},
    }
    out.stage("running warehouse_job")
    from dagster import DagsterInstance

    from pipelines.commands import run_report

    result = None
    # an in-memory instance while the job runs; the finished run is then recorded in one batch
    with DagsterInstance.ephemeral() as instance:
        try:
            result = job.execute_in_process(run_config=run_config, instance=instance, raise_on_error=False)
        finally:
            from pipelines.warehouse import locks

            if result is not None:
                locks.release(layout, result.run_id)
        if args.record and result is not None:
            _record(instance, result.run_id, out)
    return run_report.summarise(result, layout, out)


def _record(instance, run_id: str, out: Printer) -> None:
    """Record the finished run in ``$DAGSTER_HOME`` (pipelines/commands/record.py); a failure to record is
    said, and changes neither what was published nor the exit status."""
    from pipelines.commands import record

    home = os.environ.get("DAGSTER_HOME")
    try:
        target = record.home_instance()
        if target is None:
            why = "DAGSTER_HOME is not set" if not home else f"DAGSTER_HOME {home} is not a folder"
            out.line(f"run not recorded in a Dagster instance: {why} (`make run` sets it)")
            return
        started = time.monotonic()
        with target:
            n_events = record.copy_run(instance, run_id, target)
        out.stage(f"run recorded in the Dagster instance at {home} ({n_events} events, "
                  f"{time.monotonic() - started:.1f} s): `make dev` lists it")
    except Exception as exc:  # noqa: BLE001 - the warehouse is published (or not) already
        out.line(f"could not record the run in the Dagster instance at {home}: {exc}", "yellow")
