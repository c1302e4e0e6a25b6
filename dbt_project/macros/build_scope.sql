{#- Incremental builds by document (pipelines/warehouse/scope.py decides the scope before dbt runs).

    in_build_scope(): a filter for the staging models of per-document facts (stg_clauses, stg_targets,
    stg_deadlines): only the documents in raw.build_scope, which is every document on a full build and
    the new and changed ones otherwise. Everything downstream of those models sees only that scope, so
    models that need the whole corpus read the marts instead (dim_documents, the singular tests).

    delete_documents_in_scope(): the pre-hook of the incremental marts. On an incremental build it
    deletes the rows of the documents in scope (they are inserted again) and of documents that are no
    longer in raw.raw_documents (removed files); a full build recreates the table instead. -#}
{% macro in_build_scope(doc_id_column='doc_id') -%}
    {{ doc_id_column }} in (select doc_id from {{ source('raw', 'build_scope') }})
{%- endmacro %}

{% macro delete_documents_in_scope() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where doc_id in (select doc_id from {{ source('raw', 'build_scope') }})
            or doc_id not in (select doc_id from {{ source('raw', 'raw_documents') }})
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- Tests audit what the build wrote. A generic test on an incremental per-document mart (var
    audited_by_document) sees only the rows of the documents in raw.build_scope: every row on a full
    build, the new and changed documents' rows otherwise. The other rows passed the same tests when
    they were written and have not changed since; keys cannot collide across documents (they embed
    doc_id, which dim_documents tests for uniqueness over the whole corpus). Tests on other models, and
    the `where` config of any test, work as in dbt's own macro. The scope table is named directly, not
    through source(): this runs when a test compiles, after dbt has fixed its dependencies. -#}
{% macro duckdb__get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- set by_document = relation.identifier in var('audited_by_document', []) -%}
    {%- if where or by_document -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where if where else 'true' }}
            {%- if by_document %} and doc_id in (select doc_id from "{{ relation.database }}"."raw"."build_scope"){% endif -%}
            ) dbt_subquery
        {%- endset -%}
        {% do return(filtered) %}
    {%- else -%}
        {% do return(relation) %}
    {%- endif -%}
{%- endmacro %}
