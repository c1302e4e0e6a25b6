{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook="{{ delete_documents_in_scope() }}") }}
-- Incremental by document: the rows of the documents in raw.build_scope are replaced (macros/build_scope.sql).

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
        targets.target_date,
        targets.span_text,
        targets.char_start,
        targets.char_end,
        pledge_links.pledge_id
    from targets
    left join pledge_links
        on targets.target_id = pledge_links.target_id

)

select * from final
