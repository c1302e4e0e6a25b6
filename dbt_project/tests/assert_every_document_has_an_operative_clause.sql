-- Genre rule: a resolution or declaration addresses someone at least once ("URGES ...", "CALLS ON ...").
-- A document without an operative clause was cut short or misread.

select
    documents.doc_id,
    cast(null as varchar) as clause_ref,
    'every_document_has_an_operative_clause' as rule,
    'no operative clause among ' || documents.n_clauses || ' clauses of ' || documents.source_file as detail
from {{ ref('dim_documents') }} as documents
where documents.n_operative = 0
