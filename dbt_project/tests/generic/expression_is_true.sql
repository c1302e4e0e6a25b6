{#- Every row satisfies a SQL boolean expression (rows where it is null pass: pair with not_null). -#}
{% test expression_is_true(model, expression, column_name=none) %}

select *
from {{ model }}
where not ({{ expression }})

{% endtest %}
