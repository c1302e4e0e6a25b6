"""``resolutions rollback [VERSION]``: publish a kept version again."""

from __future__ import annotations

import argparse
import sys

from pipelines.commands import add_warehouse_dir, warehouse_layout


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rollback", help="restore a previously published warehouse version",
                       description="Atomically replace the published warehouse with a kept version "
                                   "(see `resolutions status` for the list). Without VERSION, restore the "
                                   "newest version older than the published one.")
    p.add_argument("version", nargs="?", help="a version name or a unique prefix of one")
    add_warehouse_dir(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from pipelines.warehouse import locks, versions

    if (layout := warehouse_layout("rollback", args.warehouse_dir)) is None:
        return 2
    try:
        restored = versions.rollback(layout, args.version)
    except LookupError as exc:
        print(f"resolutions rollback: {exc}", file=sys.stderr)
        return 2
    except locks.LockHeld as exc:
        print(f"resolutions rollback: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"resolutions rollback: cannot write {layout.root}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"published version {restored} at {layout.published}")
    from pipelines.exports import sync_outputs

    try:  # the report and the Parquet files follow the version now published
        if sync_outputs(layout.root) is not None:
            print(f"report and Parquet exports refreshed to {restored}")
    except Exception as exc:  # noqa: BLE001 - the rollback stands; say that the outputs lag
        print(f"resolutions rollback: the report and Parquet exports were not refreshed: {exc}", file=sys.stderr)
        return 4
    return 0
