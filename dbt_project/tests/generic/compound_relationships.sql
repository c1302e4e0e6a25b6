{#- Foreign key over several columns: every row whose `columns` are all non-null must find a row of
    `to` with equal `to_columns` (same order). -#}
{% test compound_relationships(model, columns, to, to_columns) %}

select child.*
from (select * from {{ model }}) as child  -- a scoped or `where` model is an aliased subquery already
where {% for c in columns %}child.{{ c }} is not null{% if not loop.last %} and {% endif %}{% endfor %}
    and not exists (
        select 1
        from {{ to }} as parent
        where {% for c in columns %}parent.{{ to_columns[loop.index0] }} = child.{{ c }}{% if not loop.last %}
            and {% endif %}{% endfor %}
    )

{% endtest %}
