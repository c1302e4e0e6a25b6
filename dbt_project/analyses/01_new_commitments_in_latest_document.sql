-- question: Which commitments are new in the latest document?
-- how: commitments of the newest document whose clause has no counterpart in the document before it (lineage label new); is_continuation says whether the wording still presents the call as continuing an earlier one.
with latest as (
    select max(doc_sequence) as doc_sequence from {{ ref('fct_clause_lineage') }}
),

new_clauses as (
    select l.doc_id, l.clause_ref
    from {{ ref('fct_clause_lineage') }} as l
    inner join latest using (doc_sequence)
    where l.documents_apart = 1 and l.label = 'new'
)

select
    c.doc_id,
    c.clause_ref,
    c.action_lemma,
    c.strength,
    c.is_continuation,
    c.commitment_text
from {{ ref('fct_commitments') }} as c
inner join new_clauses as n using (doc_id, clause_ref)
inner join {{ ref('fct_clauses') }} as cl using (clause_id)
order by cl.ordinal
