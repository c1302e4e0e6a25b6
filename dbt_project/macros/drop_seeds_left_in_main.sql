{#- Seeds build in schema `seeds` (dbt_project.yml). A warehouse built before that still holds their
    tables in `main`, among the marts, where analysts and BI tools would take them for marts: this
    on-run-start hook drops those copies. Only names of this project's seeds are dropped, never a mart. -#}
{% macro drop_seeds_left_in_main() %}
    {%- if execute -%}
        {%- for node in graph.nodes.values()
                if node.resource_type == 'seed' and node.schema != target.schema -%}
            {%- do run_query('drop table if exists ' ~ target.schema ~ '.' ~ adapter.quote(node.name)) -%}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
