with

source as (

    select * from {{ source('raw', 'raw_documents') }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(source_file as varchar) as source_file,
        cast(sha256 as varchar) as sha256,
        cast(doc_type as varchar) as doc_type,
        cast(number as integer) as number,
        cast(title as varchar) as title,
        cast(adopted_on as date) as adopted_on,
        cast(adopted_by as varchar) as adopted_by,
        cast(session as varchar) as session,
        cast(place as varchar) as place,
        cast(opening_formula as varchar) as opening_formula,
        cast(issuing_body as varchar) as issuing_body,
        cast(symbol as varchar) as symbol,
        cast(number_as_printed as varchar) as number_as_printed,
        cast(meeting as varchar) as meeting,
        cast(is_draft as boolean) as is_draft,
        cast(encoding as varchar) as encoding,
        cast(source_format as varchar) as source_format,
        cast(body_start as bigint) as body_start,
        cast(body_end as bigint) as body_end,
        cast(n_chars as bigint) as n_chars,
        cast(n_issues as integer) as n_issues_reported,
        cast(parser_version as varchar) as parser_version,
        cast(quality_status as varchar) as quality_status,
        cast(n_findings as integer) as n_findings

    from source

)

select * from renamed
