with

pledges as (

    select * from {{ ref('pledges') }}

),

final as (

    select
        pledge_id,
        name,
        aliases,
        cast(figure_value as double) as figure_value,
        figure_unit,
        description
    from pledges

)

select * from final
