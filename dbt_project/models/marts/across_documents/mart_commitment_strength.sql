-- Per document and lead strength: how many commitments (fct_commitments), how many continue an action
-- (continue, remain, sustain, ... as the action verb) versus start a new one, and how many were carried
-- over from the previous document versus new in it (fct_clause_lineage, documents_apart = 1; the first
-- document has no previous one, so its lineage counts are null).

with

commitments as (

    select * from {{ ref('fct_commitments') }}

),

documents as (

    select * from {{ ref('int_documents_sequenced') }}

),

lineage as (

    select * from {{ ref('fct_clause_lineage') }} where documents_apart = 1

),

joined as (

    select
        commitments.doc_id,
        commitments.strength,
        commitments.is_continuation,
        documents.doc_sequence,
        documents.previous_doc_id,
        lineage.label,
        lineage.change_kind
    from commitments
    inner join documents on commitments.doc_id = documents.doc_id
    left join lineage
        on commitments.doc_id = lineage.doc_id
        and commitments.clause_ref = lineage.clause_ref

),

grouped as (

    select
        doc_id,
        strength,
        min(doc_sequence) as doc_sequence,
        bool_or(previous_doc_id is not null) as has_previous,
        count(*) as n_commitments,
        count(*) filter (where is_continuation) as n_continuing_action,
        count(*) filter (where not coalesce(is_continuation, false)) as n_new_action,
        count(*) filter (where label = 'new') as n_new_since_previous,
        count(*) filter (where label in ('verbatim', 'modified')) as n_carried_over,
        count(*) filter (where change_kind = 'strengthened') as n_strengthened,
        count(*) filter (where change_kind = 'weakened') as n_weakened
    from joined
    group by doc_id, strength

),

final as (

    select
        doc_id,
        strength,
        cast(doc_sequence as integer) as doc_sequence,
        cast(n_commitments as integer) as n_commitments,
        cast(round(n_commitments / sum(n_commitments) over (partition by doc_id), 4) as decimal(5, 4))
            as share_of_document,
        cast(n_continuing_action as integer) as n_continuing_action,
        cast(n_new_action as integer) as n_new_action,
        cast(case when has_previous then n_new_since_previous end as integer) as n_new_since_previous,
        cast(case when has_previous then n_carried_over end as integer) as n_carried_over,
        cast(case when has_previous then n_strengthened end as integer) as n_strengthened,
        cast(case when has_previous then n_weakened end as integer) as n_weakened
    from grouped

)

select * from final
