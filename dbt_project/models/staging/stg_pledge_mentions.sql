with

source as (

    select * from {{ source('raw', 'raw_pledge_mentions') }}
    -- only the documents this build recomputes (macros/build_scope.sql)
    where {{ in_build_scope() }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(clause_ref as varchar) as clause_ref,
        cast(pledge_id as varchar) as pledge_id,
        cast(mention_text as varchar) as mention_text,
        cast(match_start as integer) as match_start,
        cast(char_start as bigint) as char_start,
        cast(char_end as bigint) as char_end

    from source

)

select * from renamed
