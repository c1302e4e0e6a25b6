{#- Source text with HTML tags and character entities removed, for counting the words of a span. -#}
{% macro without_markup(text) -%}
    regexp_replace({{ text }}, '<[^>]*>|&#?[A-Za-z0-9]+;', '', 'g')
{%- endmacro %}
