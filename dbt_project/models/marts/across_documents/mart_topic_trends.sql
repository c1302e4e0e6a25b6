-- Topic x document, every topic of the taxonomy for every document (zero where a topic is absent, so a
-- trend line has no gaps): clauses and commitments that touch the topic and their share of the
-- document, with the change of the clause share since the previous document (int_documents_sequenced's
-- previous_doc_id: none for the first document of a series or an unplaced one).

with

documents as (

    select * from {{ ref('int_documents_sequenced') }}

),

topics as (

    select topic_key, min(label) as topic_label
    from {{ ref('topic_taxonomy') }}
    group by topic_key

),

clause_topics as (

    select distinct doc_id, clause_ref, topic_key from {{ ref('fct_topics') }}

),

clauses as (

    select doc_id, clause_ref from {{ ref('fct_clauses') }}

),

commitments as (

    select doc_id, clause_ref from {{ ref('fct_commitments') }}

),

document_totals as (

    select
        documents.doc_id,
        (select count(*) from clauses where clauses.doc_id = documents.doc_id) as n_clauses_in_document,
        (select count(*) from commitments where commitments.doc_id = documents.doc_id)
            as n_commitments_in_document
    from documents

),

topic_counts as (

    select
        clause_topics.doc_id,
        clause_topics.topic_key,
        count(*) as n_clauses,
        count(commitments.clause_ref) as n_commitments
    from clause_topics
    left join commitments
        on clause_topics.doc_id = commitments.doc_id
        and clause_topics.clause_ref = commitments.clause_ref
    group by clause_topics.doc_id, clause_topics.topic_key

),

grid as (

    select
        documents.doc_id,
        documents.previous_doc_id,
        documents.doc_sequence,
        documents.adopted_on,
        topics.topic_key,
        topics.topic_label,
        coalesce(topic_counts.n_clauses, 0) as n_clauses,
        coalesce(topic_counts.n_commitments, 0) as n_commitments,
        document_totals.n_clauses_in_document,
        document_totals.n_commitments_in_document
    from documents
    cross join topics
    inner join document_totals on documents.doc_id = document_totals.doc_id
    left join topic_counts
        on documents.doc_id = topic_counts.doc_id
        and topics.topic_key = topic_counts.topic_key

),

shares as (

    select
        *,
        n_clauses / nullif(n_clauses_in_document, 0) as clause_share,
        n_commitments / nullif(n_commitments_in_document, 0) as commitment_share
    from grid

),

final as (

    select
        shares.doc_id,
        shares.topic_key,
        shares.topic_label,
        cast(shares.doc_sequence as integer) as doc_sequence,
        shares.adopted_on,
        cast(shares.n_clauses as integer) as n_clauses,
        cast(shares.n_commitments as integer) as n_commitments,
        cast(shares.n_clauses_in_document as integer) as n_clauses_in_document,
        cast(shares.n_commitments_in_document as integer) as n_commitments_in_document,
        cast(round(shares.clause_share, 4) as decimal(5, 4)) as clause_share,
        cast(round(shares.commitment_share, 4) as decimal(5, 4)) as commitment_share,
        cast(round(shares.clause_share - previous.clause_share, 4) as decimal(5, 4)) as clause_share_change
    from shares
    left join shares as previous
        on shares.previous_doc_id = previous.doc_id
        and shares.topic_key = previous.topic_key

)

select * from final
