-- question: Which pledges does each document refer to, and with which figures?
-- how: targets and commitments linked to dim_pledges, by name or by stating the pledge's figure.
with links as (
    select doc_id, clause_ref, pledge_id, comparator || ' ' || span_text as figure
    from {{ ref('fct_targets') }}
    where pledge_id is not null
    union all
    select doc_id, clause_ref, pledge_id, null as figure
    from {{ ref('fct_commitments') }}
    where pledge_id is not null
)

select
    l.doc_id,
    p.name as pledge,
    string_agg(distinct l.clause_ref, ', ' order by l.clause_ref) as clauses,
    string_agg(distinct l.figure, '; ' order by l.figure) as figures_stated
from links as l
inner join {{ ref('dim_pledges') }} as p using (pledge_id)
group by l.doc_id, p.name
order by l.doc_id, p.name
