-- Clauses that name a pledge (pledges.aliases, case-insensitive unless the alias says "(?-i:...)").
-- Where the names of two pledges overlap ("Hague Defence Investment Pledge" contains "Defence Investment
-- Pledge") the longest match wins. One row per clause and pledge, at its first mention.

with

clauses as (

    select * from {{ ref('stg_clauses') }}

),

match_lists as (

    {{ seed_pattern_matches(
        'clauses', 'clause_text', ['doc_id', 'clause_ref'],
        'pledges', ['pledge_id', 'aliases'], 'aliases', true
    ) }}

),

exploded as (

    select
        doc_id,
        clause_ref,
        pledge_id,
        unnest(range(1, len(hits) + 1)) as hit_index,
        prefixes,
        hits
    from match_lists

),

spans as (

    select
        doc_id,
        clause_ref,
        pledge_id,
        hits[hit_index] as mention_text,
        sum(length(prefixes[hit_index]) + length(hits[hit_index])) over (
            partition by doc_id, clause_ref, pledge_id
            order by hit_index
        ) - length(hits[hit_index]) as match_start,
        sum(length(prefixes[hit_index]) + length(hits[hit_index])) over (
            partition by doc_id, clause_ref, pledge_id
            order by hit_index
        ) as match_end
    from exploded

),

longest_match_wins as (

    select spans.*
    from spans
    where not exists (
        select 1
        from spans as other
        where other.doc_id = spans.doc_id
            and other.clause_ref = spans.clause_ref
            and other.pledge_id != spans.pledge_id
            and other.match_start <= spans.match_start
            and other.match_end >= spans.match_end
            and other.match_end - other.match_start > spans.match_end - spans.match_start
    )

),

final as (

    select
        doc_id,
        clause_ref,
        pledge_id,
        arg_min(mention_text, match_start) as mention_text,
        cast(min(match_start) as integer) as match_start
    from longest_match_wins
    group by doc_id, clause_ref, pledge_id

)

select * from final
