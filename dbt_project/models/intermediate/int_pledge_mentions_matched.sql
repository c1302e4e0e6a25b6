-- Clauses that name a pledge (seed pledges, aliases): the first mention per clause and pledge, matched in
-- Python (pipelines/facts/pledges.py, loaded as raw_pledge_mentions; the longest name wins where two
-- pledges' names overlap).

with

mentions as (

    select * from {{ ref('stg_pledge_mentions') }}

),

final as (

    select
        doc_id,
        clause_ref,
        pledge_id,
        mention_text,
        match_start
    from mentions

)

select * from final
