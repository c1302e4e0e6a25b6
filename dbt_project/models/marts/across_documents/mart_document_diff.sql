-- Each pair of successive documents (int_documents_sequenced): how many clauses of the later one are
-- new, verbatim or modified (by change kind) against the earlier one, and how many clauses of the
-- earlier one no clause of the later one took up (dropped). From fct_clause_lineage, documents_apart = 1.

with

lineage as (

    select * from {{ ref('fct_clause_lineage') }} where documents_apart = 1

),

documents as (

    select * from {{ ref('int_documents_sequenced') }}

),

clauses as (

    select * from {{ ref('fct_clauses') }}

),

pairs as (

    select doc_id, previous_doc_id, doc_sequence
    from documents
    where previous_doc_id is not null

),

current_counts as (

    select
        doc_id,
        count(*) as n_clauses,
        count(*) filter (where label = 'new') as n_new,
        count(*) filter (where label = 'verbatim') as n_verbatim,
        count(*) filter (where label = 'modified') as n_modified,
        count(*) filter (where change_kind = 'strengthened') as n_strengthened,
        count(*) filter (where change_kind = 'weakened') as n_weakened,
        count(*) filter (where change_kind = 'target_changed') as n_target_changed,
        count(*) filter (where change_kind = 'addressee_changed') as n_addressee_changed,
        count(*) filter (where change_kind = 'rephrased') as n_rephrased,
        avg(similarity) filter (where label <> 'new') as mean_similarity_of_matches
    from lineage
    group by doc_id

),

carried as (

    select distinct doc_id, matched_clause_ref
    from lineage
    where matched_clause_ref is not null

),

previous_counts as (

    select
        pairs.doc_id,
        count(clauses.clause_ref) as n_previous_clauses,
        count(clauses.clause_ref) filter (where carried.matched_clause_ref is null) as n_dropped
    from pairs
    inner join clauses on pairs.previous_doc_id = clauses.doc_id
    left join carried
        on pairs.doc_id = carried.doc_id
        and clauses.clause_ref = carried.matched_clause_ref
    group by pairs.doc_id

),

final as (

    select
        pairs.doc_id,
        pairs.previous_doc_id,
        cast(pairs.doc_sequence as integer) as doc_sequence,
        cast(coalesce(current_counts.n_clauses, 0) as integer) as n_clauses,
        cast(coalesce(current_counts.n_new, 0) as integer) as n_new,
        cast(coalesce(current_counts.n_verbatim, 0) as integer) as n_verbatim,
        cast(coalesce(current_counts.n_modified, 0) as integer) as n_modified,
        cast(coalesce(current_counts.n_strengthened, 0) as integer) as n_strengthened,
        cast(coalesce(current_counts.n_weakened, 0) as integer) as n_weakened,
        cast(coalesce(current_counts.n_target_changed, 0) as integer) as n_target_changed,
        cast(coalesce(current_counts.n_addressee_changed, 0) as integer) as n_addressee_changed,
        cast(coalesce(current_counts.n_rephrased, 0) as integer) as n_rephrased,
        cast(coalesce(previous_counts.n_previous_clauses, 0) as integer) as n_previous_clauses,
        cast(coalesce(previous_counts.n_dropped, 0) as integer) as n_dropped,
        cast(round(current_counts.mean_similarity_of_matches, 1) as decimal(4, 1)) as mean_similarity_of_matches
    from pairs
    left join current_counts on pairs.doc_id = current_counts.doc_id
    left join previous_counts on pairs.doc_id = previous_counts.doc_id

)

select * from final
