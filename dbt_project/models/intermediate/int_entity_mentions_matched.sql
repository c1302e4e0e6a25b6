-- Every mention of a gazetteer entity in clause text. Aliases are case-sensitive unless they say
-- otherwise inline ("(?i:...)"): proper names are capitalised, and "EU" must not match inside words.
-- Overlapping mentions are resolved the way dictionary taggers do it, longest match wins: "Republic of
-- Korea" inside "Democratic People's Republic of Korea" is not South Korea, "Guinea" inside "Papua New
-- Guinea" is not Guinea.

with

clauses as (

    select * from {{ ref('stg_clauses') }}

),

match_lists as (

    {{ seed_pattern_matches(
        'clauses', 'clause_text', ['doc_id', 'clause_ref', 'clause_id'],
        'entity_gazetteer', ['entity_name', 'entity_type', 'alias'], 'alias', false
    ) }}

),

exploded as (

    select
        doc_id,
        clause_ref,
        clause_id,
        entity_name,
        entity_type,
        alias,
        unnest(range(1, len(hits) + 1)) as hit_index,
        prefixes,
        hits
    from match_lists

),

positioned as (

    select
        doc_id,
        clause_ref,
        clause_id,
        entity_name,
        entity_type,
        hits[hit_index] as mention_text,
        -- each regexp match consumes its prefix and itself, so offsets are running sums
        sum(length(prefixes[hit_index]) + length(hits[hit_index])) over (
            partition by doc_id, clause_ref, alias
            order by hit_index
        ) - length(hits[hit_index]) as match_start
    from exploded

),

spans as (

    select distinct
        doc_id,
        clause_ref,
        clause_id,
        entity_name,
        entity_type,
        mention_text,
        match_start,
        match_start + length(mention_text) as match_end
    from positioned

),

longest_match_wins as (

    select spans.*
    from spans
    where not exists (
        select 1
        from spans as other
        where other.doc_id = spans.doc_id
            and other.clause_ref = spans.clause_ref
            and other.match_start < spans.match_end
            and spans.match_start < other.match_end
            and (
                other.match_end - other.match_start > spans.match_end - spans.match_start
                or (
                    other.match_end - other.match_start = spans.match_end - spans.match_start
                    and (
                        other.match_start < spans.match_start
                        or (other.match_start = spans.match_start and other.entity_name < spans.entity_name)
                    )
                )
            )
    )

),

final as (

    select
        md5(doc_id || '|' || clause_ref || '|' || cast(match_start as varchar) || '|' || entity_name) as mention_id,
        doc_id,
        clause_ref,
        clause_id,
        entity_name,
        entity_type,
        mention_text,
        cast(match_start as integer) as match_start
    from longest_match_wins

)

select * from final
