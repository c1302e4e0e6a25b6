{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook="{{ delete_documents_in_scope() }}") }}
-- Incremental by document: the rows of the documents in raw.build_scope are replaced (macros/build_scope.sql).

with

clauses as (

    -- the lead classified once (lexicon class, stance, strength): lineage and analysts read it here
    select * from {{ ref('int_clauses_classified') }}

),

final as (

    select
        doc_id,
        clause_ref,
        clause_id,
        kind,
        parent_ref,
        ordinal,
        marker_as_written,
        letter_inferred,
        lead_phrase,
        lemma,
        intensifier,
        lead_verb_class,
        lead_stance,
        cast(lead_strength as integer) as lead_strength,
        addressee,
        lead_verb,
        clause_text as text,
        char_start,
        char_end,
        is_truncated,
        page_start,
        page_end
    from clauses

)

select * from final
