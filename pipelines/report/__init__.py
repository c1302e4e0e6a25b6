"""The offline report: ``build_report(warehouse_dir)`` writes ``<warehouse_dir>/report.html``.

One self-contained HTML file with the dashboard's charts pre-rendered to inline SVG (vl-convert, no
JavaScript, no fetch), the documents' figures, their commitments and targets with the clause text behind
each fact, and the lineage between successive documents. Rebuilt after each publish.
"""

from __future__ import annotations

from pipelines.report.build import REPORT_NAME, build_report, render_report

__all__ = ["REPORT_NAME", "build_report", "render_report"]
