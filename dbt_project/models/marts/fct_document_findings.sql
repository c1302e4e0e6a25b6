-- Every document in raw_documents has its findings here; the table is small, so it is rebuilt whole.

with

findings as (

    select * from {{ ref('stg_document_findings') }}

),

final as (

    select
        md5(doc_id || '|' || finding_ordinal) as finding_id,
        doc_id,
        finding_ordinal,
        check_name,
        severity,
        message,
        clause_ref,
        case when clause_ref is not null then {{ clause_id('doc_id', 'clause_ref') }} end as clause_id,
        char_start,
        char_end
    from findings

)

select * from final
