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

{#- The same regex without the leading group, for when only the first match is wanted: `hit` finds the
    first match itself (RE2's unanchored search is the lazy prefix), `rest` matches from it to the end
    of the text, so replacing its first match with '' leaves the text in front of the first match. -#}
{% macro word_match_regex_literal_hit(pattern, case_insensitive) -%}
    {{ "'" ~ ("(?s" ~ ("i" if case_insensitive else "") ~ ")\\b((?:" ~ pattern ~ "))\\b") | replace("'", "''") ~ "'" }}
{%- endmacro %}

{% macro word_match_regex_literal_rest(pattern, case_insensitive) -%}
    {{ "'" ~ ("(?s" ~ ("i" if case_insensitive else "") ~ ")\\b((?:" ~ pattern ~ "))\\b.*") | replace("'", "''") ~ "'" }}
{%- endmacro %}

{#- A select of every (text row, pattern row) pair where the pattern matches, carrying `carry_columns` of
    the text relation and `pattern_columns` of the pattern seed, plus two aligned lists: `prefixes` (text
    before each non-overlapping match) and `hits` (each match). With first_match_only the lists may hold
    only the first match (the join path below still returns them all).

    DuckDB compiles a regex once per query when it is a constant, but once per row when it comes from a
    column, which made a clauses x seed join cost ~50 us per pair (minutes for a few hundred documents).
    So when the seed table exists the patterns are read at run time and written into the SQL as
    constants; otherwise (compile without a database, or unit tests, which set var inline_seed_patterns:
    false so their fixture rows are used) the same matching runs as a join. Both paths build the regex
    the same way (macros above).

    The inline path does not try every pattern on every text: macros/regex_prefilter.sql derives from
    each pattern fragments one of which every match contains inside one space-delimited word of the
    text. The distinct words of the texts are checked against the fragments once, and a pattern is
    tried only on the texts holding one of its words (on every text when it has no fragment). The
    candidate (text, pattern) pairs are then matched in one pass, each pattern's constant regex picked
    by a CASE on the pattern number. -#}
{% macro seed_pattern_matches(text_relation, text_column, carry_columns, pattern_seed, pattern_columns, pattern_column, case_insensitive, first_match_only=false) -%}
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
        {%- set fragment_rows = [] -%}
        {%- set unfiltered = [] -%}
        {%- for row in pattern_rows -%}
            {%- set pattern_id = loop.index0 -%}
            {%- set fragments = required_fragments(row[pattern_column], case_insensitive) -%}
            {%- for fragment, fragment_ci in fragments -%}
                {%- do fragment_rows.append("(" ~ pattern_id ~ ", '" ~ (fragment | replace("'", "''")) ~ "', " ~ ('true' if fragment_ci else 'false') ~ ")") -%}
            {%- endfor -%}
            {%- if fragments | length == 0 -%}
                {%- do unfiltered.append(pattern_id) -%}
            {%- endif -%}
        {%- endfor %}
    select
        {%- for c in carry_columns %}
        matched.{{ c }},
        {%- endfor %}
        {%- for c in pattern_columns %}
        patterns.{{ c }},
        {%- endfor %}
        {%- if first_match_only %}
        [case matched.__pattern_id
            {%- for row in pattern_rows %}
            when {{ loop.index0 }} then regexp_replace(matched.__text, {{ word_match_regex_literal_rest(row[pattern_column], case_insensitive) }}, '')
            {%- endfor %}
        end] as prefixes,
        [case matched.__pattern_id
            {%- for row in pattern_rows %}
            when {{ loop.index0 }} then regexp_extract(matched.__text, {{ word_match_regex_literal_hit(row[pattern_column], case_insensitive) }}, 1)
            {%- endfor %}
        end] as hits
        {%- else %}
            {%- for group, name in [[1, 'prefixes'], [2, 'hits']] %}
        case matched.__pattern_id
            {%- for row in pattern_rows %}
            when {{ loop.index0 }} then regexp_extract_all(matched.__text, {{ word_match_regex_literal(row[pattern_column], case_insensitive) }}, {{ group }})
            {%- endfor %}
        end as {{ name }}{{ ',' if loop.first }}
            {%- endfor %}
        {%- endif %}
    from (
        with
        __texts as materialized (
            select
                row_number() over () as __text_id,
                {%- for c in carry_columns %}
                {{ text_relation }}.{{ c }},
                {%- endfor %}
                {{ text_relation }}.{{ text_column }} as __text
            from {{ text_relation }}
        ),
        __fragments (__pattern_id, __fragment, __case_insensitive) as (
            {%- if fragment_rows | length > 0 %}
            values {{ fragment_rows | join(', ') }}
            {%- else %}
            select -1, '', false where false
            {%- endif %}
        ),
        __word_patterns as (
            select distinct words.__word, __fragments.__pattern_id
            from (select distinct unnest(string_split(__text, ' ')) as __word from __texts) as words
            inner join __fragments
                on contains(case when __fragments.__case_insensitive then lower(words.__word) else words.__word end, __fragments.__fragment)
        ),
        __candidates as (
            select distinct text_words.__text_id, __word_patterns.__pattern_id
            from (select __text_id, unnest(string_split(__text, ' ')) as __word from __texts) as text_words
            inner join __word_patterns on text_words.__word = __word_patterns.__word
            {%- if unfiltered | length > 0 %}
            union all
            select __texts.__text_id, unfiltered.__pattern_id
            from __texts, (values ({{ unfiltered | join('), (') }})) as unfiltered (__pattern_id)
            {%- endif %}
        )
        select __texts.*, __candidates.__pattern_id
        from __candidates
        inner join __texts on __texts.__text_id = __candidates.__text_id
        where case __candidates.__pattern_id
            {%- for row in pattern_rows %}
            when {{ loop.index0 }} then regexp_matches(__texts.__text, {{ word_match_regex_literal(row[pattern_column], case_insensitive) }})
            {%- endfor %}
        end
    ) as matched
    inner join (
        values
        {%- for row in pattern_rows %}
        ({{ loop.index0 }}
            {%- for c in pattern_columns -%}
            , {{ "'" ~ (row[c] | string | replace("'", "''")) ~ "'" if row[c] is not none else "cast(null as varchar)" }}
            {%- endfor -%}
        ){{ ',' if not loop.last }}
        {%- endfor %}
    ) as patterns (__pattern_id, {{ pattern_columns | join(', ') }})
        on patterns.__pattern_id = matched.__pattern_id
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
