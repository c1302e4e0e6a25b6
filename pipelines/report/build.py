"""Render the report from the published warehouse (read-only) and write it atomically."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from datetime import UTC, datetime
from html import escape
from pathlib import Path

import altair as alt
import polars as pl
import vl_convert

from pipelines.dashboard import charts, queries
from pipelines.report import REPORT_NAME

CHART_CACHE = ".report-charts"  # the SVGs of the last report (ChartRenderer)

CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1200px;
       padding: 0 1rem; color: #222; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
.meta { color: #666; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .8rem 0; font-size: .9rem; }
th, td { border-bottom: 1px solid #e5e5e5; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f6f6; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
details summary { cursor: pointer; } details p { margin: .3rem 0 .6rem; color: #333; }
.charts { display: flex; flex-wrap: wrap; gap: 2rem; align-items: flex-start; }
.chart svg { max-width: 100%; height: auto; }
.label-verbatim { color: #2e7d32; } .label-modified { color: #b27c00; } .label-new { color: #1565c0; }
.label-dropped { color: #777; }
.side { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
"""


# Past this many documents the report keeps per-document sections for the most recent ones only: each
# section renders SVG charts, and the report must stay quick to build and to open.
MAX_DETAILED_DOCUMENTS = 25


def start_chart_engine() -> None:
    """vl-convert starts its JavaScript engine on its first chart (most of a second): start it now."""
    vl_convert.vegalite_to_svg({"mark": "point", "data": {"values": [{}]}}, allowed_base_urls=[])


_SVG_ID = re.compile(r'\bid="([^"]+)"')


class ChartRenderer:
    """Charts as inline SVG, each kept in ``folder`` under the hash of its Vega-Lite spec (the data is
    inline in the spec) and of the renderer's version: a run that added one document draws only the
    charts whose data changed. After a render, ``prune`` deletes the SVGs it did not use, so the folder
    holds one report's charts. vl-convert may not load anything."""

    def __init__(self, folder: Path | None = None):
        self.folder, self.used, self.drawn, self.charts = folder, set(), 0, 0

    def svg(self, chart: alt.TopLevelMixin) -> str:
        spec = chart.to_dict(validate=False)  # the dashboard draws the same charts, validated
        if self.folder is None:
            return self._wrap(vl_convert.vegalite_to_svg(spec, allowed_base_urls=[]))
        key = hashlib.sha256(json.dumps([vl_convert.__version__, spec], sort_keys=True).encode()).hexdigest()
        self.used.add(key)
        kept = self.folder / f"{key}.svg"
        try:
            return self._wrap(kept.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            pass
        markup = vl_convert.vegalite_to_svg(spec, allowed_base_urls=[])
        self.drawn += 1
        self.folder.mkdir(exist_ok=True)
        _write_atomically(kept, markup)
        return self._wrap(markup)

    def prune(self) -> None:
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.stem not in self.used:
                path.unlink(missing_ok=True)

    def _wrap(self, markup: str) -> str:
        # vl-convert numbers the ids of an SVG (a legend's gradient_0) per process: inline in one page, a
        # kept SVG could reuse another's id. Each chart's ids get its place in the report instead.
        self.charts += 1
        ids = {old: f"chart{self.charts}-{k}" for k, old in enumerate(dict.fromkeys(_SVG_ID.findall(markup)))}
        if ids:
            names = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
            markup = re.sub(rf'(id="|url\(#|href="#)({names})(?=[")])', lambda m: m.group(1) + ids[m.group(2)],
                            markup)
        return f'<div class="chart">{markup}</div>'


def _write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide the report from the other readers
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _cell(value) -> str:
    if value is None:
        return "<td></td>"
    if isinstance(value, bool):
        return f"<td>{'yes' if value else 'no'}</td>"
    if isinstance(value, int | float):
        text = f"{value:,.0f}" if isinstance(value, float) and value.is_integer() else f"{value:,}"
        return f'<td class="num">{escape(text)}</td>'
    if isinstance(value, list):
        return f"<td>{escape(', '.join(map(str, value)))}</td>"
    return f"<td>{escape(str(value))}</td>"


def table(frame: pl.DataFrame, columns: dict[str, str], text_column: str | None = None) -> str:
    """An HTML table of ``columns`` (name -> heading); ``text_column`` goes in a closed <details> of
    the first cell, so each fact opens to its clause text."""
    head = "".join(f"<th>{escape(h)}</th>" for h in columns.values())
    rows = []
    for row in frame.iter_rows(named=True):
        cells = [_cell(row[c]) for c in columns]
        if text_column and row.get(text_column):
            first = escape(str(row[next(iter(columns))]))
            cells[0] = (f"<td><details><summary>{first}</summary><p>{escape(row[text_column])}</p>"
                        "</details></td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _documents_section(db: Path, docs: pl.DataFrame, charts_out: ChartRenderer) -> list[str]:
    parts = ["<h2>Documents</h2>", table(docs, {
        "doc_label": "document", "title": "title", "adopted_on": "adopted", "n_clauses": "clauses",
        "n_commitments": "commitments", "n_targets": "targets", "n_issues": "parse issues",
    })]
    matrix = queries.topic_matrix(db)
    stances = queries.stance_distribution(db, None)
    figures = []
    # one column or bar per document: past MAX_DETAILED_DOCUMENTS the charts show the most recent ones
    # (docs is oldest first); the tables above and the marts keep every document
    if docs.height > MAX_DETAILED_DOCUMENTS:
        recent = docs.tail(MAX_DETAILED_DOCUMENTS)["doc_id"].implode()
        parts.append(f"<p>Charts: the {MAX_DETAILED_DOCUMENTS} most recent of {docs.height:,} documents (all of "
                     "them in mart_topic_trends, fct_verbs and the dashboard).</p>")
        matrix = matrix.filter(pl.col("doc_id").is_in(recent)) if not matrix.is_empty() else matrix
        stances = stances.filter(pl.col("doc_id").is_in(recent)) if not stances.is_empty() else stances
    if not matrix.is_empty():
        figures.append(charts_out.svg(charts.topic_heatmap(matrix)))
    if not stances.is_empty():
        figures.append(charts_out.svg(charts.stance_totals(stances)))
    parts.append('<div class="charts">' + "".join(figures) + "</div>")
    return parts


def _document_section(db: Path, doc: dict, charts_out: ChartRenderer) -> list[str]:
    doc_id, label = doc["doc_id"], doc["doc_label"]
    parts = [f'<h2 id="{escape(doc_id)}">{escape(label)}: {escape(doc["title"] or "")}</h2>']
    facts = [f for f in (doc["adopted_by"], doc["place"], doc["session"], doc["source_file"]) if f]
    when = f"adopted {doc['adopted_on']}" if doc["adopted_on"] else "adoption date not stated"
    parts.append(f'<p class="meta">{escape(" · ".join([when, *facts]))}</p>')
    commitments = queries.commitments(db, doc_id)
    stances = queries.stance_distribution(db, doc_id)
    figures = []
    if not stances.is_empty():
        figures.append(charts_out.svg(charts.stance_bars(stances, f"Lead verbs of {label}")))
    if not commitments.is_empty():
        figures.append(charts_out.svg(charts.strength_bars(commitments, f"Commitments of {label} by strength",
                                                charts.strength_levels(commitments))))
    parts.append('<div class="charts">' + "".join(figures) + "</div>")
    parts.append(f"<h3>Commitments ({commitments.height})</h3>")
    # the clause as a reader meets it: "URGES member governments ...: to demonstrate ..."
    commitments = commitments.with_columns(
        pl.when(pl.col("addressee").is_not_null())
        .then(pl.concat_str([pl.col("operative_phrase").fill_null(""), pl.lit(" "), pl.col("addressee"),
                             pl.lit(": "), pl.col("commitment_text")]))
        .otherwise(pl.col("commitment_text"))
        .alias("full_text")
    )
    parts.append(table(commitments, {
        "clause_ref": "clause", "operative_phrase": "lead", "strength": "strength", "action_lemma": "action",
        "wording": "wording", "topics": "topics", "deadline_text": "deadline",
        "deadline_date": "deadline date", "pledge_id": "pledge",
    }, text_column="full_text"))
    targets = queries.targets(db, doc_id).join(
        queries.query(db, "select clause_id, text from main.fct_clauses where doc_id = ?", [doc_id]),
        on="clause_id", how="left",
    )
    parts.append(f"<h3>Targets and figures ({targets.height})</h3>")
    parts.append(table(targets, {
        "clause_ref": "clause", "span_text": "as written", "target_kind": "kind", "comparator": "comparator",
        "figure": "figure", "is_normative": "goal", "deadline_text": "deadline",
        "pledge_name": "pledge",
    }, text_column="text"))
    return parts


def _lineage_section(db: Path, docs: pl.DataFrame, charts_out: ChartRenderer) -> list[str]:
    pairs = queries.lineage_pairs(db)
    if pairs.is_empty():
        return ["<h2>Lineage</h2>", "<p>fct_clause_lineage is not in this warehouse.</p>"]
    label = dict(zip(docs["doc_id"].to_list(), docs["doc_label"].to_list(), strict=True))
    order = {d: i for i, d in enumerate(docs["doc_id"].to_list())}
    parts = ["<h2>Lineage</h2>", "<p>Each document against the one before it (the dashboard compares any pair).</p>"]
    # One section per successive pair: against every earlier document the report would grow with the square
    # of the corpus (4,950 charts for 100 documents).
    ordered = docs["doc_id"].to_list()
    successive = {(cur, prev) for prev, cur in zip(ordered, ordered[1:], strict=False)}
    present = [p for p in pairs.select("doc_id", "matched_doc_id").iter_rows() if p in successive]
    present = sorted(present, key=lambda p: order.get(p[0], 0))[-MAX_DETAILED_DOCUMENTS:]
    for cur, old in present:
        rows = queries.lineage(db, cur, old)
        cur_label, old_label = label.get(cur, cur), label.get(old, old)
        parts.append(f"<h3>{escape(cur_label)} against {escape(old_label)}</h3>")
        parts.append('<div class="charts">'
                     + charts_out.svg(charts.lineage_bars(rows, f"Clauses of {cur_label} against {old_label}"))
                     + "</div>")
        body = []
        for r in rows.iter_rows(named=True):
            kind = f" · {r['change_kind']}" if r["change_kind"] else ""
            sim = f" · {r['similarity']:.1f}" if r["similarity"] is not None else ""
            body.append(
                "<tr>"
                f"<td>{escape(r['clause_ref'] or '')}</td><td>{escape(r['text'] or '')}</td>"
                f'<td class="label-{escape(r["label"])}">{escape(r["label"] + kind + sim)}</td>'
                f"<td>{escape(r['matched_clause_ref'] or '')}</td><td>{escape(r['matched_text'] or '')}</td>"
                "</tr>"
            )
        parts.append(
            f"<details><summary>{rows.height} rows, side by side</summary><table><thead><tr>"
            f"<th>{escape(cur_label)}</th><th>text</th><th>label</th><th>{escape(old_label)}</th>"
            f"<th>text</th></tr></thead><tbody>{''.join(body)}</tbody></table></details>"
        )
    return parts


def render_report(db: Path, charts_out: ChartRenderer | None = None) -> str:
    """The whole report of the warehouse file ``db`` as one HTML string (its queries on one connection)."""
    charts_out = charts_out or ChartRenderer()
    with queries.one_connection(db):
        return _render(db, charts_out)


def _render(db: Path, charts_out: ChartRenderer) -> str:
    docs = queries.documents(db)
    version = queries.published_version(db)
    built = datetime.fromtimestamp(db.stat().st_mtime, UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Resolution warehouse report</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Resolution warehouse report</h1>",
        f'<p class="meta">Warehouse version {escape(version or "unknown")} · published {built} · '
        f"{docs.height} documents</p>",
    ]
    if docs.height:
        nav = " · ".join(f'<a href="#{escape(d)}">{escape(lab)}</a>'
                         for d, lab in zip(docs["doc_id"], docs["doc_label"], strict=True))
        parts.append(f"<p>{nav}</p>")
    parts += _documents_section(db, docs, charts_out)
    detailed = docs.tail(MAX_DETAILED_DOCUMENTS)
    if detailed.height < docs.height:
        parts.append(f'<p class="meta">Details for the {detailed.height} most recent of {docs.height} documents; '
                     "the dashboard and the Parquet exports have all of them.</p>")
    for doc in detailed.iter_rows(named=True):
        parts += _document_section(db, doc, charts_out)
    parts += _lineage_section(db, docs, charts_out)
    parts.append("</body></html>")
    return "\n".join(parts)


def build_report(warehouse_dir: str | os.PathLike | None = None) -> Path:
    """Write ``<warehouse_dir>/report.html`` from the published ``warehouse.duckdb``; returns its path.

    The file is written next to its final name and moved into place with ``os.replace``, so a reader
    never sees half a report.
    """
    root = queries.warehouse_dir(warehouse_dir)
    db = root / queries.DB_NAME
    if not db.exists():
        raise FileNotFoundError(f"no published warehouse at {db}")
    charts_out = ChartRenderer(root / CHART_CACHE)
    html = render_report(db, charts_out)
    out = root / REPORT_NAME
    _write_atomically(out, html)
    charts_out.prune()
    return out
