{#- Word-bounded regex matching of seed patterns (topics, entities, pledges) against clause text.

    Every pattern is wrapped the same way: `(?s[i])(.*?)\b((?:pattern))\b`, matched with RE2 (DuckDB).
    A pattern should therefore start and end with a word character; inner groups may be capturing or
    not. Group 1 captures the text in front of the match, whose length is the match offset (0-based, in
    characters of the clause text): DuckDB's regexp functions return matched text, not positions.
    case_insensitive is the default of a seed; a pattern can override it inline with `(?i:...)` or
    `(?-i:...)`. -#}
{% macro word_match_regex(pattern, case_insensitive) -%}
    ('(?s' || case when {{ case_insensitive }} then 'i' else '' end || ')(.*?)\b((?:' || {{ pattern }} || '))\b')
{%- endmacro %}

{% macro word_match_regex_literal(pattern, case_insensitive) -%}
    {{ "'" ~ ("(?s" ~ ("i" if case_insensitive else "") ~ ")(.*?)\\b((?:" ~ pattern ~ "))\\b") | replace("'", "''") ~ "'" }}
{%- endmacro %}

{#- A select of every (text row, pattern row) pair where the pattern matches, carrying `carry_columns` of
    the text relation and `pattern_columns` of the pattern seed, plus two aligned lists: `prefixes` (text
    before each non-overlapping match) and `hits` (each match).

    DuckDB compiles a regex once per query when it is a constant, but once per row when it comes from a
    column, which made a clauses x seed join cost ~50 us per pair (minutes for a few hundred documents).
    So when the seed table exists the patterns are read at run time and written into the SQL as
    constants, one union branch per pattern; otherwise (compile without a database, or unit tests, which
    set var inline_seed_patterns: false so their fixture rows are used) the same matching runs as a join.
    Both paths build the regex the same way (macros above). -#}
{% macro seed_pattern_matches(text_relation, text_column, carry_columns, pattern_seed, pattern_columns, pattern_column, case_insensitive) -%}
    {%- set seed_relation = ref(pattern_seed) -%}
    {%- set pattern_rows = none -%}
    {%- if execute and var('inline_seed_patterns', true) -%}
        {%- set existing = adapter.get_relation(database=seed_relation.database, schema=seed_relation.schema, identifier=seed_relation.identifier) -%}
        {%- if existing is not none -%}
            {%- set query -%}
                select {{ pattern_columns | join(', ') }} from {{ seed_relation }}
                where {{ pattern_column }} is not null
                order by {{ pattern_columns | join(', ') }}
            {%- endset -%}
            {%- set pattern_rows = run_query(query).rows -%}
        {%- endif -%}
    {%- endif -%}

    {%- if pattern_rows is not none and pattern_rows | length > 0 -%}
        {%- for row in pattern_rows %}
    select
        {%- for c in carry_columns %}
        {{ text_relation }}.{{ c }},
        {%- endfor %}
        {%- for c in pattern_columns %}
        {{ "'" ~ (row[c] | string | replace("'", "''")) ~ "'" if row[c] is not none else "cast(null as varchar)" }} as {{ c }},
        {%- endfor %}
        {%- set rx = word_match_regex_literal(row[pattern_column], case_insensitive) %}
        regexp_extract_all({{ text_relation }}.{{ text_column }}, {{ rx }}, 1) as prefixes,
        regexp_extract_all({{ text_relation }}.{{ text_column }}, {{ rx }}, 2) as hits
    from {{ text_relation }}
    where regexp_matches({{ text_relation }}.{{ text_column }}, {{ rx }})
            {%- if not loop.last %}
    union all
            {%- endif %}
        {%- endfor %}
    {%- else %}
    select
        {%- for c in carry_columns %}
        {{ text_relation }}.{{ c }},
        {%- endfor %}
        {%- for c in pattern_columns %}
        patterns.{{ c }},
        {%- endfor %}
        regexp_extract_all({{ text_relation }}.{{ text_column }}, patterns.pattern_regex, 1) as prefixes,
        regexp_extract_all({{ text_relation }}.{{ text_column }}, patterns.pattern_regex, 2) as hits
    from {{ text_relation }}
    inner join (
        select
            {{ pattern_columns | join(', ') }},
            {{ word_match_regex(pattern_column, 'true' if case_insensitive else 'false') }} as pattern_regex
        from {{ seed_relation }}
        where {{ pattern_column }} is not null
    ) as patterns
        on regexp_matches({{ text_relation }}.{{ text_column }}, patterns.pattern_regex)
    {%- endif %}
{%- endmacro %}
