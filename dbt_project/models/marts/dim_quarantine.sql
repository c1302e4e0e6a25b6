with

quarantine as (

    select * from {{ ref('stg_quarantine') }}

),

final as (

    select
        md5(source_file || '|' || coalesce(sha256, '')) as quarantine_id,
        source_file,
        sha256,
        reason,
        message,
        hint,
        size_bytes,
        first_seen_at,
        last_seen_at
    from quarantine

)

select * from final
