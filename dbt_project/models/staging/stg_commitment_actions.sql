with

source as (

    select * from {{ source('raw', 'raw_commitment_actions') }}
    -- only the documents this build recomputes (macros/build_scope.sql)
    where {{ in_build_scope() }}

),

renamed as (

    select
        md5('action|' || doc_id || '|' || clause_ref || '|' || cast(action_ordinal as varchar)) as action_id,
        md5('commitment|' || doc_id || '|' || clause_ref) as commitment_id,
        cast(doc_id as varchar) as doc_id,
        cast(clause_ref as varchar) as clause_ref,
        {{ clause_id("cast(doc_id as varchar)", "cast(clause_ref as varchar)") }} as clause_id,
        cast(action_ordinal as integer) as action_ordinal,
        cast(operative_lemma as varchar) as operative_lemma,
        cast(action_lemma as varchar) as action_lemma,
        cast(action_text as varchar) as action_text,
        cast(verb_text as varchar) as verb_text,
        cast(is_continuation as boolean) as is_continuation,
        cast(addressee as varchar) as addressee,
        cast(addressee_kind as varchar) as addressee_kind,
        cast(deadline_kind as varchar) as deadline_kind,
        cast(deadline_text as varchar) as deadline_text,
        cast(deadline_date as date) as deadline_date,
        cast(char_start as bigint) as char_start,
        cast(char_end as bigint) as char_end

    from source

)

select * from renamed
