{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook="{{ delete_documents_in_scope() }}") }}
-- Incremental by document: the rows of the documents in raw.build_scope are replaced (macros/build_scope.sql).

select
    doc_id,
    clause_ref,
    clause_id,
    clause_position,
    band,
    band_key
from {{ ref('stg_clause_bands') }}
