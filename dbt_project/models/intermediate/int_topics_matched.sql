-- Clause x topic: the first phrase of each topic of seed topic_taxonomy in the clause text, matched in
-- Python (pipelines/facts/topics.py, loaded as raw_topic_mentions).

with

mentions as (

    select * from {{ ref('stg_topic_mentions') }}

),

final as (

    select
        doc_id,
        clause_ref,
        clause_id,
        topic_key,
        topic_label,
        cap_major,
        matched_phrase,
        match_start,
        inherited_from,
        inherited_via
    from mentions

)

select * from final
