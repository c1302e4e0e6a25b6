-- Genre rule: a resolution or declaration addresses someone at least once ("URGES ...", "CALLS ON ...").
-- A document without an operative clause was cut short or misread. Checked on the documents this build
-- (re)loaded: the others passed when they were loaded and have not changed (macros/build_scope.sql).

with

documents as (

    select * from {{ ref('stg_documents') }}
    where {{ in_build_scope() }}

),

clauses as (

    select * from {{ ref('fct_clauses') }}
    where {{ in_build_scope() }}

)

select
    documents.doc_id,
    cast(null as varchar) as clause_ref,
    'every_document_has_an_operative_clause' as rule,
    'none of the ' || count(clauses.clause_ref) || ' clauses of ' || documents.source_file || ' is operative'
        as detail
from documents
left join clauses on documents.doc_id = clauses.doc_id
group by documents.doc_id, documents.source_file
having count(*) filter (where clauses.kind = 'operative') = 0
