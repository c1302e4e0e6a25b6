{#- Genre rule: a document that numbers its clauses numbers them 1..n in order, with no gap or repeat.
    Only numeric top-level references are sequenced (a text that leaves its preamble unnumbered and
    numbers its operative part is checked on the numbered part); one failing row per break, naming the
    document and the clause that follows the break. -#}
{% test top_level_numbering_is_contiguous(model) %}

with

top_level as (

    select doc_id, clause_ref, ordinal
    from {{ model }}
    where parent_ref is null
        and regexp_full_match(clause_ref, '[0-9]+')

),

sequenced as (

    select
        top_level.doc_id,
        top_level.clause_ref,
        cast(top_level.clause_ref as integer) as clause_number,
        lag(cast(top_level.clause_ref as integer)) over (
            partition by top_level.doc_id order by top_level.ordinal
        ) as previous_number
    from top_level

)

select
    doc_id,
    clause_ref,
    'top_level_numbering_is_contiguous' as rule,
    case
        when previous_number is null
            then 'first clause is numbered ' || clause_number || ', expected 1'
        else 'clause ' || clause_number || ' follows clause ' || previous_number
            || ', expected ' || (previous_number + 1)
    end as detail
from sequenced
where clause_number != coalesce(previous_number, 0) + 1

{% endtest %}
