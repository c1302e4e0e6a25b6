{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook="{{ delete_documents_in_scope() }}") }}
-- Incremental by document: the rows of the documents in raw.build_scope are replaced (macros/build_scope.sql).
-- One row per action a commitment asks for or decides; the commitment's lead and strength come with it,
-- and the document's body and date, so "who must do what, by when" needs no join.

with

actions as (

    select * from {{ ref('stg_commitment_actions') }}

),

commitments as (

    select * from {{ ref('int_commitments_derived') }}

),

documents as (

    select * from {{ ref('int_documents_for_facts') }}

),

final as (

    select
        actions.action_id,
        -- null for an action of a chapeau whose lettered items are the commitments
        commitments.commitment_id,
        actions.doc_id,
        documents.* exclude (documents.doc_id),
        actions.clause_ref,
        actions.clause_id,
        actions.action_ordinal,
        actions.operative_lemma,
        commitments.operative_class,
        cast(commitments.strength as integer) as strength,
        actions.action_lemma,
        actions.verb_text,
        actions.action_text,
        actions.is_continuation,
        actions.addressee,
        actions.addressee_kind,
        actions.deadline_kind,
        actions.deadline_text,
        actions.deadline_date,
        actions.char_start,
        actions.char_end
    from actions
    left join commitments
        on actions.commitment_id = commitments.commitment_id
    left join documents
        on actions.doc_id = documents.doc_id

)

select * from final
