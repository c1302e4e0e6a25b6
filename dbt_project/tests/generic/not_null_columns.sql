{#- Columns that must be filled, checked in one query (one dbt node, one Dagster check) instead of one
    not_null test per column. For models whose contract dbt does not enforce (the Python models): the SQL
    marts' columns carry the not_null constraint instead. A failing row names its empty columns. -#}
{% test not_null_columns(model, columns) %}

select
    concat_ws(', '{% for column in columns %}, case when {{ column }} is null then '{{ column }}' end{% endfor %})
        as null_columns,
    *
from {{ model }}
where {% for column in columns %}{{ column }} is null{% if not loop.last %} or {% endif %}{% endfor %}

{% endtest %}
