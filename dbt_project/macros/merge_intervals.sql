{#- Emits a CTE `name` that merges overlapping [s, e) intervals of `relation` (doc_id, s, e) per document
    (gaps and islands: an interval starts a new island when it begins after every earlier one ended). -#}
{% macro merge_intervals(relation, name) -%}
{{ name }}_ordered as (

    select
        doc_id,
        s,
        e,
        max(e) over (
            partition by doc_id order by s, e rows between unbounded preceding and 1 preceding
        ) as previous_max_end
    from {{ relation }}
    where e > s

),

{{ name }}_islands as (

    select
        *,
        sum(case when previous_max_end >= s then 0 else 1 end) over (
            partition by doc_id order by s, e rows between unbounded preceding and current row
        ) as island
    from {{ name }}_ordered

),

{{ name }} as (

    select doc_id, min(s) as s, max(e) as e
    from {{ name }}_islands
    group by doc_id, island

)
{%- endmacro %}
