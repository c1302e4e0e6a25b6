with

source as (

    select * from {{ source('raw', 'raw_deadlines') }}
    -- only the documents this build recomputes (macros/build_scope.sql)
    where {{ in_build_scope() }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(clause_ref as varchar) as clause_ref,
        cast(deadline_ordinal as integer) as deadline_ordinal,
        cast(deadline_kind as varchar) as deadline_kind,
        cast(deadline_text as varchar) as deadline_text,
        cast(deadline_date as date) as deadline_date,
        cast(char_start as bigint) as char_start,
        cast(char_end as bigint) as char_end

    from source

)

select * from renamed
