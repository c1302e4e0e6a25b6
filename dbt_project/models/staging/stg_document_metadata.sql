with

source as (

    select * from {{ source('raw', 'raw_document_metadata') }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(field as varchar) as field_name,
        cast(value as varchar) as field_value,
        cast(char_start as bigint) as char_start,
        cast(char_end as bigint) as char_end

    from source

)

select * from renamed
