-- Which pledge a quantified target belongs to. In order of preference:
--   1. a pledge the clause names whose figure the target states (same unit and value);
--   2. a pledge the clause names that is measured in the target's unit ("a Hague Defence Investment
--      Pledge ... well beyond 2% of GDP" is the Hague pledge, not the 2% one);
--   3. a pledge whose figure the target states, named or not ("the 2% of GDP target").
-- A named pledge measured in another unit does not claim the target ("23 nations" is not a pledge).

with

targets as (

    select * from {{ ref('stg_targets') }}

),

pledges as (

    select
        pledge_id,
        cast(figure_value as double) as figure_value,
        figure_unit
    from {{ ref('pledges') }}

),

mentions as (

    select * from {{ ref('int_pledge_mentions_matched') }}

),

candidates as (

    select
        targets.target_id,
        pledges.pledge_id,
        mentions.match_start,
        (mentions.pledge_id is not null) as is_named,
        coalesce(
            abs(targets.value - pledges.figure_value) <= 1e-9 * greatest(1, abs(pledges.figure_value)),
            false
        ) as is_figure_stated
    from targets
    inner join pledges
        on targets.unit = pledges.figure_unit
    left join mentions
        on targets.doc_id = mentions.doc_id
        and targets.clause_ref = mentions.clause_ref
        and pledges.pledge_id = mentions.pledge_id

),

ranked as (

    select
        *,
        case
            when is_named and is_figure_stated then 1
            when is_named then 2
            when is_figure_stated then 3
        end as link_priority
    from candidates
    where is_named or is_figure_stated

),

best as (

    select
        *,
        row_number() over (
            partition by target_id
            order by link_priority, match_start nulls last, pledge_id
        ) as link_rank
    from ranked

),

final as (

    select
        target_id,
        pledge_id,
        case link_priority
            when 1 then 'named_and_figure'
            when 2 then 'named'
            else 'figure'
        end as pledge_link_reason
    from best
    where link_rank = 1

)

select * from final
