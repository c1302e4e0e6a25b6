{{ config(materialized='ephemeral', contract={'enforced': false}) }}

-- Each document with its place in its series (dim_documents owns the order) and the document before it
-- in that series, for the marts that compare successive documents. An unplaced document (neither date
-- nor number) has no predecessor: its place is a guess, so lineage does not compare it and neither
-- does any mart. Unplaced documents come last, so a placed document's predecessor is always placed.

with

documents as (

    select * from {{ ref('dim_documents') }}

),

final as (

    select
        doc_id,
        series,
        adopted_on,
        number,
        doc_sequence,
        corpus_sequence,
        is_placed,
        case when is_placed then lag(doc_id) over (partition by series order by doc_sequence) end
            as previous_doc_id
    from documents

)

select * from final
