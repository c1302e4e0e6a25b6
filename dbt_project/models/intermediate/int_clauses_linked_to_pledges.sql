-- The pledge a clause refers to first, by naming it or by stating its figure in a target (for
-- fct_commitments.pledge_id). Offsets of named mentions are in clause text, offsets of targets in the
-- source; both only order references inside one clause, where the two grow together.

with

clauses as (

    select * from {{ ref('stg_clauses') }}

),

mentions as (

    select * from {{ ref('int_pledge_mentions_matched') }}

),

targets as (

    select * from {{ ref('stg_targets') }}

),

target_links as (

    select * from {{ ref('int_targets_linked_to_pledges') }}

),

pledge_references as (

    select
        doc_id,
        clause_ref,
        pledge_id,
        match_start as position_in_clause,
        'named' as pledge_link_reason
    from mentions

    union all

    select
        targets.doc_id,
        targets.clause_ref,
        target_links.pledge_id,
        greatest(targets.char_start - clauses.char_start, 0) as position_in_clause,
        'figure' as pledge_link_reason
    from targets
    inner join target_links
        on targets.target_id = target_links.target_id
    inner join clauses
        on targets.doc_id = clauses.doc_id
        and targets.clause_ref = clauses.clause_ref

),

best as (

    select
        *,
        row_number() over (
            partition by doc_id, clause_ref
            order by position_in_clause asc, pledge_link_reason desc, pledge_id asc  -- "named" before "figure"
        ) as link_rank
    from pledge_references

),

final as (

    select
        doc_id,
        clause_ref,
        pledge_id,
        pledge_link_reason
    from best
    where link_rank = 1

)

select * from final
