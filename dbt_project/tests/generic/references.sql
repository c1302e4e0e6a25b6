{#- Foreign keys of a model, checked in one query (one dbt node, one Dagster check) instead of one
    relationships or compound_relationships test each. `links`: a list of {columns, to, to_columns}, `to`
    the name of the model or seed referred to; every row whose `columns` are all non-null must find a row
    of `to` with equal `to_columns` (same order). A failing row names the first link it breaks.
    One scan of the model with every link in its filter: a union of one select per link would read the
    model once per link (docs/benchmarks.md has the figures). -#}
{% test references(model, links) %}

{%- set broken = [] %}
{%- for link in links %}
{%- set to_columns = link.to_columns or link.columns %}
{%- set condition -%}
({% for c in link.columns %}child.{{ c }} is not null and {% endfor %}not exists (
        select 1
        from {{ ref(link.to) }} as parent
        where {% for c in link.columns %}parent.{{ to_columns[loop.index0] }} = child.{{ c }}{% if not loop.last %}
            and {% endif %}{% endfor %}
    ))
{%- endset %}
{%- do broken.append((condition, "(" ~ link.columns | join(", ") ~ ") -> " ~ link.to ~ " (" ~ to_columns | join(", ") ~ ")")) %}
{%- endfor %}

select
    case
        {%- for condition, name in broken %}
        when {{ condition }}
            then '{{ name }}'
        {%- endfor %}
    end as broken_link,
    child.*
from (select * from {{ model }}) as child  -- a scoped or `where` model is an aliased subquery already
where {% for condition, _ in broken %}{{ condition }}{% if not loop.last %}
    or {% endif %}{% endfor %}

{% endtest %}
