with

source as (

    select * from {{ source('raw', 'raw_targets') }}
    -- only the documents this build recomputes (macros/build_scope.sql)
    where {{ in_build_scope() }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(clause_ref as varchar) as clause_ref,
        cast(target_ordinal as integer) as target_ordinal,
        md5(doc_id || '|' || clause_ref || '|' || cast(target_ordinal as varchar)) as target_id,
        {{ clause_id("cast(doc_id as varchar)", "cast(clause_ref as varchar)") }} as clause_id,
        cast(target_kind as varchar) as target_kind,
        cast(value as double) as value,
        cast(value_high as double) as value_high,
        cast(unit as varchar) as unit,
        cast(comparator as varchar) as comparator,
        cast(is_normative as boolean) as is_normative,
        cast(deadline_text as varchar) as deadline_text,
        cast(target_date as date) as target_date,
        cast(span_text as varchar) as span_text,
        cast(match_start as integer) as match_start,
        cast(char_start as bigint) as char_start,
        cast(char_end as bigint) as char_end

    from source

)

select * from renamed
