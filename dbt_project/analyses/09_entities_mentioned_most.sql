-- question: Which states and organisations are mentioned most, and in how many clauses of each document?
-- how: fct_entity_mentions counted by clause, per document, the ten most mentioned overall.
with per_doc as (
    select entity_name, entity_type, doc_id, count(distinct clause_id) as clauses
    from {{ ref('fct_entity_mentions') }}
    where entity_type in ('state', 'organisation')
    group by entity_name, entity_type, doc_id
)

select
    entity_name,
    entity_type,
    sum(clauses) as clauses,
    string_agg(doc_id || ': ' || clauses, ', ' order by doc_id) as by_document
from per_doc
group by entity_name, entity_type
order by clauses desc, entity_name
limit 10
