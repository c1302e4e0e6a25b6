"""The extractor registry: one entry per raw table a parsed document fills.

Each entry names the table, its column contract and the function that makes its frame from one parsed
document. The loader's tables (``pipelines.warehouse.rawload.DOC_TABLES``, ``FACT_TABLES``), the raw
assets (``pipelines.defs.ingest.assets.RAW_TABLES``) and ``pipelines.facts.extract_clause_facts`` are
derived from it; tests/test_extractor_registry.py checks that every entry has a dbt source
(``dbt_project/models/staging/_sources.yml``) and a staging model. README, "Adding an extractor".
It sits in ``pipelines/facts`` so that the raw layer's code fingerprint (``ingest.code_fingerprint``, which
hashes ``facts/**``) covers it: a changed entry rebuilds every document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from pipelines import facts, frames
from pipelines.facts.lineage_index import RAW_CLAUSE_BANDS_SCHEMA, clause_bands_frame
from pipelines.parsing.model import ParsedDocument


@dataclass(frozen=True)
class Extractor:
    table: str  # raw.<table>, also the Dagster asset key and the dbt source table
    schema: dict[str, pl.DataType]  # the column contract: every frame is cast to it on load
    description: str  # the raw asset's description
    # The frame of one document; None for the parser's own tables, which pipelines.frames makes for a
    # batch of documents (pipelines/warehouse/ingest.py).
    extract: Callable[[ParsedDocument], pl.DataFrame] | None = None

    @property
    def staging_model(self) -> str:
        """The dbt staging model that reads the table: raw_targets -> stg_targets."""
        return "stg_" + self.table.removeprefix("raw_")


# In load order (every table of a document is replaced in one transaction).
EXTRACTORS: tuple[Extractor, ...] = (
    Extractor("raw_documents", frames.RAW_DOCUMENTS_SCHEMA,
              "One row per parsed document (metadata, body span, counts)."),
    Extractor("raw_clauses", frames.RAW_CLAUSES_SCHEMA,
              "One row per clause, in document order, with its lead phrase and source span."),
    Extractor("raw_parse_issues", frames.RAW_PARSE_ISSUES_SCHEMA,
              "Problems the parser reported while reading a document."),
    Extractor("raw_targets", facts.RAW_TARGETS_SCHEMA,
              "Quantified targets and figures found in clause text.", facts.targets_frame),
    Extractor("raw_deadlines", facts.RAW_DEADLINES_SCHEMA,
              "Deadlines found in clause text, anchored to the adoption date.", facts.deadlines_frame),
    Extractor("raw_acronyms", facts.RAW_ACRONYMS_SCHEMA,
              "Acronyms defined in clause text, with their expansion.", facts.acronyms_frame),
    Extractor("raw_entity_mentions", facts.RAW_ENTITY_MENTIONS_SCHEMA,
              "Mentions of states, organisations, regions and programmes in clause text.",
              facts.entity_mentions_frame),
    Extractor("raw_topic_mentions", facts.RAW_TOPIC_MENTIONS_SCHEMA,
              "Topics of clauses: the first phrase of each topic of seed topic_taxonomy in clause text.",
              facts.topic_mentions_frame),
    Extractor("raw_pledge_mentions", facts.RAW_PLEDGE_MENTIONS_SCHEMA,
              "Pledges of seed pledges named in clause text, first mention per clause and pledge.",
              facts.pledge_mentions_frame),
    Extractor("raw_commitment_actions", facts.RAW_COMMITMENT_ACTIONS_SCHEMA,
              "Each action an operative clause asks for or decides (verb, addressee, deadline).",
              facts.commitment_actions_frame),
    Extractor("raw_clause_bands", RAW_CLAUSE_BANDS_SCHEMA,
              "MinHash bands of each clause's content words: the buckets clause lineage searches.",
              clause_bands_frame),
    Extractor("raw_document_findings", frames.RAW_DOCUMENT_FINDINGS_SCHEMA,
              "Document expectations each document misses (numbering, coverage, metadata...)."),
    Extractor("raw_document_metadata", frames.RAW_DOCUMENT_METADATA_SCHEMA,
              "Each metadata value a document prints (body, symbol, date...) with its source span."),
)

FACT_EXTRACTORS: tuple[Extractor, ...] = tuple(e for e in EXTRACTORS if e.extract is not None)
