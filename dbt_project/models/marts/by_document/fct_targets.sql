{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook="{{ delete_documents_in_scope() }}") }}
-- Incremental by document: the rows of the documents in raw.build_scope are replaced (macros/build_scope.sql).

with

targets as (

    select * from {{ ref('stg_targets') }}

),

actions as (

    select action_id, commitment_id, doc_id, clause_ref, char_start, char_end
    from {{ ref('stg_commitment_actions') }}

),

commitments as (

    select commitment_id, doc_id, clause_ref from {{ ref('int_commitments_derived') }}

),

-- the action whose words hold the target ("to raise spending to 2% of GDP by 2030")
target_actions as (

    select
        targets.target_id,
        arg_max(actions.action_id, actions.char_start) as action_id
    from targets
    inner join actions
        on targets.doc_id = actions.doc_id
        and targets.clause_ref = actions.clause_ref
        and targets.char_start >= actions.char_start
        and targets.char_start < actions.char_end
    group by targets.target_id

),

pledge_links as (

    select * from {{ ref('int_targets_linked_to_pledges') }}

),

documents as (

    select * from {{ ref('int_documents_for_facts') }}

),

final as (

    select
        targets.target_id,
        targets.doc_id,
        documents.* exclude (documents.doc_id),
        targets.clause_ref,
        targets.clause_id,
        targets.target_kind,
        targets.value,
        targets.value_high,
        targets.unit,
        targets.comparator,
        targets.is_normative,
        targets.deadline_text,
        targets.target_date,
        targets.span_text,
        targets.match_start,
        targets.char_start,
        targets.char_end,
        commitments.commitment_id,
        target_actions.action_id,
        pledge_links.pledge_id
    from targets
    left join documents on targets.doc_id = documents.doc_id
    left join commitments
        on targets.doc_id = commitments.doc_id
        and targets.clause_ref = commitments.clause_ref
    left join target_actions
        on targets.target_id = target_actions.target_id
    left join pledge_links
        on targets.target_id = pledge_links.target_id

)

select * from final
