-- Clause x topic: every taxonomy pattern is tried on every clause (case-insensitive, word-bounded);
-- a topic keeps its earliest match in the clause (the longest one where two start at the same place).

with

clauses as (

    select * from {{ ref('stg_clauses') }}

),

taxonomy as (

    select
        topic_key,
        label as topic_label,
        pattern,
        {{ word_match_regex('pattern', 'true') }} as pattern_regex
    from {{ ref('topic_taxonomy') }}

),

matches as (

    select
        clauses.doc_id,
        clauses.clause_ref,
        clauses.clause_id,
        taxonomy.topic_key,
        taxonomy.topic_label,
        {{ first_match_text('clauses.clause_text', 'taxonomy.pattern_regex') }} as matched_phrase,
        length({{ first_match_prefix('clauses.clause_text', 'taxonomy.pattern_regex') }}) as match_start
    from clauses
    inner join taxonomy
        on regexp_matches(clauses.clause_text, taxonomy.pattern_regex)

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
