"""One module per ``resolutions`` subcommand, and what several of them share: the ``--warehouse-dir`` option
of the commands that read a published warehouse and the check of the folder it names."""

from __future__ import annotations

import argparse
import sys

from pipelines import settings


def add_warehouse_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--warehouse-dir", metavar="DIR", help=f"default: ${settings.WAREHOUSE_DIR} or warehouse/")


def warehouse_layout(command: str, warehouse_dir: str | None):
    """The ``Layout`` of ``--warehouse-dir``; None, said on stderr, when that path is a file."""
    from pipelines.warehouse.paths import Layout

    layout = Layout.at(warehouse_dir)
    if layout.root.exists() and not layout.root.is_dir():
        print(f"resolutions {command}: the warehouse folder {layout.root} is a file, not a folder", file=sys.stderr)
        return None
    return layout
