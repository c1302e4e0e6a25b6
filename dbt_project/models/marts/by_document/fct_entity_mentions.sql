{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook="{{ delete_documents_in_scope() }}") }}
-- Incremental by document: the rows of the documents in raw.build_scope are replaced (macros/build_scope.sql).

with

mentions as (

    select * from {{ ref('stg_entity_mentions') }}

),

final as (

    select
        mention_id,
        doc_id,
        clause_ref,
        clause_id,
        entity_name,
        entity_type,
        iso3,
        mention_text,
        match_start
    from mentions

)

select * from final
