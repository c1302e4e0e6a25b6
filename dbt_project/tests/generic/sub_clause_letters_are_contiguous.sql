{#- Genre rule: the sub-clauses of a top-level clause are lettered a, b, ..., z, aa, bb, ... in order.
    Deeper levels (often roman numerals) are not checked. One failing row per wrong letter. -#}
{% test sub_clause_letters_are_contiguous(model) %}

with

clauses as (

    select doc_id, clause_ref, parent_ref, ordinal
    from {{ model }}

),

sub_clauses as (

    select
        child.doc_id,
        child.clause_ref,
        child.parent_ref,
        row_number() over (partition by child.doc_id, child.parent_ref order by child.ordinal) as position
    from clauses as child
    inner join clauses as parent
        on child.doc_id = parent.doc_id
        and child.parent_ref = parent.clause_ref
    where parent.parent_ref is null

),

expected as (

    select
        *,
        parent_ref || '.' || repeat(chr(97 + cast((position - 1) % 26 as integer)), cast((position - 1) // 26 + 1 as integer))
            as expected_ref
    from sub_clauses

)

select
    doc_id,
    clause_ref,
    'sub_clause_letters_are_contiguous' as rule,
    'sub-clause ' || position || ' of clause ' || parent_ref || ' is ' || clause_ref
        || ', expected ' || expected_ref as detail
from expected
where clause_ref != expected_ref

{% endtest %}
