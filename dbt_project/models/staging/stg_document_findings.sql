with

source as (

    select * from {{ source('raw', 'raw_document_findings') }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(finding_ordinal as integer) as finding_ordinal,
        cast(check_name as varchar) as check_name,
        cast(severity as varchar) as severity,
        cast(message as varchar) as message,
        cast(clause_ref as varchar) as clause_ref,
        cast(char_start as bigint) as char_start,
        cast(char_end as bigint) as char_end

    from source

)

select * from renamed
