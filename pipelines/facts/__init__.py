"""Facts extracted from clause text: targets, deadlines, acronyms, entities, topics (per document), lineage (across).

One function per raw table (``targets_frame(doc)`` -> ``raw_targets``, ...), each an entry of the extractor
registry ``pipelines.facts.registry``; ``extract_clause_facts(doc)`` returns the frames of all of them
(columns: docs/architecture.md). Offsets are in the decoded source text, mapped from the clean clause text
with ``Clause.source_span``. Deadline dates count from the document's adoption date, never from the day of
the run; they are null when the adoption date is unknown.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from pipelines.facts.acronyms import extract_acronym_definitions, find_acronym_mentions
from pipelines.facts.commitments import RAW_COMMITMENT_ACTIONS_SCHEMA, commitment_action_frame
from pipelines.facts.deadlines import extract_deadlines
from pipelines.facts.entities import extract_entity_mentions
from pipelines.facts.pledges import extract_pledge_mentions
from pipelines.facts.targets import extract_targets
from pipelines.facts.topics import extract_topic_mentions
from pipelines.frames import rows_frame
from pipelines.parsing.model import ParsedDocument

__all__ = [
    "RAW_COMMITMENT_ACTIONS_SCHEMA",
    "RAW_ACRONYMS_SCHEMA",
    "RAW_DEADLINES_SCHEMA",
    "RAW_ENTITY_MENTIONS_SCHEMA",
    "RAW_PLEDGE_MENTIONS_SCHEMA",
    "RAW_TARGETS_SCHEMA",
    "RAW_TOPIC_MENTIONS_SCHEMA",
    "acronyms_frame",
    "commitment_actions_frame",
    "deadlines_frame",
    "entity_mentions_frame",
    "extract_acronym_definitions",
    "extract_clause_facts",
    "extract_deadlines",
    "extract_entity_mentions",
    "extract_pledge_mentions",
    "extract_targets",
    "extract_topic_mentions",
    "find_acronym_mentions",
    "pledge_mentions_frame",
    "targets_frame",
    "topic_mentions_frame",
]

RAW_TARGETS_SCHEMA = {
    "doc_id": pl.String,
    "clause_ref": pl.String,
    "target_ordinal": pl.Int32,
    "target_kind": pl.String,
    "value": pl.Float64,
    "value_high": pl.Float64,
    "unit": pl.String,
    "comparator": pl.String,
    "is_normative": pl.Boolean,
    "deadline_text": pl.String,
    "target_date": pl.Date,
    "span_text": pl.String,
    "match_start": pl.Int32,
    "char_start": pl.Int64,
    "char_end": pl.Int64,
}

RAW_DEADLINES_SCHEMA = {
    "doc_id": pl.String,
    "clause_ref": pl.String,
    "deadline_ordinal": pl.Int32,
    "deadline_kind": pl.String,
    "deadline_text": pl.String,
    "deadline_date": pl.Date,
    "char_start": pl.Int64,
    "char_end": pl.Int64,
}

RAW_ACRONYMS_SCHEMA = {
    "doc_id": pl.String,
    "clause_ref": pl.String,
    "acronym": pl.String,
    "expansion": pl.String,
    "char_start": pl.Int64,
    "char_end": pl.Int64,
}

RAW_ENTITY_MENTIONS_SCHEMA = {
    "doc_id": pl.String,
    "clause_ref": pl.String,
    "mention_ordinal": pl.Int32,
    "mention_text": pl.String,
    "entity_name": pl.String,
    "entity_type": pl.String,
    "iso3": pl.String,
    "match_start": pl.Int32,
    "char_start": pl.Int64,
    "char_end": pl.Int64,
}

RAW_TOPIC_MENTIONS_SCHEMA = {
    "doc_id": pl.String,
    "clause_ref": pl.String,
    "topic_key": pl.String,
    "topic_label": pl.String,
    "cap_major": pl.Int32,
    "matched_phrase": pl.String,
    "match_start": pl.Int32,
    "char_start": pl.Int64,
    "char_end": pl.Int64,
    "inherited_from": pl.String,
    "inherited_via": pl.String,
}

RAW_PLEDGE_MENTIONS_SCHEMA = {
    "doc_id": pl.String,
    "clause_ref": pl.String,
    "pledge_id": pl.String,
    "mention_text": pl.String,
    "match_start": pl.Int32,
    "char_start": pl.Int64,
    "char_end": pl.Int64,
}


def _adoption_date(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


def _span_rows(doc: ParsedDocument, found_per_clause, schema: dict, fields, ordinal: str | None = None):
    """One row per match of each clause: doc_id, clause_ref, the match's number within its clause (column
    ``ordinal``, when given), the columns ``fields(match)`` gives and the match's span in the source text."""
    rows = []
    for clause, found in zip(doc.clauses, found_per_clause, strict=True):
        for n, m in enumerate(found, start=1):
            start, end = clause.source_span(m.text_start, m.text_end)
            rows.append({"doc_id": doc.document.doc_id, "clause_ref": clause.ref, **({ordinal: n} if ordinal else {}),
                         **fields(m), "char_start": start, "char_end": end})
    return rows_frame(rows, schema)


def targets_frame(doc: ParsedDocument) -> pl.DataFrame:
    """``raw_targets``: the quantified targets and figures of each clause."""
    adopted_on = _adoption_date(doc.document.adopted_on)
    return _span_rows(
        doc, (extract_targets(c.text, adopted_on) for c in doc.clauses), RAW_TARGETS_SCHEMA,
        lambda t: {"target_kind": t.target_kind, "value": t.value, "value_high": t.value_high, "unit": t.unit,
                   "comparator": t.comparator, "is_normative": t.is_normative, "deadline_text": t.deadline_text,
                   "target_date": t.target_date, "span_text": t.span_text,
                   "match_start": t.text_start},
        ordinal="target_ordinal",
    )


def deadlines_frame(doc: ParsedDocument) -> pl.DataFrame:
    """``raw_deadlines``: the deadlines of each clause, anchored to the adoption date."""
    adopted_on = _adoption_date(doc.document.adopted_on)
    return _span_rows(
        doc, (extract_deadlines(c.text, adopted_on) for c in doc.clauses), RAW_DEADLINES_SCHEMA,
        lambda d: {"deadline_kind": d.deadline_kind, "deadline_text": d.deadline_text,
                   "deadline_date": d.deadline_date},
        ordinal="deadline_ordinal",
    )


def acronyms_frame(doc: ParsedDocument) -> pl.DataFrame:
    """``raw_acronyms``: the acronyms each clause defines, with their expansion."""
    return _span_rows(doc, (extract_acronym_definitions(c.text) for c in doc.clauses), RAW_ACRONYMS_SCHEMA,
                      lambda a: {"acronym": a.acronym, "expansion": a.expansion})


def entity_mentions_frame(doc: ParsedDocument) -> pl.DataFrame:
    """``raw_entity_mentions``: states, organisations, regions and programmes the clauses name."""
    meta = doc.document
    body = meta.issuing_body or meta.adopted_by or meta.opening_formula
    return _span_rows(
        doc, extract_entity_mentions([c.text for c in doc.clauses], body), RAW_ENTITY_MENTIONS_SCHEMA,
        lambda m: {"mention_text": m.mention_text, "entity_name": m.entity_name, "entity_type": m.entity_type,
                   "iso3": m.iso3, "match_start": m.text_start},
        ordinal="mention_ordinal",
    )


def topic_mentions_frame(doc: ParsedDocument) -> pl.DataFrame:
    """``raw_topic_mentions``: the first phrase of each topic of seed topic_taxonomy in each clause."""
    rows = []
    by_ref = {c.ref: c for c in doc.clauses}
    for clause, found in zip(doc.clauses, extract_topic_mentions(doc.clauses), strict=True):
        for t in found:  # an inherited topic's phrase and offsets are those of the clause it is inherited from
            start, end = by_ref[t.inherited_from or clause.ref].source_span(t.text_start, t.text_end)
            rows.append({"doc_id": doc.document.doc_id, "clause_ref": clause.ref, "topic_key": t.topic_key,
                         "topic_label": t.topic_label, "cap_major": t.cap_major, "matched_phrase": t.matched_phrase,
                         "match_start": t.text_start, "char_start": start, "char_end": end,
                         "inherited_from": t.inherited_from, "inherited_via": t.inherited_via})
    return rows_frame(rows, RAW_TOPIC_MENTIONS_SCHEMA)


def pledge_mentions_frame(doc: ParsedDocument) -> pl.DataFrame:
    """``raw_pledge_mentions``: pledges of seed pledges each clause names, first mention per pledge."""
    return _span_rows(doc, extract_pledge_mentions(c.text for c in doc.clauses), RAW_PLEDGE_MENTIONS_SCHEMA,
                      lambda p: {"pledge_id": p.pledge_id, "mention_text": p.mention_text, "match_start": p.text_start})


def commitment_actions_frame(doc: ParsedDocument) -> pl.DataFrame:
    """``raw_commitment_actions``: each action an operative clause asks for or decides."""
    return commitment_action_frame(doc, _adoption_date(doc.document.adopted_on))


def extract_clause_facts(doc: ParsedDocument) -> dict[str, pl.DataFrame]:
    """The frames of every facts extractor of the registry (``pipelines.facts.registry``) for ``doc``."""
    from pipelines.facts.registry import FACT_EXTRACTORS  # the registry imports this module

    return {e.table: e.extract(doc) for e in FACT_EXTRACTORS}


def clear_text_caches() -> None:
    """Forget the per-text memos of the extractors (for benchmarks that time a cold pass)."""
    from pipelines.facts.deadlines import _resolved

    _resolved.cache_clear()
