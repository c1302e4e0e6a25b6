with

source as (

    select * from {{ source('raw', 'quarantine') }}

),

renamed as (

    select
        cast(source_file as varchar) as source_file,
        cast(sha256 as varchar) as sha256,
        cast(reason as varchar) as reason,
        cast(message as varchar) as message,
        cast(hint as varchar) as hint,
        cast(size_bytes as bigint) as size_bytes,
        cast(first_seen as timestamp) as first_seen_at,
        cast(last_seen as timestamp) as last_seen_at

    from source

)

select * from renamed
