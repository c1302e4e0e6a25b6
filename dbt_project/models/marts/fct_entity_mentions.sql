with

mentions as (

    select * from {{ ref('int_entity_mentions_matched') }}

),

final as (

    select
        mention_id,
        doc_id,
        clause_ref,
        clause_id,
        entity_name,
        entity_type,
        mention_text,
        match_start
    from mentions

)

select * from final
