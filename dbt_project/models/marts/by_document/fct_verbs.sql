{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook="{{ delete_documents_in_scope() }}") }}
-- Incremental by document: the rows of the documents in raw.build_scope are replaced (macros/build_scope.sql).

with

verbs as (

    select * from {{ ref('int_verbs_unioned') }}

),

final as (

    select
        verb_id,
        doc_id,
        clause_ref,
        verb_role,
        verb_text,
        lemma,
        verb_class,
        stance,
        strength,
        intensifier,
        is_primary
    from verbs

)

select * from final
