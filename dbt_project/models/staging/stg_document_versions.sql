with

source as (

    select * from {{ source('raw', 'document_versions') }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(source_file as varchar) as source_file,
        cast(sha256 as varchar) as sha256,
        cast(first_seen as timestamp) as first_seen_at,
        cast(last_seen as timestamp) as last_seen_at

    from source

)

select * from renamed
