with

source as (

    select * from {{ source('raw', 'raw_topic_mentions') }}
    -- only the documents this build recomputes (macros/build_scope.sql)
    where {{ in_build_scope() }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(clause_ref as varchar) as clause_ref,
        {{ clause_id("cast(doc_id as varchar)", "cast(clause_ref as varchar)") }} as clause_id,
        cast(topic_key as varchar) as topic_key,
        cast(topic_label as varchar) as topic_label,
        cast(cap_major as integer) as cap_major,
        cast(matched_phrase as varchar) as matched_phrase,
        cast(match_start as integer) as match_start,
        cast(char_start as bigint) as char_start,
        cast(char_end as bigint) as char_end,
        cast(inherited_from as varchar) as inherited_from,
        cast(inherited_via as varchar) as inherited_via

    from source

)

select * from renamed
