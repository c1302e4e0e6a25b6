-- Every verb the clauses use, one row each: the lead of a preambular/operative clause, each secondary
-- lead coordinated inside a clause ("..., and welcoming ..."), and the verb of each action a call asks for
-- (stg_commitment_actions: "to sign and ratify" gives two). A lead's strength is its clause's (intensifier
-- included); a secondary lead's is its phrase's or its lemma's in the lexicon; an action has none.

with

clauses as (

    select * from {{ ref('int_clauses_classified') }}

),

commitment_actions as (

    select * from {{ ref('stg_commitment_actions') }}

),

lexicon as (

    select * from {{ ref('stg_lead_lexicon') }}

),

lemmas as (

    select * from {{ ref('stg_lead_lemmas') }}

),

leads as (

    select
        doc_id,
        clause_ref,
        'lead' as verb_role,
        0 as verb_ordinal,
        lead_phrase as verb_text,
        lemma,
        lead_verb_class as verb_class,
        lead_stance as stance,
        lead_strength as strength,
        intensifier,
        true as is_primary
    from clauses
    where lead_phrase is not null

),

secondary_exploded as (

    select
        doc_id,
        clause_ref,
        kind,
        unnest(range(1, len(secondary_leads) + 1)) as verb_ordinal,
        secondary_leads,
        secondary_lemmas
    from clauses
    where len(secondary_leads) > 0

),

secondary_leads as (

    select
        secondary_exploded.doc_id,
        secondary_exploded.clause_ref,
        'secondary_lead' as verb_role,
        secondary_exploded.verb_ordinal,
        secondary_exploded.secondary_leads[secondary_exploded.verb_ordinal] as verb_text,
        coalesce(
            secondary_exploded.secondary_lemmas[secondary_exploded.verb_ordinal],
            by_phrase.lemma
        ) as lemma,
        coalesce(by_phrase.verb_class, by_lemma.verb_class, 'other') as verb_class,
        coalesce(by_phrase.stance, by_lemma.stance, 'neutral') as stance,
        coalesce(by_phrase.strength, by_lemma.strength, by_lemma_any.strength) as strength,
        cast(null as varchar) as intensifier,
        false as is_primary
    from secondary_exploded
    left join lexicon as by_phrase
        on lower(trim(secondary_exploded.secondary_leads[secondary_exploded.verb_ordinal])) = by_phrase.phrase
        and secondary_exploded.kind = by_phrase.position
    left join lemmas as by_lemma
        on secondary_exploded.secondary_lemmas[secondary_exploded.verb_ordinal] = by_lemma.lemma
        and secondary_exploded.kind = by_lemma.position
    left join lemmas as by_lemma_any
        on secondary_exploded.secondary_lemmas[secondary_exploded.verb_ordinal] = by_lemma_any.lemma
        and by_lemma_any.position = 'any'

),

actions as (

    select
        doc_id,
        clause_ref,
        'action' as verb_role,
        action_ordinal - 1 as verb_ordinal,
        verb_text,
        action_lemma as lemma,
        'action' as verb_class,
        'neutral' as stance,
        cast(null as integer) as strength,
        cast(null as varchar) as intensifier,
        action_ordinal = 1 as is_primary
    from commitment_actions

),

unioned as (

    select * from leads
    union all
    select * from secondary_leads
    union all
    select * from actions

),

final as (

    select
        md5(doc_id || '|' || clause_ref || '|' || verb_role || '|' || cast(verb_ordinal as varchar)) as verb_id,
        *
    from unioned

)

select * from final
