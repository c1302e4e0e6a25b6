with

topics as (

    select * from {{ ref('int_topics_matched') }}

),

final as (

    select
        doc_id,
        clause_ref,
        clause_id,
        topic_key,
        topic_label,
        matched_phrase,
        match_start
    from topics

)

select * from final
