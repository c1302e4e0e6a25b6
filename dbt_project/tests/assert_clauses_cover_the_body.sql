{#-
Genre rule: the clauses account for (nearly) all of a document's body, so text is not silently lost.

Definition (agreed with the parser's contract, docs/architecture.md):
  body      = source characters [body_start, body_end) of raw_documents (0-based, decoded text);
  excluded  = spans of parse issues that belong to no clause (clause_ref null): text the parser
              skipped and said so (footnotes, separators, running heads, a table of contents, text
              before the first clause). They are neither covered nor missing. Issues about a clause
              (an inferred letter, a doubled apostrophe) span that clause and must not excuse its loss;
  covered   = characters inside at least one clause span;
  missing   = characters in the gaps between clause and issue spans, less the marker of the clause
              that follows the gap ("18.", "c)").
  The body is taken from the start of its first clause: what precedes it is the opening formula ("The
  Assembly,"), and the parser reports any other text there as an `unassigned_text` issue.
  coverage  = covered / (covered + missing) >= var('min_body_coverage') (0.99).
When raw_documents carries the decoded `source_text`, characters are counted as letters and digits
outside HTML tags and entities, so whitespace, list bullets, markdown emphasis and markup never count.
Without it only span lengths are known: a gap then counts as layout (not missing) up to the length of
the next marker plus var('layout_slack_chars')[source_format] characters of line breaks, bullets,
emphasis or tags (`</p>\n<p class="sub">` between two HTML paragraphs).
One failing row per document, naming the clause next to its largest missing gap.
Checked on the documents this build (re)loaded (raw.build_scope: all of them on a full build); the
others passed when they were loaded and have not changed.
-#}
{%- set has_source_text = false -%}
{%- if execute -%}
    {%- set raw_columns = adapter.get_columns_in_relation(source('raw', 'raw_documents')) | map(attribute='name') | map('lower') | list -%}
    {%- set has_source_text = 'source_text' in raw_columns -%}
{%- endif %}

with

first_clauses as (

    select doc_id, min(char_start) as first_clause_start
    from {{ ref('fct_clauses') }}
    where {{ in_build_scope() }}
    group by doc_id

),

documents as (

    select
        raw_documents.doc_id,
        greatest(raw_documents.body_start, coalesce(first_clauses.first_clause_start, raw_documents.body_start))
            as body_start,
        raw_documents.body_end,
        raw_documents.source_format,
        {% if has_source_text %}raw_documents.source_text{% else %}cast(null as varchar) as source_text{% endif %}
    from {{ source('raw', 'raw_documents') }} as raw_documents
    left join first_clauses on raw_documents.doc_id = first_clauses.doc_id
    where {{ in_build_scope('raw_documents.doc_id') }}

),

clauses as (

    select doc_id, clause_ref, ordinal, marker_as_written, char_start, char_end
    from {{ ref('fct_clauses') }}
    where {{ in_build_scope() }}

),

issues as (

    select doc_id, char_start, char_end
    from {{ ref('stg_parse_issues') }}
    where clause_ref is null
        and char_start is not null
        and char_end > char_start

),

-- clipped to the body: what lies outside it (title, footer) is not the clauses' business
clause_intervals as (

    select clauses.doc_id, greatest(clauses.char_start, body_start) as s, least(clauses.char_end, body_end) as e
    from clauses
    inner join documents on clauses.doc_id = documents.doc_id
    where clauses.char_end > clauses.char_start

),

accounted_intervals as (

    select doc_id, s, e from clause_intervals
    union all
    select issues.doc_id, greatest(issues.char_start, body_start), least(issues.char_end, body_end)
    from issues
    inner join documents on issues.doc_id = documents.doc_id

),

{{ merge_intervals('clause_intervals', 'merged_clauses') }},

{{ merge_intervals('accounted_intervals', 'merged_accounted') }},

gaps as (

    select
        merged_accounted.doc_id,
        coalesce(
            lag(merged_accounted.e) over (partition by merged_accounted.doc_id order by merged_accounted.s),
            documents.body_start
        ) as s,
        merged_accounted.s as e
    from merged_accounted
    inner join documents on merged_accounted.doc_id = documents.doc_id

    union all

    select documents.doc_id, max(merged_accounted.e), max(documents.body_end)
    from documents
    inner join merged_accounted on documents.doc_id = merged_accounted.doc_id
    group by documents.doc_id

),

gaps_with_next_clause as (

    select
        gaps.doc_id,
        gaps.s,
        gaps.e,
        -- the clause after the gap names it (the one before, at the end of the body); the marker of the
        -- next clause is layout only when that clause starts right at the end of the gap
        coalesce(
            arg_min(clauses.clause_ref, clauses.char_start) filter (where clauses.char_start >= gaps.e),
            arg_max(clauses.clause_ref, clauses.char_end) filter (where clauses.char_end <= gaps.s)
        ) as next_clause_ref,
        max(clauses.marker_as_written) filter (where clauses.char_start = gaps.e) as next_marker
    from gaps
    left join clauses
        on gaps.doc_id = clauses.doc_id
    where gaps.e > gaps.s
    group by gaps.doc_id, gaps.s, gaps.e

),

{% if has_source_text %}
measured_gaps as (

    select
        gaps.doc_id,
        gaps.next_clause_ref,
        length(regexp_replace(
            regexp_replace(
                {{ without_markup("substr(documents.source_text, cast(gaps.s + 1 as bigint), cast(gaps.e - gaps.s as bigint))") }},
                regexp_escape(coalesce(gaps.next_marker, '')), ''
            ),
            '[^\pL\pN]', '', 'g'
        )) as missing_chars
    from gaps_with_next_clause as gaps
    inner join documents on gaps.doc_id = documents.doc_id

),

covered as (

    select
        merged_clauses.doc_id,
        sum(length(regexp_replace(
            {{ without_markup("substr(documents.source_text, cast(merged_clauses.s + 1 as bigint), cast(merged_clauses.e - merged_clauses.s as bigint))") }},
            '[^\pL\pN]', '', 'g'
        ))) as covered_chars
    from merged_clauses
    inner join documents on merged_clauses.doc_id = documents.doc_id
    group by merged_clauses.doc_id

),
{% else %}
measured_gaps as (

    select
        gaps.doc_id,
        gaps.next_clause_ref,
        greatest(
            gaps.e - gaps.s
            - length(coalesce(gaps.next_marker, ''))
            - case documents.source_format
                {%- for fmt, slack in var('layout_slack_chars').items() if fmt != 'default' %}
                when '{{ fmt }}' then {{ slack }}
                {%- endfor %}
                else {{ var('layout_slack_chars')['default'] }}
            end,
            0
        ) as missing_chars
    from gaps_with_next_clause as gaps
    inner join documents on gaps.doc_id = documents.doc_id

),

covered as (

    select doc_id, sum(e - s) as covered_chars
    from merged_clauses
    group by doc_id

),
{% endif %}

per_document as (

    select
        documents.doc_id,
        coalesce(covered.covered_chars, 0) as covered_chars,
        coalesce(sum(measured_gaps.missing_chars), 0) as missing_chars,
        arg_max(measured_gaps.next_clause_ref, measured_gaps.missing_chars)
            filter (where measured_gaps.missing_chars > 0) as worst_gap_near,
        max(measured_gaps.missing_chars) as worst_gap_chars
    from documents
    left join covered on documents.doc_id = covered.doc_id
    left join measured_gaps on documents.doc_id = measured_gaps.doc_id
    group by documents.doc_id, covered.covered_chars

)

select
    doc_id,
    worst_gap_near as clause_ref,
    'clauses_cover_the_body' as rule,
    'clauses cover ' || round(100.0 * covered_chars / nullif(covered_chars + missing_chars, 0), 2)
        || '% of the body (' || missing_chars || ' characters missing; largest gap: '
        || coalesce(worst_gap_chars, 0) || ' near clause ' || coalesce(worst_gap_near, '?') || ')'
        as detail
from per_document
where covered_chars + missing_chars = 0
    or covered_chars < {{ var('min_body_coverage') }} * (covered_chars + missing_chars)
