"""What the Great Expectations suites assert about the marts (pure data, no GE or Dagster import).

These cover what dbt tests do not: value ranges, reference and hash formats, row counts consistent with
the raw layer and span sanity. dbt owns keys (single and compound: unique, not_null,
unique_combination_of_columns), relationships and accepted values; nothing here repeats them.

Each suite gets ``scope``, an SQL condition on ``doc_id``: on the per-document marts, the documents this
build wrote (their other rows passed the same rules when they were written, as for their dbt tests);
``"true"`` elsewhere. The counts it compares with the raw layer cover the same documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pipelines import findings
from pipelines.findings.integrity import CLAUSE_REF_REGEX

SHA256_REGEX = r"^[0-9a-f]{64}$"


@dataclass(frozen=True)
class Rule:
    name: str  # short rule id shown in failures: "clause_ref_format"
    expectation: str  # GE expectation class name
    kwargs: dict = field(default_factory=dict)
    description: str = ""


def _count(con, table: str, scope: str, condition: str = "true") -> int | None:
    exists = con.execute(
        "select count(*) from information_schema.tables where table_schema = 'raw' and table_name = ?", [table]
    ).fetchone()[0]
    if not exists:
        return None
    return con.execute(f"select count(*) from raw.{table} where ({scope}) and ({condition})").fetchone()[0]


def _clause_ref_rule() -> Rule:
    return Rule("clause_ref_format", "ExpectColumnValuesToMatchRegex",
                {"column": "clause_ref", "regex": CLAUSE_REF_REGEX}, "references look like 12, 12.c, 12.1, pp3 or A")


def _span_rules() -> list[Rule]:
    return [
        Rule("span_start_non_negative", "ExpectColumnValuesToBeBetween",
             {"column": "char_start", "min_value": 0}, "char_start is an offset in the source text"),
        Rule("span_not_empty", "ExpectColumnPairValuesAToBeGreaterThanB",
             {"column_A": "char_end", "column_B": "char_start", "or_equal": False,
              "ignore_row_if": "either_value_is_missing"},
             "char_end is after char_start"),
    ]


def dim_documents(con, scope: str) -> list[Rule]:
    n = _count(con, "raw_documents", scope)
    # the ingest withholds values outside these ranges (pipelines/findings), so a value here is a bug
    earliest, latest = findings.plausible_adoption_range(date.today())
    return [
        Rule("rows_match_raw_documents", "ExpectTableRowCountToEqual", {"value": n},
             "one row per document loaded in raw.raw_documents"),
        Rule("sha256_format", "ExpectColumnValuesToMatchRegex", {"column": "sha256", "regex": SHA256_REGEX},
             "sha256 is 64 lowercase hex digits"),
        Rule("adopted_on_range", "ExpectColumnValuesToBeBetween",
             {"column": "adopted_on", "min_value": earliest, "max_value": latest},
             f"adoption date between {earliest} and a year from now"),
        Rule("number_range", "ExpectColumnValuesToBeBetween",
             {"column": "number", "min_value": findings.NUMBER_RANGE[0], "max_value": findings.NUMBER_RANGE[1]},
             "document numbers are positive"),
        Rule("title_length", "ExpectColumnValueLengthsToBeBetween",
             {"column": "title", "min_value": findings.TITLE_LENGTH[0], "max_value": findings.TITLE_LENGTH[1]},
             "titles are text, not a fragment or a whole page"),
    ]


def fct_clauses(con, scope: str) -> list[Rule]:
    n = _count(con, "raw_clauses", scope)
    return [
        Rule("rows_match_raw_clauses", "ExpectTableRowCountToEqual", {"value": n},
             "one row per clause loaded in raw.raw_clauses"),
        _clause_ref_rule(),
        Rule("ordinal_positive", "ExpectColumnValuesToBeBetween", {"column": "ordinal", "min_value": 1}),
        Rule("text_not_empty", "ExpectColumnValueLengthsToBeBetween", {"column": "text", "min_value": 1},
             "every clause has text"),
        *_span_rules(),
    ]


def fct_commitments(con, scope: str) -> list[Rule]:
    calls = _count(con, "raw_clauses", scope, "kind in ('operative', 'sub_operative')")
    return [
        Rule("rows_within_operative_clauses", "ExpectTableRowCountToBeBetween",
             {"min_value": 0, "max_value": calls},
             "at most one commitment per operative or sub-operative clause"),
        Rule("commitment_text_not_empty", "ExpectColumnValueLengthsToBeBetween",
             {"column": "commitment_text", "min_value": 1}),
    ]


def fct_targets(con, scope: str) -> list[Rule]:
    n = _count(con, "raw_targets", scope)
    kind = "target_kind"
    return [
        Rule("rows_match_raw_targets", "ExpectTableRowCountToEqual", {"value": n},
             "one row per target loaded in raw.raw_targets"),
        Rule("target_unique", "ExpectCompoundColumnsToBeUnique",
             {"column_list": ["doc_id", "clause_ref", "char_start", "char_end", kind]},
             "a span is one target of one kind"),
        Rule("share_of_gdp_range", "ExpectColumnValuesToBeBetween",
             {"column": "value", "min_value": 0, "max_value": 1000,
              "row_condition": f'{kind}=="share_of_gdp"', "condition_parser": "pandas"},
             "a share of GDP is a percentage (public debt can exceed 100% of GDP; 1000% is a misreading)"),
        Rule("percent_change_range", "ExpectColumnValuesToBeBetween",
             {"column": "value", "min_value": -100, "max_value": 10000,
              "row_condition": f'{kind}=="percent_change"', "condition_parser": "pandas"}),
        Rule("money_positive", "ExpectColumnValuesToBeBetween",
             {"column": "value", "min_value": 0, "max_value": 1e15,
              "row_condition": f'{kind}=="money"', "condition_parser": "pandas"},
             "amounts are positive and below a quadrillion"),
        Rule("year_range", "ExpectColumnValuesToBeBetween",
             {"column": "value", "min_value": 1900, "max_value": 2200,
              "row_condition": f'{kind}=="year" or {kind}=="range"', "condition_parser": "pandas"},
             "years and ranges (of years: other ranges keep their own kind) are years of the modern era"),
        Rule("percentage_range", "ExpectColumnValuesToBeBetween",
             {"column": "value", "min_value": 0, "max_value": 1000,
              "row_condition": f'{kind}=="percentage"', "condition_parser": "pandas"},
             "a share of something is a percentage (some shares exceed 100%; 1000% is a misreading)"),
        Rule("count_and_quantity_positive", "ExpectColumnValuesToBeBetween",
             {"column": "value", "min_value": 0, "strict_min": True,
              "row_condition": f'{kind}=="count" or {kind}=="quantity"', "condition_parser": "pandas"},
             "a count or a quantity is above zero"),
        _clause_ref_rule(),
        *_span_rules(),
    ]


def fct_topics(con, scope: str) -> list[Rule]:
    return [
        Rule("match_start_non_negative", "ExpectColumnValuesToBeBetween", {"column": "match_start", "min_value": 0},
             "the matched phrase starts inside its clause's text"),
    ]


def fct_entity_mentions(con, scope: str) -> list[Rule]:
    return [
        _clause_ref_rule(),
        Rule("mention_text_not_empty", "ExpectColumnValueLengthsToBeBetween",
             {"column": "mention_text", "min_value": 1}),
    ]


SUITES = {
    "dim_documents": dim_documents,
    "fct_clauses": fct_clauses,
    "fct_commitments": fct_commitments,
    "fct_targets": fct_targets,
    "fct_topics": fct_topics,
    "fct_entity_mentions": fct_entity_mentions,
}

# Columns that name the row in a failure report, when the mart has them.
ROW_ID_COLUMNS = ("doc_id", "clause_ref")
