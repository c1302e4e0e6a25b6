{#- Genre rule: the sub-clauses of a top-level clause follow each other without gap or repeat: lettered
    a, b, ..., z, aa, bb, ... (the house style of these texts); lists numbered "12.1, 12.2" or in roman
    numerals "i, ii, iii" (recognised by their first item) are checked in their own style. Deeper levels
    are not checked. One failing row per break in a list: the first sub-clause out of sequence, and after
    it the first one that does not follow its predecessor (so a skipped letter is one row, not one per
    later item). -#}
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

),

-- position in the list's own numbering: 'c' is 3, 'bb' is 28, 'iv' is 4, '12' is 12
numbered as (

    select
        *,
        case
            when list_style = 'numeric' then try_cast(suffix as integer)
            when list_style = 'roman' then list_position(
                ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x',
                 'xi', 'xii', 'xiii', 'xiv', 'xv', 'xvi', 'xvii', 'xviii', 'xix', 'xx'], suffix)
            when regexp_full_match(suffix, '[a-z]+') and suffix = repeat(left(suffix, 1), length(suffix))
                then (length(suffix) - 1) * 26 + ascii(suffix) - 96
        end as suffix_number
    from expected

),

breaks as (

    select
        *,
        lag(suffix_number) over (partition by doc_id, parent_ref order by position) as previous_number,
        lag(clause_ref) over (partition by doc_id, parent_ref order by position) as previous_ref
    from numbered

)

select
    doc_id,
    clause_ref,
    'sub_clause_letters_are_contiguous' as rule,
    case
        when previous_ref is null
            then 'first sub-clause of clause ' || parent_ref || ' is ' || clause_ref || ', expected ' || expected_ref
        else 'sub-clause ' || clause_ref || ' follows ' || previous_ref || ' in clause ' || parent_ref
            || ' (' || list_style || ')'
    end as detail
from breaks
where clause_ref != expected_ref
    and (
        previous_ref is null
        or suffix_number is null
        or previous_number is null
        or suffix_number != previous_number + 1
    )

{% endtest %}
