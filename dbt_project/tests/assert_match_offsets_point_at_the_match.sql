-- fct_topics and fct_entity_mentions say where in the clause text they matched; the text at that offset
-- must be the matched words (guards the offset arithmetic over regexp results).

with

clauses as (

    select clause_id, text from {{ ref('fct_clauses') }}

),

located as (

    -- an inherited topic's phrase is in the clause it is inherited from
    select
        doc_id, clause_ref, {{ clause_id('doc_id', 'coalesce(inherited_from, clause_ref)') }} as clause_id,
        'fct_topics' as model, matched_phrase as matched_text, match_start
    from {{ ref('fct_topics') }}

    union all

    select doc_id, clause_ref, clause_id, 'fct_entity_mentions' as model, mention_text as matched_text, match_start
    from {{ ref('fct_entity_mentions') }}

)

select
    located.doc_id,
    located.clause_ref,
    'match_offsets_point_at_the_match' as rule,
    located.model || ': "' || located.matched_text || '" expected at ' || located.match_start || ', text there is "'
    || substr(clauses.text, located.match_start + 1, length(located.matched_text)) || '"' as detail
from located
inner join clauses on located.clause_id = clauses.clause_id
where substr(clauses.text, located.match_start + 1, length(located.matched_text)) != located.matched_text
