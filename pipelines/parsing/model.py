"""Plain data types the parser returns. No logic beyond small conveniences, no I/O."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field


class UnreadableDocument(Exception):
    """Raised when a file cannot be read as a document at all (empty, binary, too large, no clause).

    ``reason`` is a short machine-friendly key ("empty", "binary", "undecodable", "too_large",
    "no_clauses", and for PDF "scanned_pdf", "encrypted_pdf", "damaged_pdf", for Word "damaged_docx"),
    ``hint`` says what the user can do about it.
    """

    def __init__(self, source_file: str, reason: str, message: str, hint: str = ""):
        super().__init__(f"{source_file}: {message}")
        self.source_file = source_file
        self.reason = reason
        self.message = message
        self.hint = hint


@dataclass
class ParseIssue:
    kind: str
    message: str
    char_start: int
    char_end: int
    clause_ref: str | None = None
    severity: str = "warning"  # "info" | "warning" | "error"

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "message": self.message,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "clause_ref": self.clause_ref,
            "severity": self.severity,
        }


@dataclass
class Clause:
    ref: str
    kind: str  # preambular | operative | sub_operative
    text: str
    char_start: int
    char_end: int
    parent_ref: str | None = None
    marker_as_written: str | None = None
    letter_inferred: bool | None = None
    lead_phrase: str | None = None
    lemma: str | None = None
    intensifier: str | None = None
    secondary_leads: list[str] = field(default_factory=list)
    secondary_lemmas: list[str] = field(default_factory=list)
    addressee: str | None = None
    lead_verb: str | None = None
    lead_in_lexicon: bool | None = None
    is_truncated: bool = False
    # 1-based pages of a PDF that the span covers (None for input without pages)
    page_start: int | None = None
    page_end: int | None = None
    # Source offset of every character of ``text`` (same length as ``text``): lets extractors that
    # work on the clean text report spans in the decoded source. Not serialised.
    text_origin: array = field(default_factory=lambda: array("i"), repr=False, compare=False)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of ``text`` to the decoded source text."""
        if not len(self.text_origin) or start >= end:
            return self.char_start, self.char_end
        start = max(0, min(start, len(self.text_origin) - 1))
        last = max(start, min(end, len(self.text_origin)) - 1)
        return self.text_origin[start], self.text_origin[last] + 1

    def as_dict(self) -> dict:
        return {
            "ref": self.ref,
            "kind": self.kind,
            "parent_ref": self.parent_ref,
            "marker_as_written": self.marker_as_written,
            "letter_inferred": self.letter_inferred,
            "lead_phrase": self.lead_phrase,
            "lemma": self.lemma,
            "intensifier": self.intensifier,
            "secondary_leads": list(self.secondary_leads),
            "addressee": self.addressee,
            "lead_verb": self.lead_verb,
            "text": self.text,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "is_truncated": self.is_truncated,
            "page_start": self.page_start,
            "page_end": self.page_end,
        }


@dataclass
class MetaValue:
    """One metadata value as read, with the span of the text it was read from (decoded source offsets)."""
    field: str  # issuing_body, symbol, number_as_printed, number, title, adopted_on, meeting, ...
    value: str
    char_start: int
    char_end: int


@dataclass
class DocumentMeta:
    doc_id: str
    source_file: str
    sha256: str
    doc_type: str | None = None
    number: int | None = None
    title: str | None = None
    adopted_on: str | None = None  # ISO date
    adopted_by: str | None = None
    session: str | None = None
    place: str | None = None
    opening_formula: str | None = None  # "The Assembly,", "The General Assembly,", ...
    issuing_body: str | None = None  # one name per body: "UN Security Council", "NATO Parliamentary Assembly"
    symbol: str | None = None  # "S/RES/2231 (2015)", "A/RES/80/10"
    number_as_printed: str | None = None  # "80/10", "2231", "494"; ``number`` is its numeric part
    meeting: str | None = None  # "3157th meeting", "51st plenary meeting", "5th sitting"
    is_draft: bool = False
    # where each value was read (not serialised with the document; raw_document_metadata holds them)
    sources: list[MetaValue] = field(default_factory=list, repr=False)
    encoding: str = "utf-8"
    source_format: str = "text"  # text | markdown | html | pdf | docx
    body_start: int = 0
    body_end: int = 0

    def as_dict(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "source_file": self.source_file,
            "sha256": self.sha256,
            "doc_type": self.doc_type,
            "number": self.number,
            "title": self.title,
            "adopted_on": self.adopted_on,
            "adopted_by": self.adopted_by,
            "session": self.session,
            "place": self.place,
            "issuing_body": self.issuing_body,
            "symbol": self.symbol,
            "number_as_printed": self.number_as_printed,
            "meeting": self.meeting,
            "is_draft": self.is_draft,
        }


@dataclass
class ParsedDocument:
    document: DocumentMeta
    clauses: list[Clause]
    issues: list[ParseIssue]
    # the whole decoded file that every char_start/char_end indexes (shared by the documents of a compilation)
    source_text: str = field(default="", repr=False)

    def as_dict(self) -> dict:
        meta = self.document.as_dict()
        meta.update(
            opening_formula=self.document.opening_formula,
            encoding=self.document.encoding,
            source_format=self.document.source_format,
            body_start=self.document.body_start,
            body_end=self.document.body_end,
            metadata_sources=[{"field": v.field, "value": v.value, "char_start": v.char_start,
                               "char_end": v.char_end} for v in self.document.sources],
        )
        return {
            "document": meta,
            "clauses": [c.as_dict() for c in self.clauses],
            "issues": [i.as_dict() for i in self.issues],
        }
