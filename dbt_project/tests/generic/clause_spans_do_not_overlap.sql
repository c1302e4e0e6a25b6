{#- Genre rule: two clauses never claim the same source characters, except a clause and its own
    sub-clauses (a parser may or may not span a header over its list). One row per overlapping pair. -#}
{% test clause_spans_do_not_overlap(model) %}

with

clauses as (

    select doc_id, clause_ref, parent_ref, ordinal, char_start, char_end
    from {{ model }}

)

select
    later.doc_id,
    later.clause_ref,
    'clause_spans_do_not_overlap' as rule,
    'clause ' || later.clause_ref || ' [' || later.char_start || ', ' || later.char_end || ') overlaps clause '
        || earlier.clause_ref || ' [' || earlier.char_start || ', ' || earlier.char_end || ')' as detail
from clauses as earlier
inner join clauses as later
    on earlier.doc_id = later.doc_id
    and earlier.ordinal < later.ordinal
    and earlier.char_start < later.char_end
    and later.char_start < earlier.char_end
where coalesce(later.parent_ref, '') != earlier.clause_ref
    and coalesce(earlier.parent_ref, '') != later.clause_ref

{% endtest %}
