-- question: How much of each document is new, verbatim or modified since the one before?
-- how: mart_document_diff, one row per pair of successive documents, clauses counted by lineage label.
select
    doc_id,
    previous_doc_id,
    n_clauses,
    n_new,
    n_verbatim,
    n_modified,
    n_strengthened,
    n_weakened,
    n_dropped,
    mean_similarity_of_matches
from {{ ref('mart_document_diff') }}
order by doc_sequence
