with

versions as (

    select * from {{ ref('stg_document_versions') }}

),

final as (

    select
        md5(doc_id || '|' || sha256) as document_version_id,
        doc_id,
        source_file,
        sha256,
        first_seen_at,
        last_seen_at,
        row_number() over (
            partition by doc_id order by last_seen_at desc nulls last, first_seen_at desc nulls last, sha256
        ) = 1 as is_current
    from versions

)

select * from final
