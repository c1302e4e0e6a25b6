with

documents as (

    select * from {{ ref('stg_documents') }}

),

-- counts come from the marts, which hold every document (the staging models see only the documents
-- this build recomputes: macros/build_scope.sql)
clauses as (

    select * from {{ ref('fct_clauses') }}

),

commitments as (

    select * from {{ ref('fct_commitments') }}

),

targets as (

    select * from {{ ref('fct_targets') }}

),

issues as (

    select * from {{ ref('stg_parse_issues') }}

),

clause_counts as (

    select
        doc_id,
        count(*) as n_clauses,
        count(*) filter (where kind = 'preambular') as n_preambular,
        count(*) filter (where kind = 'operative') as n_operative,
        count(*) filter (where kind = 'sub_operative') as n_sub_operative
    from clauses
    group by doc_id

),

commitment_counts as (

    select doc_id, count(*) as n_commitments from commitments group by doc_id

),

target_counts as (

    select doc_id, count(*) as n_targets from targets group by doc_id

),

issue_counts as (

    select doc_id, count(*) as n_issues from issues group by doc_id

),

final as (

    select
        documents.doc_id,
        documents.doc_type,
        documents.number,
        documents.title,
        documents.adopted_on,
        documents.adopted_by,
        documents.place,
        documents.session,
        documents.issuing_body,
        documents.symbol,
        documents.number_as_printed,
        documents.meeting,
        documents.is_draft,
        documents.source_file,
        documents.sha256,
        cast(coalesce(clause_counts.n_clauses, 0) as integer) as n_clauses,
        cast(coalesce(clause_counts.n_preambular, 0) as integer) as n_preambular,
        cast(coalesce(clause_counts.n_operative, 0) as integer) as n_operative,
        cast(coalesce(clause_counts.n_sub_operative, 0) as integer) as n_sub_operative,
        cast(coalesce(commitment_counts.n_commitments, 0) as integer) as n_commitments,
        cast(coalesce(target_counts.n_targets, 0) as integer) as n_targets,
        cast(coalesce(issue_counts.n_issues, 0) as integer) as n_issues,
        documents.quality_status,
        documents.n_findings
    from documents
    left join clause_counts on documents.doc_id = clause_counts.doc_id
    left join commitment_counts on documents.doc_id = commitment_counts.doc_id
    left join target_counts on documents.doc_id = target_counts.doc_id
    left join issue_counts on documents.doc_id = issue_counts.doc_id

)

select * from final
