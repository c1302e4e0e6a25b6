with

source as (

    select * from {{ source('raw', 'raw_acronyms') }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(clause_ref as varchar) as clause_ref,
        cast(acronym as varchar) as acronym,
        cast(expansion as varchar) as expansion,
        cast(char_start as bigint) as char_start,
        cast(char_end as bigint) as char_end

    from source

)

select * from renamed
