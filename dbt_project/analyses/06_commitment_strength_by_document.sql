-- question: How strong are each document's calls, and how many are worded as continuations?
-- how: commitments by strength of the operative lead, split into continuations (is_continuation: the wording continues or repeats an earlier call) and the others.
select
    d.doc_id,
    c.strength,
    count(*) as commitments,
    count(*) filter (where c.is_continuation) as continuations,
    count(*) filter (where not c.is_continuation) as not_continuations
from {{ ref('fct_commitments') }} as c
inner join {{ ref('dim_documents') }} as d using (doc_id)
group by d.doc_id, c.strength
order by d.doc_id, c.strength desc nulls last
