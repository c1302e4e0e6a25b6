{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook="{{ delete_documents_in_scope() }}") }}
-- Incremental by document: the rows of the documents in raw.build_scope are replaced (macros/build_scope.sql).

with

commitments as (

    select * from {{ ref('int_commitments_derived') }}

),

pledge_links as (

    select * from {{ ref('int_clauses_linked_to_pledges') }}

),

documents as (

    select * from {{ ref('int_documents_for_facts') }}

),

final as (

    select
        commitments.commitment_id,
        commitments.doc_id,
        documents.* exclude (documents.doc_id),
        commitments.clause_ref,
        commitments.clause_id,
        commitments.addressee,
        commitments.operative_lemma,
        commitments.operative_phrase,
        commitments.operative_class,
        cast(commitments.strength as integer) as strength,
        commitments.action_lemma,
        commitments.commitment_text,
        commitments.is_continuation,
        cast(commitments.n_actions as integer) as n_actions,
        commitments.addressee_kind,
        commitments.deadline_kind,
        commitments.deadline_text,
        commitments.deadline_date,
        pledge_links.pledge_id,
        commitments.char_start,
        commitments.char_end
    from commitments
    left join documents on commitments.doc_id = documents.doc_id
    left join pledge_links
        on commitments.doc_id = pledge_links.doc_id
        and commitments.clause_ref = pledge_links.clause_ref

)

select * from final
