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
        documents.* exclude (doc_id),
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
