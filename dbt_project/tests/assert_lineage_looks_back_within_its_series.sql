-- Lineage links a clause to an earlier document only: never to one adopted later, and (unless the
-- var lineage_across_series widens it) never to a document of another series.

select
    lineage.doc_id,
    lineage.clause_ref,
    lineage.matched_doc_id,
    current_doc.adopted_on,
    matched_doc.adopted_on as matched_adopted_on,
    current_doc.series,
    matched_doc.series as matched_series
from {{ ref('fct_clause_lineage') }} as lineage
inner join {{ ref('dim_documents') }} as current_doc on lineage.doc_id = current_doc.doc_id
inner join {{ ref('dim_documents') }} as matched_doc on lineage.matched_doc_id = matched_doc.doc_id
where matched_doc.adopted_on > current_doc.adopted_on
    or (current_doc.series <> matched_doc.series and not {{ var('lineage_across_series', false) }})
