{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook="{{ delete_documents_in_scope() }}") }}
-- Incremental by document: the rows of the documents in raw.build_scope are replaced (macros/build_scope.sql).

with

topics as (

    select * from {{ ref('int_topics_matched') }}

),

documents as (

    select * from {{ ref('int_documents_for_facts') }}

),

final as (

    select
        topics.doc_id,
        documents.* exclude (documents.doc_id),
        topics.clause_ref,
        topics.clause_id,
        topics.topic_key,
        topics.topic_label,
        topics.cap_major,
        topics.matched_phrase,
        topics.match_start,
        topics.inherited_from,
        topics.inherited_via
    from topics
    left join documents on topics.doc_id = documents.doc_id

)

select * from final
