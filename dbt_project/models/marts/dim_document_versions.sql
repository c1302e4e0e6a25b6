with

versions as (

    select * from {{ ref('stg_document_versions') }}

),

-- the content each document has now; a document whose file was removed or renamed has none
loaded as (

    select doc_id, sha256 from {{ ref('stg_documents') }}

),

final as (

    select
        md5(doc_id || '|' || sha256) as document_version_id,
        doc_id,
        source_file,
        sha256,
        first_seen_at,
        last_seen_at,
        exists(
            select 1 from loaded where loaded.doc_id = versions.doc_id and loaded.sha256 = versions.sha256
        ) as is_current
    from versions

)

select * from final
