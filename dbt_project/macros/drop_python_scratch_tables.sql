{#- An incremental Python model's rows reach its table through a scratch table, `<model>__dbt_tmp<time>`,
    that dbt-duckdb creates as an ordinary table (the model runs on a cursor of its own, which a
    temporary table would not cross) and, because it asks for a temporary one, never drops. This
    post-hook drops it inside the build's transaction, once the rows are in: the published file holds
    only the marts. The names come from this project's model, never from data. -#}
{% macro drop_python_scratch_tables() %}
    {%- if execute -%}
        {%- set scratch = run_query(
            "select table_name from information_schema.tables where table_schema = '" ~ this.schema
            ~ "' and starts_with(table_name, '" ~ this.identifier ~ "__dbt_tmp')") -%}
        {%- for row in scratch.rows -%}
            {%- do run_query('drop table ' ~ this.schema ~ '.' ~ adapter.quote(row[0])) -%}
        {%- endfor -%}
    {%- endif -%}
    select 1
{%- endmacro %}
