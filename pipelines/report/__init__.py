"""The offline report: ``build_report(warehouse_dir)`` writes ``<warehouse_dir>/report.html``.

One self-contained HTML file with the dashboard's charts pre-rendered to inline SVG (vl-convert, no
JavaScript, no fetch), the documents' figures, their commitments and targets with the clause text behind
each fact, and the lineage between successive documents. Rebuilt after each publish.

This module stays light: the chart library (``pipelines.report.build``) is imported by the first report
built, in the run's side worker, not by every process that loads the pipeline definitions.
"""

from __future__ import annotations

import os
from pathlib import Path

REPORT_NAME = "report.html"

__all__ = ["REPORT_NAME", "build_report"]


def build_report(warehouse_dir: str | os.PathLike | None = None) -> Path:
    """``pipelines.report.build.build_report``: write the report of the published warehouse."""
    from pipelines.report import build

    return build.build_report(warehouse_dir)
