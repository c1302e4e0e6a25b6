"""Clause lineage: every clause against its closest counterpart in the previous document, and in a document
further back when one holds a closer counterpart.

A thin shell over pipelines.facts.lineage (pure, tested in tests/test_lineage.py): ``stored_lineage`` on
one series at a time, reading what the documents to compute need batch by batch (their clauses, their
predecessors' and candidates', the index candidates from fct_clause_bands). The rows compared come
from pipelines.facts.lineage_store.clause_rows, with the targets the extractor found in each clause
(fct_targets): its goals are read there, not extracted again.

Incremental (append): an incremental build deletes the rows of the documents it recomputes, and of the
documents no longer compared, and returns only the recomputed rows. Which documents those are depends
on the series' order (``first_stale_position``), known only here, so the delete is made here rather than
in a pre-hook; it runs in the build's transaction, before dbt appends the returned rows. The rows kept
are never read into Python or written again.
"""

import polars as pl


def first_stale_position(order: list[str], in_scope: set[str], previous: dict[str, int]) -> int:
    """The first position (0-based) of ``order`` whose rows must be recomputed: a document in this
    build's scope, or one whose sequence number moved (a document inserted or removed before it).
    Rows of every document after it are recomputed too: their closest_earlier search may now find it.
    The first document of a series may have no rows (nothing before it to compare with); when it has
    some, they were written when another document preceded it, which is gone."""
    for pos, doc_id in enumerate(order):
        sequence = previous.get(doc_id)
        if doc_id in in_scope or (sequence != pos + 1 and (pos > 0 or sequence is not None)):
            return pos
    return len(order)


def model(dbt, session):
    from pipelines.facts.lineage import LINEAGE_SCHEMA, document_order, stored_lineage
    from pipelines.facts.lineage_store import WarehouseLineageStore

    # Documents are compared within their series (the body that adopted them) in dim_documents' order;
    # lineage_across_series (a dbt var) compares the whole corpus in corpus_sequence order instead.
    # A document dim_documents could not place (no date, no number) is not compared.
    across = str(dbt.config.get("lineage_across_series") or "false").lower() in ("true", "1")
    order_key = "corpus_sequence" if across else "doc_sequence"
    documents = (dbt.ref("dim_documents").pl().filter(pl.col("is_placed"))
                 .select("doc_id", "series", "doc_sequence", "corpus_sequence"))
    clauses, commitments, verbs = dbt.ref("fct_clauses"), dbt.ref("fct_commitments"), dbt.ref("fct_verbs")
    targets = dbt.ref("fct_targets")
    store = WarehouseLineageStore(session, clauses, commitments, verbs, targets, dbt.ref("fct_clause_bands"))
    docs = documents.to_dicts()
    series: dict[str, list[dict]] = {}
    for d in docs:
        series.setdefault("corpus" if across else d["series"], []).append(d)

    # Incremental by document (macros/build_scope.sql): the rows of the documents of a series before
    # its first document in the build scope (or moved) are kept from the previous build. A full build's
    # scope is every document, so nothing is kept.
    in_scope = {r[0] for r in dbt.source("raw", "build_scope").project("doc_id").fetchall()}
    appending = bool(dbt.is_incremental)
    incremental = appending and not across
    prev_seq = (dict(session.sql(f"select distinct doc_id, doc_sequence from {dbt.this}").fetchall())
                if incremental else {})
    # each batch's rows go to a temporary table as they come: the run holds no corpus's rows in Python
    def write(statement: str, rows: pl.DataFrame) -> None:
        session.register("fct_clause_lineage__batch", rows.to_arrow())
        try:
            session.execute(statement)
        finally:
            session.unregister("fct_clause_lineage__batch")

    write("create or replace temp table fct_clause_lineage__rows as select * from fct_clause_lineage__batch",
          pl.DataFrame(schema=LINEAGE_SCHEMA))

    def append(rows: pl.DataFrame) -> None:
        write("insert into fct_clause_lineage__rows select * from fct_clause_lineage__batch", rows)

    kept = []
    for group in series.values():
        only = None
        if incremental:
            order = document_order(group, order_key)
            start = first_stale_position(order, in_scope, prev_seq)
            only = order[start:]
            kept.extend(order[:start])
            if not only:  # nothing new or changed in this series: its previous rows stand
                continue
        # read from the warehouse batch by batch: the run never holds a series' clauses at once
        stored_lineage(group, store, only, order_key=order_key, sink=append)
    computed = session.sql(
        """
        select
            md5('lineage|' || doc_id || '|' || clause_ref || '|' || matched_doc_id) as lineage_id,
            doc_id,
            clause_ref,
            comparison,
            md5(doc_id || '|' || clause_ref) as clause_id,
            doc_sequence,
            matched_doc_id,
            matched_doc_sequence,
            documents_apart,
            matched_clause_ref,
            case when matched_clause_ref is not null
                then md5(matched_doc_id || '|' || matched_clause_ref) end as matched_clause_id,
            cast(round(similarity, 1) as decimal(4, 1)) as similarity,
            label,
            change_kind,
            change_detail
        from fct_clause_lineage__rows
        """
    )
    if appending:  # every row but those of the documents kept goes; the rows returned are appended
        kept_ids = pl.DataFrame({"doc_id": kept}, schema={"doc_id": pl.String})
        session.register("fct_clause_lineage__kept", kept_ids.to_arrow())
        session.execute(f"delete from {dbt.this} where doc_id not in (select doc_id from fct_clause_lineage__kept)")
        session.unregister("fct_clause_lineage__kept")
    # a relation: dbt writes it from the temporary table (replaced by the next build), never through Python
    return computed
