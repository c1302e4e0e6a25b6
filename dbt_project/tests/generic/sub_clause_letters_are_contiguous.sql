{#- Genre rule: the sub-clauses of a top-level clause follow each other without gap or repeat: lettered
    a, b, ..., z, aa, bb, ... (the house style of these texts); lists numbered "12.1, 12.2" or in roman
    numerals "i, ii, iii" (recognised by their first item) are checked in their own style. Deeper levels
    are not checked. One failing row per sub-clause that is out of sequence. -#}
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
        substr(child.clause_ref, length(child.parent_ref) + 2) as suffix,
        row_number() over (partition by child.doc_id, child.parent_ref order by child.ordinal) as position
    from clauses as child
    inner join clauses as parent
        on child.doc_id = parent.doc_id
        and child.parent_ref = parent.clause_ref
    where parent.parent_ref is null

),

list_styles as (

    select
        doc_id,
        parent_ref,
        case
            when arg_min(suffix, position) = 'i' and count(*) filter (where position = 2 and suffix != 'ii') = 0
                and count(*) > 1 then 'roman'
            when bool_and(regexp_full_match(suffix, '[0-9]+')) then 'numeric'
            else 'letters'
        end as list_style
    from sub_clauses
    group by doc_id, parent_ref

),

expected as (

    select
        sub_clauses.*,
        list_styles.list_style,
        sub_clauses.parent_ref || '.' || case list_styles.list_style
            when 'numeric' then cast(sub_clauses.position as varchar)
            when 'roman' then coalesce(
                ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x',
                 'xi', 'xii', 'xiii', 'xiv', 'xv', 'xvi', 'xvii', 'xviii', 'xix', 'xx'][sub_clauses.position],
                sub_clauses.suffix
            )
            else repeat(
                chr(97 + cast((sub_clauses.position - 1) % 26 as integer)),
                cast((sub_clauses.position - 1) // 26 + 1 as integer)
            )
        end as expected_ref
    from sub_clauses
    inner join list_styles
        on sub_clauses.doc_id = list_styles.doc_id
        and sub_clauses.parent_ref = list_styles.parent_ref

)

select
    doc_id,
    clause_ref,
    'sub_clause_letters_are_contiguous' as rule,
    'sub-clause ' || position || ' of clause ' || parent_ref || ' is ' || clause_ref
        || ', expected ' || expected_ref || ' (' || list_style || ')' as detail
from expected
where clause_ref != expected_ref

{% endtest %}
