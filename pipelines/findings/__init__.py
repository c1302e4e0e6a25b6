"""Document expectations: what a well-formed resolution or declaration looks like, checked per document.

A real corpus holds excerpts, texts whose only operative paragraph is unnumbered, OCR-damaged markers and
files cut off mid-clause. None of that makes the warehouse wrong, so these expectations never block a
build: each one that a document misses is a *finding* about that document (``raw_document_findings``,
``fct_document_findings``), and the worst finding gives the document's ``quality_status``. Warehouse
invariants (keys, relationships, spans, row counts, accepted values) stay blocking dbt tests and Great
Expectations suites; nothing here repeats them.

Severities, from mild to grave (the policy is documented in docs/architecture.md, "Document quality"):

- ``info``: metadata the text does not print or the parser did not find (title, date, number);
- ``warning``: the structure breaks a convention of the genre (numbering gap, lettering gap, no operative
  part, an adoption date outside the plausible range, a truncated text, a few characters in no clause);
- ``suspect``: the clauses may misrepresent the text (a tenth of the body or more in no clause);
- ``held_back``: most of the body is in no clause, so its facts would say what the text does not; or
  its clauses break the shape the warehouse requires (``integrity``). The document is quarantined with
  the finding as its reason instead of being published.

This package is pure: it reads a ``ParsedDocument`` and returns findings, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pipelines.findings.coverage import body_coverage
from pipelines.findings.integrity import parse_defects
from pipelines.findings.structure import lettering_breaks, numbering_breaks
from pipelines.parsing.dates import is_calendar_date
from pipelines.parsing.model import ParsedDocument

SEVERITIES = ("info", "warning", "suspect", "held_back")
# quality_status of a published document, by its worst finding; held_back documents are not published
STATUS_BY_SEVERITY = {None: "ok", "info": "ok", "warning": "warnings", "suspect": "suspect"}
QUALITY_STATUSES = ("ok", "warnings", "suspect")

# Body coverage below which a document is flagged, suspect, held back (share of letters and digits of the
# body that lie in a clause or in text the parser set aside and reported).
COVERAGE_WARNING = 0.99
COVERAGE_SUSPECT = 0.90
COVERAGE_HELD_BACK = 0.50

# The plausible adoption dates: no text of the genre predates the United Nations Charter, and none is
# adopted more than a year from now. A date outside the range is a misreading or a typo: it is withheld
# from dim_documents (so lineage does not order by it) and reported.
EARLIEST_ADOPTION = date(1945, 1, 1)
LATEST_ADOPTION_AHEAD = timedelta(days=366)
NUMBER_RANGE = (1, 100000)
TITLE_LENGTH = (3, 1000)  # shorter is a fragment, longer a whole page taken for a title

CHECKS = {
    "parse_defect": "the clauses break the shape the warehouse requires (a parser fault on an unusual text)",
    "no_operative_clause": "the document has no operative clause (an excerpt, or a preamble only)",
    "numbering_not_contiguous": "top-level clause numbers skip or repeat",
    "lettering_not_contiguous": "sub-clause letters skip or repeat",
    "body_coverage": "part of the body is in no clause",
    "truncated": "the text ends inside a clause",
    "adoption_date_implausible": "the adoption date found is outside the plausible range",
    "number_implausible": "the document number found is outside the plausible range",
    "title_implausible": "the title found is too short or too long to be a title",
    "title_missing": "no title found",
    "adoption_date_missing": "no adoption date found",
    "number_missing": "no document number found",
}


@dataclass(frozen=True)
class Finding:
    check_name: str
    severity: str
    message: str
    clause_ref: str | None = None
    char_start: int | None = None
    char_end: int | None = None


def plausible_adoption_range(today: date) -> tuple[date, date]:
    return EARLIEST_ADOPTION, today + LATEST_ADOPTION_AHEAD


def implausible_metadata(doc: ParsedDocument, today: date) -> list[tuple[str, Finding]]:
    """``(field, finding)`` for each metadata value outside what the genre prints: such a value is a
    misreading or a typo, and it is withheld from the document (``withhold``) so that it neither orders
    lineage nor reaches dim_documents; the finding keeps what was read."""
    meta = doc.document
    body = (meta.body_start, meta.body_end)
    out = []
    if meta.adopted_on:
        earliest, latest = plausible_adoption_range(today)
        if not is_calendar_date(meta.adopted_on):
            out.append(("adopted_on", Finding(
                "adoption_date_implausible", "warning",
                f"adoption date {meta.adopted_on} as printed is no calendar date: withheld", None, *body)))
        elif not earliest.isoformat() <= meta.adopted_on <= latest.isoformat():
            out.append(("adopted_on", Finding(
                "adoption_date_implausible", "warning",
                f"adoption date {meta.adopted_on} is outside {earliest} .. {latest}: withheld", None, *body)))
    if meta.number is not None and not NUMBER_RANGE[0] <= meta.number <= NUMBER_RANGE[1]:
        out.append(("number", Finding(
            "number_implausible", "warning",
            f"document number {meta.number} is outside {NUMBER_RANGE[0]} .. {NUMBER_RANGE[1]}: withheld", None, *body)))
    if meta.title is not None and not TITLE_LENGTH[0] <= len(meta.title) <= TITLE_LENGTH[1]:
        out.append(("title", Finding(
            "title_implausible", "warning",
            f"a title of {len(meta.title)} characters is not a title (outside {TITLE_LENGTH[0]} .. "
            f"{TITLE_LENGTH[1]}): withheld", None, *body)))
    return out


def withhold(doc: ParsedDocument, fields: list[str]) -> None:
    for field_name in fields:
        setattr(doc.document, field_name, None)


def review(doc: ParsedDocument, today: date) -> list[Finding]:
    """Every document expectation ``doc`` misses, in a stable order."""
    meta = doc.document
    body = (meta.body_start, meta.body_end)
    found: list[Finding] = []

    for defect in parse_defects(doc):
        found.append(Finding("parse_defect", "held_back", defect, None, *body))
    if not any(c.kind == "operative" for c in doc.clauses):
        found.append(Finding("no_operative_clause", "warning",
                             f"none of the {len(doc.clauses)} clauses is operative: an excerpt, or an operative "
                             "paragraph read as preamble", None, *body))
    for ref, detail in numbering_breaks(doc.clauses):
        found.append(Finding("numbering_not_contiguous", "warning", detail, ref, *_span_of(doc, ref)))
    for ref, detail in lettering_breaks(doc.clauses):
        found.append(Finding("lettering_not_contiguous", "warning", detail, ref, *_span_of(doc, ref)))

    coverage = body_coverage(doc)
    if coverage.share < COVERAGE_WARNING:
        severity = ("held_back" if coverage.share < COVERAGE_HELD_BACK
                    else "suspect" if coverage.share < COVERAGE_SUSPECT else "warning")
        found.append(Finding(
            "body_coverage", severity,
            f"clauses cover {100 * coverage.share:.1f}% of the body ({coverage.missing} letters and digits in "
            f"no clause; largest gap {coverage.worst_gap} near clause {coverage.worst_gap_near or '?'})",
            coverage.worst_gap_near, *(coverage.worst_gap_span or body)))

    truncated = next((c for c in doc.clauses if c.is_truncated), None)
    if truncated is not None:
        found.append(Finding("truncated", "warning",
                             f"the text ends inside clause {truncated.ref}: an excerpt or a cut-off file",
                             truncated.ref, truncated.char_start, truncated.char_end))

    found.extend(finding for _, finding in implausible_metadata(doc, today))
    if not meta.adopted_on:
        found.append(Finding("adoption_date_missing", "info", "no adoption date found in the text", None, *body))
    if not meta.title:
        found.append(Finding("title_missing", "info", "no title found in the text", None, *body))
    if meta.number is None:
        found.append(Finding("number_missing", "info", "no document number found in the text", None, *body))
    return found


def worst_severity(findings: list[Finding]) -> str | None:
    ranks = [SEVERITIES.index(f.severity) for f in findings]
    return SEVERITIES[max(ranks)] if ranks else None


def is_held_back(findings: list[Finding]) -> bool:
    return worst_severity(findings) == "held_back"


def _span_of(doc: ParsedDocument, ref: str) -> tuple[int | None, int | None]:
    clause = next((c for c in doc.clauses if c.ref == ref), None)
    return (clause.char_start, clause.char_end) if clause else (None, None)
