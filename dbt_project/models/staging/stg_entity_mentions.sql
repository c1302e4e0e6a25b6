with

source as (

    select * from {{ source('raw', 'raw_entity_mentions') }}
    -- only the documents this build recomputes (macros/build_scope.sql)
    where {{ in_build_scope() }}

),

renamed as (

    select
        md5(doc_id || '|' || clause_ref || '|' || cast(match_start as varchar) || '|' || entity_name) as mention_id,
        cast(doc_id as varchar) as doc_id,
        cast(clause_ref as varchar) as clause_ref,
        {{ clause_id("cast(doc_id as varchar)", "cast(clause_ref as varchar)") }} as clause_id,
        cast(mention_ordinal as integer) as mention_ordinal,
        cast(entity_name as varchar) as entity_name,
        cast(entity_type as varchar) as entity_type,
        cast(iso3 as varchar) as iso3,
        cast(mention_text as varchar) as mention_text,
        cast(match_start as integer) as match_start,
        cast(char_start as bigint) as char_start,
        cast(char_end as bigint) as char_end

    from source

)

select * from renamed
