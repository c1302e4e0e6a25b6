"""The warehouse as clause lineage reads it: clause rows with their lead's strength and addressee and their
targets (fct_targets), and the index candidates from fct_clause_bands, fetched for the documents asked for only
(``LineageStore`` of pipelines/facts/lineage.py).

Document ids come from file names: they reach DuckDB as query parameters and registered tables, never
pasted into SQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import duckdb
import polars as pl

from pipelines.facts.lineage_index import candidates
from pipelines.facts.targets import TargetMention

# the columns of fct_targets (and raw_targets) a TargetMention is made of
TARGET_COLUMNS = ("doc_id", "clause_ref", "target_kind", "value", "value_high", "unit", "comparator", "is_normative",
                  "deadline_text", "target_date", "span_text", "match_start")


def targets_by_clause(targets: pl.DataFrame) -> dict[tuple[str, str], tuple[TargetMention, ...]]:
    """The targets the extractor found in each clause (rows of fct_targets or raw_targets), in text order,
    with offsets into the clause text (match_start; span_text is the text from there)."""
    out: dict[tuple[str, str], list[TargetMention]] = defaultdict(list)
    for r in targets.select(TARGET_COLUMNS).sort("match_start").iter_rows(named=True):
        start = r["match_start"]
        out[(r["doc_id"], r["clause_ref"])].append(TargetMention(
            target_kind=r["target_kind"], value=r["value"], unit=r["unit"], comparator=r["comparator"],
            is_normative=r["is_normative"], deadline_text=r["deadline_text"], span_text=r["span_text"],
            text_start=start, text_end=start + len(r["span_text"]), target_date=r["target_date"],
            value_high=r["value_high"]))
    return {k: tuple(v) for k, v in out.items()}


def clause_rows(clauses: pl.DataFrame, commitments: pl.DataFrame, verbs: pl.DataFrame,
                targets: pl.DataFrame) -> list[dict]:
    """The rows lineage compares, from fct_clauses, fct_commitments, fct_verbs and fct_targets: a
    sub-clause's strength and addressee are its operative clause's (fct_commitments), a lead's strength
    fct_clauses.lead_strength, a coordinated lead's fct_verbs.strength, each computed once in dbt; a
    clause's ``targets`` are ``targets_by_clause``'s."""
    # sorted first: DuckDB returns a join's rows in no guaranteed order, and the first of a lemma given
    # twice is the one changes._secondary keeps
    secondary = (
        verbs.filter(pl.col("verb_role") == "secondary_lead")
        .sort("doc_id", "clause_ref", "lemma", "strength", nulls_last=True)
        .group_by("doc_id", "clause_ref", maintain_order=True)
        .agg(pl.col("lemma").filter(pl.col("lemma").is_not_null()).alias("secondary_lemmas"),
             pl.col("strength").filter(pl.col("lemma").is_not_null()).alias("secondary_strengths"))
    )
    parents = clauses.select(
        "doc_id",
        pl.col("clause_ref").alias("parent_ref"),
        pl.col("intensifier").alias("parent_intensifier"),
    )
    rows = (
        clauses.join(
            commitments.select("doc_id", "clause_ref", "strength", "operative_lemma",
                               pl.col("addressee").alias("commitment_addressee")),
            on=["doc_id", "clause_ref"], how="left",
        )
        .join(parents, on=["doc_id", "parent_ref"], how="left")
        .join(secondary, on=["doc_id", "clause_ref"], how="left")
        .with_columns(
            pl.coalesce("strength", "lead_strength").alias("strength"),
            pl.coalesce("operative_lemma", "lemma").alias("lemma"),
            pl.coalesce("commitment_addressee", "addressee").alias("addressee"),
            pl.when(pl.col("kind") == "sub_operative").then(pl.col("parent_intensifier"))
            .otherwise(pl.col("intensifier")).alias("intensifier"),
        )
        .select("doc_id", "clause_ref", "kind", "text", "lemma", "intensifier", "addressee", "strength",
                "secondary_lemmas", "secondary_strengths")
    ).to_dicts()
    found = targets_by_clause(targets)
    for r in rows:
        r["targets"] = found.get((r["doc_id"], r["clause_ref"]), ())
    return rows


class WarehouseLineageStore:
    """Reads through ``con`` from the relations of fct_clauses, fct_commitments, fct_verbs, fct_targets and
    fct_clause_bands (dbt's refs in the lineage model)."""

    _IDS = "lineage_store__ids"

    def __init__(self, con: duckdb.DuckDBPyConnection, clauses: duckdb.DuckDBPyRelation,
                 commitments: duckdb.DuckDBPyRelation, verbs: duckdb.DuckDBPyRelation,
                 targets: duckdb.DuckDBPyRelation, bands: duckdb.DuckDBPyRelation) -> None:
        self._con = con
        self._clauses, self._commitments, self._verbs, self._bands = clauses, commitments, verbs, bands
        self._targets = targets.select(*TARGET_COLUMNS)

    def _register_ids(self, doc_ids: list[str]) -> None:
        self._con.register(self._IDS, pl.DataFrame({"doc_id": doc_ids}, schema={"doc_id": pl.String}).to_arrow())

    def _of(self, relation: duckdb.DuckDBPyRelation, doc_ids: list[str]) -> pl.DataFrame:
        self._register_ids(doc_ids)
        try:
            return relation.join(self._con.view(self._IDS), "doc_id").pl()
        finally:
            self._con.unregister(self._IDS)

    def documents_with_clauses(self, doc_ids: list[str]) -> set[str]:
        return set(self._of(self._clauses.project("doc_id").distinct(), doc_ids)["doc_id"].to_list())

    def clause_rows(self, doc_ids: list[str]) -> list[Mapping]:
        return clause_rows(self._of(self._clauses, doc_ids), self._of(self._commitments, doc_ids),
                           self._of(self._verbs, doc_ids), self._of(self._targets, doc_ids))

    def candidates(self, positions: Mapping[str, int], query_docs: list[str], limit: int) -> pl.DataFrame:
        return candidates(self._con, self._bands, positions, query_docs, limit)
