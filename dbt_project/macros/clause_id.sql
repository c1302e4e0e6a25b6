{#- Stable clause key (docs/architecture.md): depends only on the document and the clause reference,
    never on run order, so ids survive re-runs and re-parses. -#}
{% macro clause_id(doc_id, clause_ref) -%}
    md5({{ doc_id }} || '|' || {{ clause_ref }})
{%- endmacro %}
