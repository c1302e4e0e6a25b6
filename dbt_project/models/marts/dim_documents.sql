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

-- Document order, the one rule every mart and the lineage read. A document belongs to the series of the
-- body that adopted it; within it, documents follow their adoption date, then their number, a draft
-- before the text adopted from it. An undated document takes its place by number among the dated ones
-- of its series (and session, where both print one): the date of the latest one numbered below it,
-- else of the earliest one numbered at or above it. A document with neither date nor number comes
-- last and is not placed (is_placed false): lineage does not compare it, since any order would be a guess.
series_documents as (

    select
        doc_id,
        coalesce(issuing_body, 'unknown body') as series,
        adopted_on,
        number,
        session,
        is_draft
    from documents

),

-- an undated document with a number: the dates of the dated documents of its series (and session)
-- numbered below it and at or above it. One join of the undated against the dated, grouped, rather than
-- two subqueries per document: their session condition kept DuckDB from decorrelating them, and the
-- work grew with the square of the series.
undated as (

    select doc_id, series, number, session
    from series_documents
    where adopted_on is null and number is not null

),

dated_neighbours as (

    select
        undated.doc_id,
        max(dated.adopted_on) filter (where dated.number < undated.number) as latest_dated_below_on,
        min(dated.adopted_on) filter (where dated.number >= undated.number) as earliest_dated_from_on
    from undated
    inner join series_documents as dated
        on undated.series = dated.series
        and dated.adopted_on is not null
        and (undated.session is null or dated.session is null or undated.session = dated.session)
    group by undated.doc_id

),

placed as (

    select
        series_documents.*,
        coalesce(
            series_documents.adopted_on,
            dated_neighbours.latest_dated_below_on,
            dated_neighbours.earliest_dated_from_on
        ) as placed_on
    from series_documents
    left join dated_neighbours on series_documents.doc_id = dated_neighbours.doc_id

),

sequenced as (

    select
        doc_id,
        series,
        placed_on is not null or number is not null as is_placed,
        cast(row_number() over (
            partition by series
            order by placed_on asc nulls last, number asc nulls last, is_draft desc nulls last, doc_id asc
        ) as integer) as doc_sequence,
        cast(row_number() over (
            order by placed_on asc nulls last, number asc nulls last, is_draft desc nulls last, series asc, doc_id asc
        ) as integer) as corpus_sequence
    from placed

),

-- the newest document of its series that has a place (an unplaced one is last only by default)
latest as (

    select series, max(doc_sequence) filter (where is_placed) as latest_sequence
    from sequenced
    group by series

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
        documents.n_findings,
        sequenced.series,
        sequenced.doc_sequence,
        sequenced.corpus_sequence,
        coalesce(sequenced.doc_sequence = latest.latest_sequence, false) as is_latest,
        sequenced.is_placed
    from documents
    left join sequenced on documents.doc_id = sequenced.doc_id
    left join latest on sequenced.series = latest.series
    left join clause_counts on documents.doc_id = clause_counts.doc_id
    left join commitment_counts on documents.doc_id = commitment_counts.doc_id
    left join target_counts on documents.doc_id = target_counts.doc_id
    left join issue_counts on documents.doc_id = issue_counts.doc_id

)

select * from final
