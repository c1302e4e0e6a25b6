-- question: Which deadlines do the commitments set, and when do they fall?
-- how: the first deadline of each commitment, with its date computed from the adoption date where known.
select
    c.doc_id,
    c.clause_ref,
    c.deadline_kind,
    c.deadline_text,
    c.deadline_date,
    c.action_lemma
from {{ ref('fct_commitments') }} as c
inner join {{ ref('fct_clauses') }} as cl using (clause_id)
where c.deadline_kind is not null
order by c.doc_id, cl.ordinal
