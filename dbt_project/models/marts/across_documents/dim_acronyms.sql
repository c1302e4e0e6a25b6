-- One row per acronym the texts define ("People's Republic of China (PRC)"), with the expansion and the
-- place of its first definition in document order (int_documents_sequenced), then clause order.

with

definitions as (

    select * from {{ ref('stg_acronyms') }}

),

documents as (

    select * from {{ ref('int_documents_sequenced') }}

),

clauses as (

    select doc_id, clause_ref, ordinal from {{ ref('fct_clauses') }}

),

ranked as (

    select
        definitions.acronym,
        definitions.expansion,
        definitions.doc_id,
        definitions.clause_ref,
        definitions.char_start,
        definitions.char_end,
        documents.corpus_sequence as doc_sequence,
        row_number() over (
            partition by definitions.acronym
            order by documents.corpus_sequence, clauses.ordinal, definitions.char_start
        ) as definition_rank,
        -- quote style and case do not make another expansion ("People’s" / "People's")
        lower(replace(definitions.expansion, '’', '''')) as expansion_key
    from definitions
    inner join documents on definitions.doc_id = documents.doc_id
    left join clauses
        on definitions.doc_id = clauses.doc_id
        and definitions.clause_ref = clauses.clause_ref

),

summary as (

    select
        acronym,
        count(*) as n_definitions,
        count(distinct doc_id) as n_documents_defining,
        count(distinct expansion_key) as n_expansions
    from ranked
    group by acronym

),

final as (

    select
        md5('acronym|' || ranked.acronym) as acronym_id,
        ranked.acronym,
        ranked.expansion,
        ranked.doc_id as first_doc_id,
        ranked.clause_ref as first_clause_ref,
        {{ clause_id('ranked.doc_id', 'ranked.clause_ref') }} as first_clause_id,
        cast(ranked.doc_sequence as integer) as first_doc_sequence,
        ranked.char_start,
        ranked.char_end,
        cast(summary.n_definitions as integer) as n_definitions,
        cast(summary.n_documents_defining as integer) as n_documents_defining,
        cast(summary.n_expansions as integer) as n_expansions
    from ranked
    inner join summary on ranked.acronym = summary.acronym
    where ranked.definition_rank = 1

)

select * from final
