{#- Custom schemas are used as written (`+schema: main` lands in `main`, not `main_main`), so the marts
    keep the unqualified names that analysts, BI tools and gold_check.py query. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
