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
