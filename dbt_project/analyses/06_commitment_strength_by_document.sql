-- question: How strong are each document's calls, and how many ask for new action?
-- how: commitments by strength of the operative lead, split into new and continuing actions.
select
    d.doc_id,
    c.strength,
    count(*) as commitments,
    count(*) filter (where not c.is_continuation) as new_actions,
    count(*) filter (where c.is_continuation) as continuing_actions
from {{ ref('fct_commitments') }} as c
inner join {{ ref('dim_documents') }} as d using (doc_id)
group by d.doc_id, c.strength
order by d.doc_id, c.strength desc nulls last
