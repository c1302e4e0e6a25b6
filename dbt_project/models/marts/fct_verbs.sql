with

verbs as (

    select * from {{ ref('int_verbs_unioned') }}

),

final as (

    select
        verb_id,
        doc_id,
        clause_ref,
        verb_role,
        verb_text,
        lemma,
        verb_class,
        stance,
        intensifier,
        is_primary
    from verbs

)

select * from final
