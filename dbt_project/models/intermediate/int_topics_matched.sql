-- Clause x topic: every taxonomy pattern is tried on every clause (case-insensitive, word-bounded);
-- a topic keeps its earliest match in the clause (the longest one where two start at the same place).

with

clauses as (

    select * from {{ ref('stg_clauses') }}

),

matches as (

    select
        doc_id,
        clause_ref,
        clause_id,
        topic_key,
        label as topic_label,
        hits[1] as matched_phrase,
        length(prefixes[1]) as match_start
    from (
        {{ seed_pattern_matches(
            'clauses', 'clause_text', ['doc_id', 'clause_ref', 'clause_id'],
            'topic_taxonomy', ['topic_key', 'label', 'pattern'], 'pattern', true, first_match_only=true
        ) }}
    ) as pattern_matches

),

ranked as (

    select
        *,
        row_number() over (
            partition by doc_id, clause_ref, topic_key
            order by match_start, length(matched_phrase) desc, matched_phrase
        ) as match_rank
    from matches

),

final as (

    select
        doc_id,
        clause_ref,
        clause_id,
        topic_key,
        topic_label,
        matched_phrase,
        cast(match_start as integer) as match_start
    from ranked
    where match_rank = 1

)

select * from final
