-- One row per clause with its lead resolved against the lead lexicon: verb class, stance and strength
-- (lexicon strength of the bare lead + the intensifier's strength_delta). The lexicon is matched on the
-- lead phrase without its intensifier first ("Strongly condemning" -> "condemning"), then on the lemma,
-- so a lead the parser lemmatised but whose exact wording is not listed still gets a class.

with

clauses as (

    select * from {{ ref('stg_clauses') }}

),

lexicon as (

    select * from {{ ref('stg_lead_lexicon') }}

),

lemmas as (

    select * from {{ ref('stg_lead_lemmas') }}

),

intensifiers as (

    select * from {{ ref('stg_lead_intensifiers') }}

),

leads as (

    select
        doc_id,
        clause_ref,
        kind,
        lemma,
        lower(intensifier) as intensifier,
        case
            when intensifier is null then lower(trim(lead_phrase))
            else trim(regexp_replace(
                    replace(lower(lead_phrase), lower(intensifier), ''), '\s+', ' ', 'g'
                ))
        end as bare_phrase,
        case
            when intensifier is null then null
            when starts_with(lower(lead_phrase), lower(intensifier)) then 'before'
            else 'after'
        end as intensifier_position
    from clauses
    where lead_phrase is not null

),

classified as (

    select
        leads.doc_id,
        leads.clause_ref,
        coalesce(by_phrase.verb_class, by_lemma.verb_class, by_lemma_any.verb_class, 'other') as verb_class,
        coalesce(by_phrase.stance, by_lemma.stance, by_lemma_any.stance, 'neutral') as stance,
        coalesce(by_phrase.strength, by_lemma.strength, by_lemma_any.strength) as base_strength,
        case
            when leads.intensifier is null then 0
            else coalesce(intensifier_exact.strength_delta, intensifier_any.strength_delta, 0)
        end as intensifier_delta,
        (by_phrase.phrase is not null) as is_lead_phrase_in_lexicon
    from leads
    left join lexicon as by_phrase
        on leads.bare_phrase = by_phrase.phrase
        and leads.kind = by_phrase.position
    left join lemmas as by_lemma
        on leads.lemma = by_lemma.lemma
        and leads.kind = by_lemma.position
    left join lemmas as by_lemma_any
        on leads.lemma = by_lemma_any.lemma
        and by_lemma_any.position = 'any'
    left join intensifiers as intensifier_exact
        on leads.intensifier = intensifier_exact.phrase
        and leads.intensifier_position = intensifier_exact.position
    left join intensifiers as intensifier_any
        on leads.intensifier = intensifier_any.phrase
        and intensifier_any.position = 'any'

),

final as (

    select
        clauses.*,
        classified.verb_class as lead_verb_class,
        classified.stance as lead_stance,
        classified.base_strength as lead_base_strength,
        classified.intensifier_delta as lead_intensifier_delta,
        classified.base_strength + classified.intensifier_delta as lead_strength
    from clauses
    left join classified
        on clauses.doc_id = classified.doc_id
        and clauses.clause_ref = classified.clause_ref

)

select * from final
