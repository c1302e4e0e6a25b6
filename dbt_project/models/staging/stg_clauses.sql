with

source as (

    select * from {{ source('raw', 'raw_clauses') }}
    -- only the documents this build recomputes (macros/build_scope.sql)
    where {{ in_build_scope() }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(clause_ref as varchar) as clause_ref,
        {{ clause_id("cast(doc_id as varchar)", "cast(clause_ref as varchar)") }} as clause_id,
        cast(ordinal as integer) as ordinal,
        cast(kind as varchar) as kind,
        cast(parent_ref as varchar) as parent_ref,
        cast(marker_as_written as varchar) as marker_as_written,
        cast(letter_inferred as boolean) as letter_inferred,
        cast(lead_phrase as varchar) as lead_phrase,
        cast(lemma as varchar) as lemma,
        cast(intensifier as varchar) as intensifier,
        coalesce(cast(secondary_leads as varchar[]), []) as secondary_leads,
        coalesce(cast(secondary_lemmas as varchar[]), []) as secondary_lemmas,
        cast(addressee as varchar) as addressee,
        cast(lead_verb as varchar) as lead_verb,
        cast(lead_in_lexicon as boolean) as lead_in_lexicon,
        cast(text as varchar) as clause_text,
        cast(char_start as bigint) as char_start,
        cast(char_end as bigint) as char_end,
        coalesce(cast(is_truncated as boolean), false) as is_truncated,
        cast(page_start as integer) as page_start,
        cast(page_end as integer) as page_end

    from source

)

select * from renamed
