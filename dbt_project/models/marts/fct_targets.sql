with

targets as (

    select * from {{ ref('stg_targets') }}

),

pledge_links as (

    select * from {{ ref('int_targets_linked_to_pledges') }}

),

final as (

    select
        targets.target_id,
        targets.doc_id,
        targets.clause_ref,
        targets.clause_id,
        targets.target_kind,
        targets.value,
        targets.unit,
        targets.comparator,
        targets.is_normative,
        targets.deadline_text,
        targets.span_text,
        targets.char_start,
        targets.char_end,
        pledge_links.pledge_id
    from targets
    left join pledge_links
        on targets.target_id = pledge_links.target_id

)

select * from final
