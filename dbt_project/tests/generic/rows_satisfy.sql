{#- Every row satisfies each of several SQL boolean expressions, checked in one query (one dbt node, one
    Dagster check) instead of one expression_is_true or accepted_values test each. For the tables whose
    contract dbt does not enforce (seeds, Python models): an enforced mart states these as check
    constraints. As in SQL's check constraints, a row where an expression is null passes it (pair it with
    not_null). A failing row names the first expression it breaks. -#}
{% test rows_satisfy(model, expressions) %}

select
    case
        {%- for expression in expressions %}
        when not ({{ expression }}) then '{{ expression | replace("'", "''") }}'
        {%- endfor %}
    end as unmet_expression,
    *
from {{ model }}
where {% for expression in expressions %}not ({{ expression }}){% if not loop.last %} or {% endif %}{% endfor %}

{% endtest %}
