with

source as (

    select * from {{ source('raw', 'raw_clause_bands') }}
    -- only the documents this build recomputes (macros/build_scope.sql)
    where {{ in_build_scope() }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(clause_ref as varchar) as clause_ref,
        {{ clause_id("cast(doc_id as varchar)", "cast(clause_ref as varchar)") }} as clause_id,
        cast(clause_position as integer) as clause_position,
        cast(band as integer) as band,
        cast(band_key as blob) as band_key

    from source

)

select * from renamed
