{#- Incremental builds by document (pipelines/warehouse/scope.py decides the scope before dbt runs).

    The scope is the documents in raw.build_scope: every document on a full build, the new and changed
    ones otherwise. Its filter is the var `in_build_scope` (dbt_project.yml), which the generic tests of
    the per-document marts (models/marts/by_document/) take as their `where`: a build checks the rows it
    wrote. The other rows passed the same tests when they were written and have not changed since; keys
    cannot collide across documents (they embed doc_id, which dim_documents tests over the whole corpus).

    in_build_scope(): the same filter for the staging models of per-document facts. Everything
    downstream of them sees only the scope, so models that need the whole corpus read the marts instead
    (dim_documents, the singular tests). The source() call declares the dependency on raw.build_scope
    (dbt and Dagster see it); the filter itself is the var.

    delete_documents_in_scope(): the pre-hook of the per-document marts. On an incremental build it
    deletes the rows of the documents in scope (they are inserted again) and of documents no longer in
    raw.raw_documents (removed files); a full build recreates the table instead. dbt's delete+insert
    strategy (with unique_key doc_id) would not do: it deletes only the documents that have rows in the
    new batch, so a changed document that lost its last target, or a removed file, would keep its old
    rows. -#}
{% macro in_build_scope() -%}
    {%- do source('raw', 'build_scope') -%}
    {{ var('in_build_scope') }}
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
