-- Every document's metadata values with their source spans; small, so rebuilt whole.

with

metadata as (

    select * from {{ ref('stg_document_metadata') }}

),

documents as (

    select doc_id from {{ ref('stg_documents') }}

),

final as (

    select
        md5(metadata.doc_id || '|' || metadata.field_name) as metadata_id,
        metadata.doc_id,
        metadata.field_name,
        metadata.field_value,
        metadata.char_start,
        metadata.char_end
    from metadata
    inner join documents on metadata.doc_id = documents.doc_id

)

select * from final
