"""resolutions: turn parliamentary resolutions into a queryable, checked DuckDB warehouse.

The console script is a thin dispatcher over ``pipelines.commands``.

Each subcommand lives in its own module with ``register(subparsers)`` and a ``run(args) -> int``;
importing heavy libraries (Dagster, dbt) happens inside ``run`` so ``resolutions parse`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import multiprocessing.util
import os
import sys

# subcommand name -> module under pipelines.commands
COMMANDS = {
    "parse": "parse_cmd",
    "run": "run_cmd",
    "status": "status_cmd",
    "rollback": "rollback_cmd",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="resolutions", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for module_name in COMMANDS.values():
        importlib.import_module(f"pipelines.commands.{module_name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args) or 0)


def entry() -> None:
    """The console script: ``main``, then an exit that skips the interpreter's teardown. Once a command
    has returned, every file it wrote is closed and every connection released; tearing down the
    libraries a run imported (Dagster, dbt, Great Expectations) and their objects only adds seconds, and
    the run's worker processes stop by themselves when this process is gone."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # multiprocessing's own exit work still runs: its finalizers stop the worker pools and release their
    # semaphores (pipelines/side_worker.py registers one)
    multiprocessing.util._exit_function()
    os._exit(code)


if __name__ == "__main__":
    entry()
