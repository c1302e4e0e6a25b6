-- The plain reading of each lemma: several phrases share one ("noting", "noting with concern"), and the
-- weakest is what the lemma alone means. One row per lemma and position, and one with position 'any'
-- for a lead whose position the lexicon does not list (the rollup's rows without position; its grand total
-- is left out).

with

lexicon as (

    select * from {{ ref('stg_lead_lexicon') }}

),

final as (

    select
        lemma,
        coalesce(position, 'any') as position,
        arg_min(verb_class, strength) as verb_class,
        arg_min(stance, strength) as stance,
        min(strength) as strength
    from lexicon
    group by rollup(lemma, position)
    having grouping(lemma) = 0

)

select * from final
