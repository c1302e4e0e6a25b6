with

source as (

    select * from {{ source('raw', 'raw_parse_issues') }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(issue_ordinal as integer) as issue_ordinal,
        cast(issue_kind as varchar) as issue_kind,
        cast(severity as varchar) as severity,
        cast(message as varchar) as message,
        cast(clause_ref as varchar) as clause_ref,
        cast(char_start as bigint) as char_start,
        cast(char_end as bigint) as char_end

    from source

)

select * from renamed
