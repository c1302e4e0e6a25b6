-- question: Which calls got stronger or weaker?
-- how: matched clause pairs whose change kind is strengthened or weakened, with what changed.
select
    l.doc_id,
    l.clause_ref,
    l.matched_doc_id,
    l.matched_clause_ref,
    l.change_kind,
    l.change_detail,
    l.similarity
from {{ ref('fct_clause_lineage') }} as l
where l.change_kind in ('strengthened', 'weakened')
order by l.doc_id, l.change_kind, l.similarity desc, l.clause_ref
