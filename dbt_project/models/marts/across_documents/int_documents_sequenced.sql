{{ config(materialized='ephemeral', contract={'enforced': false}) }}

-- Documents from the oldest to the newest: by adoption date when every document has one, else by number
-- when every document has one, else by date then number (unknown last); doc_id breaks ties. One key for
-- the whole corpus, since mixing them document by document is not an order. The same rule as
-- pipelines.facts.lineage.document_order, which the Python marts use; the compound_relationships tests
-- on fct_clause_lineage hold the two to the same numbering.

with

documents as (

    select * from {{ ref('dim_documents') }}

),

corpus as (

    select
        bool_and(adopted_on is not null) as all_dated,
        bool_and(number is not null) as all_numbered
    from documents

),

sequenced as (

    select
        documents.doc_id,
        documents.adopted_on,
        documents.number,
        cast(row_number() over (
            order by
                case when corpus.all_dated then documents.adopted_on end,
                case when not corpus.all_dated and corpus.all_numbered then documents.number end,
                documents.adopted_on nulls last,
                documents.number nulls last,
                documents.doc_id
        ) as integer) as doc_sequence
    from documents
    cross join corpus

),

final as (

    select
        doc_id,
        adopted_on,
        number,
        doc_sequence,
        lag(doc_id) over (order by doc_sequence) as previous_doc_id
    from sequenced

)

select * from final
