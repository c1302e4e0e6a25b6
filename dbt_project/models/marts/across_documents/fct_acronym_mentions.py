"""Bare mentions of the defined acronyms in every clause, linked to the acronym's first definition.

A thin shell over pipelines.facts.acronyms.link_acronym_mentions (pure, tests/test_acronyms.py), fed the
clauses whose text holds one of the acronyms (``mention_prefilter``).
mention_start/mention_end are 0-based positions in the clause text (fct_clauses.text).
"""

import polars as pl

SCHEMA = {
    "doc_id": pl.String,
    "clause_ref": pl.String,
    "acronym": pl.String,
    "mention_start": pl.Int32,
    "mention_end": pl.Int32,
    "defined_doc_id": pl.String,
    "defined_clause_ref": pl.String,
    "is_after_definition": pl.Boolean,
}


def model(dbt, session):
    import duckdb

    from pipelines.facts.acronyms import link_acronym_mentions, mention_prefilter
    from pipelines.facts.lineage import document_order

    # an acronym defined by one body is read in another's texts: the whole corpus in its order
    docs = dbt.ref("dim_documents").pl().select("doc_id", "corpus_sequence").to_dicts()
    acronyms = dbt.ref("dim_acronyms").pl()
    definitions = [
        {"doc_id": a["first_doc_id"], "clause_ref": a["first_clause_ref"], "acronym": a["acronym"]}
        for a in acronyms.to_dicts()
    ]
    # only the clauses that may mention one (DuckDB's regex over the texts): the corpus's clause texts
    # never enter Python, and a corpus without acronyms reads none
    clauses = []
    if definitions:
        holds_one = duckdb.FunctionExpression("regexp_matches", duckdb.ColumnExpression("text"),
                                              duckdb.ConstantExpression(mention_prefilter(acronyms["acronym"])))
        clauses = (dbt.ref("fct_clauses").select("doc_id", "clause_ref", "ordinal", "text").filter(holds_one)
                   .pl().to_dicts())
    mentions = link_acronym_mentions(definitions, clauses, document_order(docs, "corpus_sequence"))
    frame = pl.DataFrame(mentions, schema=SCHEMA, orient="row")
    session.register("fct_acronym_mentions__rows", frame.to_arrow())
    return session.sql(
        """
        select
            md5('acronym_mention|' || doc_id || '|' || clause_ref || '|' || cast(mention_start as varchar))
                as mention_id,
            doc_id,
            clause_ref,
            md5(doc_id || '|' || clause_ref) as clause_id,
            md5('acronym|' || acronym) as acronym_id,
            acronym,
            mention_start,
            mention_end,
            defined_doc_id,
            defined_clause_ref,
            is_after_definition,
            doc_id = defined_doc_id as is_in_defining_document
        from fct_acronym_mentions__rows
        """
    )
