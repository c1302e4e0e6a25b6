{#- Word-bounded regex matching shared by the topic, entity and pledge models.

    Patterns come from analyst-editable seeds, so every pattern is wrapped the same way:
    `\b(?:pattern)\b`, matched with RE2 (DuckDB). A pattern should therefore start and end with a word
    character; inner groups may be capturing or not. `(?s)(.*?)` before the match captures the text in
    front of it, whose length is the match offset (0-based, in characters of the clause text): DuckDB's
    regexp functions return matched text, not positions.

    case_insensitive: a SQL boolean expression or literal; patterns can still override it inline with
    `(?i:...)` or `(?-i:...)`. -#}
{% macro word_match_regex(pattern, case_insensitive) -%}
    ('(?s' || case when {{ case_insensitive }} then 'i' else '' end || ')(.*?)\b((?:' || {{ pattern }} || '))\b')
{%- endmacro %}

{#- Text in front of the first match (group 1) and the first match itself (group 2). -#}
{% macro first_match_prefix(text, regex) -%}
    regexp_extract({{ text }}, {{ regex }}, 1)
{%- endmacro %}

{% macro first_match_text(text, regex) -%}
    regexp_extract({{ text }}, {{ regex }}, 2)
{%- endmacro %}

{#- Every non-overlapping match as two aligned lists: the text before each match, and the match. -#}
{% macro all_match_prefixes(text, regex) -%}
    regexp_extract_all({{ text }}, {{ regex }}, 1)
{%- endmacro %}

{% macro all_match_texts(text, regex) -%}
    regexp_extract_all({{ text }}, {{ regex }}, 2)
{%- endmacro %}
