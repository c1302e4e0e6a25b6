"""Parsed documents as Polars frames: the column contract of the DuckDB ``raw`` schema.

The dbt sources (``dbt_project/models/staging/_sources.yml``) read exactly these columns; change both
together. Every row carries ``doc_id`` and, where it belongs to a clause, ``clause_ref`` plus a
``char_start``/``char_end`` span in the decoded source text, so any fact can be traced back.
"""

from __future__ import annotations

import polars as pl

from pipelines.findings import STATUS_BY_SEVERITY, Finding, worst_severity
from pipelines.parsing.model import ParsedDocument

_EMPTY_FRAMES: dict[tuple, pl.DataFrame] = {}


def rows_frame(rows: list, schema: dict) -> pl.DataFrame:
    """``pl.DataFrame(rows, schema=schema, orient="row")``. Without rows, a copy of an empty frame kept
    per schema: polars builds an empty frame column by column, which costs more than a few rows do, and
    many of a document's fact tables have none (most documents define no acronym and name no pledge)."""
    if rows:
        return pl.DataFrame(rows, schema=schema, orient="row")
    key = tuple(schema.items())
    empty = _EMPTY_FRAMES.get(key)
    if empty is None:
        empty = _EMPTY_FRAMES[key] = pl.DataFrame(schema=schema)
    return empty.clear()


PARSER_VERSION = "2"

RAW_DOCUMENTS_SCHEMA = {
    "doc_id": pl.String,
    "source_file": pl.String,
    "sha256": pl.String,
    "doc_type": pl.String,
    "number": pl.Int64,
    "title": pl.String,
    "adopted_on": pl.Date,
    "adopted_by": pl.String,
    "session": pl.String,
    "place": pl.String,
    "opening_formula": pl.String,
    "issuing_body": pl.String,
    "symbol": pl.String,
    "number_as_printed": pl.String,
    "meeting": pl.String,
    "is_draft": pl.Boolean,
    "encoding": pl.String,
    "source_format": pl.String,
    "body_start": pl.Int64,
    "body_end": pl.Int64,
    "n_chars": pl.Int64,
    "n_clauses": pl.Int64,
    "n_issues": pl.Int64,
    "parser_version": pl.String,
    "quality_status": pl.String,
    "n_findings": pl.Int64,
    "source_text": pl.String,
}

RAW_CLAUSES_SCHEMA = {
    "doc_id": pl.String,
    "clause_ref": pl.String,
    "ordinal": pl.Int32,
    "kind": pl.String,
    "parent_ref": pl.String,
    "marker_as_written": pl.String,
    "letter_inferred": pl.Boolean,
    "lead_phrase": pl.String,
    "lemma": pl.String,
    "intensifier": pl.String,
    "secondary_leads": pl.List(pl.String),
    "secondary_lemmas": pl.List(pl.String),
    "addressee": pl.String,
    "lead_verb": pl.String,
    "lead_in_lexicon": pl.Boolean,
    "text": pl.String,
    "char_start": pl.Int64,
    "char_end": pl.Int64,
    "is_truncated": pl.Boolean,
    "page_start": pl.Int32,  # PDF input: 1-based pages the clause's span covers; null for other formats
    "page_end": pl.Int32,
}

RAW_PARSE_ISSUES_SCHEMA = {
    "doc_id": pl.String,
    "issue_ordinal": pl.Int32,
    "issue_kind": pl.String,
    "severity": pl.String,
    "message": pl.String,
    "clause_ref": pl.String,
    "char_start": pl.Int64,
    "char_end": pl.Int64,
}


# one row per metadata value a document prints, with the span it was read from (DocumentMeta.sources)
RAW_DOCUMENT_METADATA_SCHEMA = {
    "doc_id": pl.String,
    "field": pl.String,
    "value": pl.String,
    "char_start": pl.Int64,
    "char_end": pl.Int64,
}


RAW_DOCUMENT_FINDINGS_SCHEMA = {
    "doc_id": pl.String,
    "finding_ordinal": pl.Int32,
    "check_name": pl.String,
    "severity": pl.String,
    "message": pl.String,
    "clause_ref": pl.String,
    "char_start": pl.Int64,
    "char_end": pl.Int64,
}


def documents_frame(docs: list[ParsedDocument], findings: dict[str, list[Finding]] | None = None) -> pl.DataFrame:
    findings = findings or {}
    rows = []
    for d in docs:
        m = d.document
        found = findings.get(m.doc_id, [])
        rows.append(
            {
                **m.as_dict(),
                "adopted_on": m.adopted_on,
                "opening_formula": m.opening_formula,
                "encoding": m.encoding,
                "source_format": m.source_format,
                "body_start": m.body_start,
                "body_end": m.body_end,
                "n_chars": len(d.source_text),
                "n_clauses": len(d.clauses),
                "n_issues": len(d.issues),
                "parser_version": PARSER_VERSION,
                "quality_status": STATUS_BY_SEVERITY[worst_severity(found)],
                "n_findings": len(found),
                "source_text": d.source_text,
            }
        )
    frame = rows_frame(rows, {**RAW_DOCUMENTS_SCHEMA, "adopted_on": pl.String})
    return frame.with_columns(pl.col("adopted_on").str.to_date("%Y-%m-%d", strict=False))


def clauses_frame(docs: list[ParsedDocument]) -> pl.DataFrame:
    rows = []
    for d in docs:
        for ordinal, c in enumerate(d.clauses, start=1):
            rows.append(
                {
                    "doc_id": d.document.doc_id,
                    "clause_ref": c.ref,
                    "ordinal": ordinal,
                    "kind": c.kind,
                    "parent_ref": c.parent_ref,
                    "marker_as_written": c.marker_as_written,
                    "letter_inferred": c.letter_inferred,
                    "lead_phrase": c.lead_phrase,
                    "lemma": c.lemma,
                    "intensifier": c.intensifier,
                    "secondary_leads": list(c.secondary_leads),
                    "secondary_lemmas": list(c.secondary_lemmas),
                    "addressee": c.addressee,
                    "lead_verb": c.lead_verb,
                    "lead_in_lexicon": c.lead_in_lexicon,
                    "text": c.text,
                    "char_start": c.char_start,
                    "char_end": c.char_end,
                    "is_truncated": c.is_truncated,
                    "page_start": c.page_start,
                    "page_end": c.page_end,
                }
            )
    return rows_frame(rows, RAW_CLAUSES_SCHEMA)


def issues_frame(docs: list[ParsedDocument]) -> pl.DataFrame:
    rows = []
    for d in docs:
        for ordinal, i in enumerate(d.issues, start=1):
            rows.append(
                {
                    "doc_id": d.document.doc_id,
                    "issue_ordinal": ordinal,
                    "issue_kind": i.kind,
                    "severity": i.severity,
                    "message": i.message,
                    "clause_ref": i.clause_ref,
                    "char_start": i.char_start,
                    "char_end": i.char_end,
                }
            )
    return rows_frame(rows, RAW_PARSE_ISSUES_SCHEMA)


def findings_frame(findings: dict[str, list[Finding]]) -> pl.DataFrame:
    rows = [
        {"doc_id": doc_id, "finding_ordinal": ordinal, "check_name": f.check_name, "severity": f.severity,
         "message": f.message, "clause_ref": f.clause_ref, "char_start": f.char_start, "char_end": f.char_end}
        for doc_id, found in findings.items()
        for ordinal, f in enumerate(found, start=1)
    ]
    return rows_frame(rows, RAW_DOCUMENT_FINDINGS_SCHEMA)


def document_metadata_frame(docs: list[ParsedDocument]) -> pl.DataFrame:
    """Where each metadata value was read. A value the findings withheld (``findings.withhold`` sets the
    attribute to None) is left out with it."""
    rows = []
    for d in docs:
        m = d.document
        for v in m.sources:
            if hasattr(m, v.field) and getattr(m, v.field) is None:
                continue
            rows.append({"doc_id": m.doc_id, "field": v.field, "value": v.value, "char_start": v.char_start,
                         "char_end": v.char_end})
    return rows_frame(rows, RAW_DOCUMENT_METADATA_SCHEMA)
