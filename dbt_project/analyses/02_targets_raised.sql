-- question: Which targets were raised?
-- how: goals (is_normative) of a clause and of its counterpart in the earlier document, same kind and unit, where the value went up or the comparator got stronger ("at least" to "well beyond").
with goals as (
    select
        doc_id,
        clause_ref,
        target_kind,
        unit,
        value,
        comparator,
        span_text,
        case comparator when '<' then 0 when '<=' then 1 when '=' then 2 when '>=' then 3 when '>' then 4 end
            as comparator_rank
    from {{ ref('fct_targets') }}
    where is_normative
)

select
    l.doc_id,
    l.clause_ref,
    now_.comparator || ' ' || now_.span_text as target_now,
    l.matched_doc_id as earlier_doc_id,
    l.matched_clause_ref as earlier_clause_ref,
    before.comparator || ' ' || before.span_text as target_before,
    l.change_kind
from {{ ref('fct_clause_lineage') }} as l
inner join goals as now_
    on l.doc_id = now_.doc_id and l.clause_ref = now_.clause_ref
inner join goals as before
    on
        l.matched_doc_id = before.doc_id
        and l.matched_clause_ref = before.clause_ref
        and now_.target_kind = before.target_kind
        and now_.unit is not distinct from before.unit
where
    l.label = 'modified'
    and (
        now_.value > before.value
        or (now_.value = before.value and now_.comparator_rank > before.comparator_rank)
    )
order by l.doc_id, l.clause_ref, l.matched_doc_id
