-- question: Which acronyms do the texts define, and where first?
-- how: dim_acronyms with the first defining document and clause, and how often the acronym is used bare.
select
    a.acronym,
    a.expansion,
    a.first_doc_id,
    a.first_clause_ref,
    a.n_documents_defining,
    count(m.mention_id) as bare_mentions
from {{ ref('dim_acronyms') }} as a
left join {{ ref('fct_acronym_mentions') }} as m using (acronym_id)
group by
    a.acronym, a.expansion, a.first_doc_id, a.first_clause_ref, a.n_documents_defining, a.first_doc_sequence
order by a.first_doc_sequence, a.acronym
