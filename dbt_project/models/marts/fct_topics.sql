{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook="{{ delete_documents_in_scope() }}") }}
-- Incremental by document: the rows of the documents in raw.build_scope are replaced (macros/build_scope.sql).

with

topics as (

    select * from {{ ref('int_topics_matched') }}

),

documents as (

    -- every document (stg_documents is not limited to the build's scope)
    select doc_id, issuing_body, adopted_on from {{ ref('stg_documents') }}

),

final as (

    select
        topics.doc_id,
        documents.issuing_body,
        documents.adopted_on,
        clause_ref,
        clause_id,
        topic_key,
        topic_label,
        cap_major,
        matched_phrase,
        match_start,
        inherited_from,
        inherited_via
    from topics
    left join documents on topics.doc_id = documents.doc_id

)

select * from final
