-- Intensifiers and what they add to a lead's strength, by position (before/after the verb), and with
-- position 'any' (the largest delta) for one found where the seed does not list it.

with

intensifiers as (

    select
        cast(phrase as varchar) as phrase,
        cast(position as varchar) as position,
        cast(strength_delta as integer) as strength_delta
    from {{ ref('lead_intensifiers') }}

)

select * from intensifiers
union all
select phrase, 'any' as position, max(strength_delta) as strength_delta from intensifiers group by phrase
