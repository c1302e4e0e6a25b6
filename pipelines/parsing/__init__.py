"""Clause extraction for parliamentary resolutions and declarations (pure functions, no I/O).

``parse_bytes(data, source_file)`` returns one ``ParsedDocument`` per document in the file (a
compilation holds several) or raises ``UnreadableDocument`` naming the file and the reason.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from pipelines.lexicon import Lexicon, load_lexicon
from pipelines.parsing import docmeta, metadata
from pipelines.parsing.assemble import Assembler
from pipelines.parsing.binary import extract_binary
from pipelines.parsing.decode import DEFAULT_MAX_BYTES, decode_source
from pipelines.parsing.mapped import MappedText
from pipelines.parsing.markup import detect_format, to_plain
from pipelines.parsing.model import (
    Clause,
    DocumentMeta,
    ParsedDocument,
    ParseIssue,
    UnreadableDocument,
)
from pipelines.parsing.respace import is_space_poor, respace
from pipelines.parsing.segment import Line, Segmenter, explode_inline, split_lines
from pipelines.parsing.textclean import vocabulary_of

__all__ = ["parse_bytes", "parse_text", "slug", "ParsedDocument", "Clause", "ParseIssue", "UnreadableDocument",
           "DocumentMeta"]

OWN_SYMBOL_LINE = re.compile(r"^(?:[A-Z]{1,2}/)?(?:RES/)?[A-Z0-9]{1,5}(?:/[A-Z0-9.\-]{1,12}){1,4}(?:\s*\(\d{4}\))?$")
TOC_LINE = re.compile(r"(?:\.{4,}|…{2,}|\s{3,})\s*\d{1,4}\s*$")


def slug(name: str) -> str:
    """A safe document id from an untrusted file name: ASCII letters, digits and dashes."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name.rsplit("/", 1)[-1])
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_stem).strip("-")
    if not out:
        out = "doc-" + hashlib.sha256(stem.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return out[:120]


def parse_bytes(data: bytes, source_file: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                lexicon: Lexicon | None = None) -> list[ParsedDocument]:
    """Text, Markdown and HTML are decoded; PDF and Word files have their text extracted first."""
    sha = hashlib.sha256(data).hexdigest()
    extracted = extract_binary(data, source_file, max_bytes=max_bytes)
    if extracted is None:
        text, encoding, issues = decode_source(data, source_file, max_bytes=max_bytes)
        return parse_text(text, source_file, sha256=sha, encoding=encoding, pre_issues=issues, lexicon=lexicon)
    # the extracted text is plain text whatever it holds ("- ", "**" are not Markdown in a PDF)
    docs = parse_text(extracted.text, source_file, sha256=sha, encoding=extracted.source_format,
                      pre_issues=extracted.issues, lexicon=lexicon, fmt="text", notes=extracted.notes)
    for doc in docs:
        doc.document.source_format = extracted.source_format
        for c in doc.clauses:
            c.page_start = extracted.page_at(c.char_start)
            c.page_end = extracted.page_at(max(c.char_start, c.char_end - 1))
    return docs


def parse_text(text: str, source_file: str, *, sha256: str | None = None, encoding: str = "utf-8",
               pre_issues: list[ParseIssue] | None = None, lexicon: Lexicon | None = None,
               fmt: str | None = None, notes: list[tuple[int, int]] | None = None) -> list[ParsedDocument]:
    """``fmt`` overrides the format guessed from the name and text; ``notes`` are source spans of
    footnote lines that the layout of a PDF or Word file set apart (kept out of the clauses)."""
    lex = lexicon or load_lexicon()
    sha256 = sha256 or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    fmt = fmt or detect_format(source_file, text)
    note_starts = frozenset(start for start, _ in notes or ())
    plain, emphasis = to_plain(text, fmt)
    respaced = 0
    if is_space_poor(plain.text):
        plain, emphasis, respaced = respace(plain, emphasis)
    lines = explode_inline(split_lines(plain.text, 0, len(plain.text)))
    vocabulary = vocabulary_of(plain.text)
    segments = _document_segments(plain.text, lines, lex)
    docs: list[ParsedDocument] = []
    base_id = slug(source_file)
    for k, (header, body, toc) in enumerate(segments):
        doc = _parse_segment(text, plain, emphasis, header, body, lex, vocabulary, source_file, sha256, note_starts)
        if toc:
            s, e = plain.source_span(toc[0].start, toc[-1].end)
            doc.issues.insert(0, ParseIssue("table_of_contents", f"table of contents ({len(toc)} lines) skipped",
                                            s, e, severity="info"))
        doc.document.encoding = encoding
        doc.document.source_format = fmt
        if len(segments) > 1:
            part = f"{doc.document.doc_type}-{doc.document.number}" if doc.document.number else str(k + 1)
            doc.document.doc_id = f"{base_id}-{part}"
        else:
            doc.document.doc_id = base_id
        if k == 0:
            doc.issues[:0] = list(pre_issues or [])
            if respaced:
                doc.issues.insert(0, ParseIssue(
                    "respaced", f"the text has almost no spaces: {respaced} inserted between glued words",
                    doc.document.body_start, doc.document.body_end, severity="warning"))
        if doc.clauses:
            docs.append(doc)
    if not docs:
        raise UnreadableDocument(source_file, "no_clauses", "no clause found in the text",
                                 "check that this is a resolution or declaration with numbered or lead-verb clauses")
    _dedupe_ids(docs)
    return docs


def _dedupe_ids(docs: list[ParsedDocument]) -> None:
    seen: dict[str, int] = {}
    for d in docs:
        n = seen.get(d.document.doc_id, 0)
        seen[d.document.doc_id] = n + 1
        if n:
            d.document.doc_id = f"{d.document.doc_id}-{n + 1}"


def _document_segments(text: str, lines: list[Line | None], lex: Lexicon):
    """(header lines, body lines, table-of-contents lines) for each document in the file."""
    formulas = [i for i, line in enumerate(lines) if line is not None and metadata.is_opening_formula(line.text)]
    if not formulas:
        first = _first_clause_line(lines, lex)
        return [(lines[:first], lines[first:], [])]
    segments = []
    header_starts = [0] + [_header_start(lines, f) for f in formulas[1:]]
    for j, f in enumerate(formulas):
        body_end = header_starts[j + 1] if j + 1 < len(formulas) else len(lines)
        header = lines[header_starts[j]:f]
        toc: list[Line] = []
        if j == 0:
            toc = [x for x in header if x is not None and TOC_LINE.search(x.text)]
            if toc:
                last_toc = max(i for i, x in enumerate(header) if x is not None and TOC_LINE.search(x.text))
                header = header[last_toc + 1:]
        segments.append((header, lines[f:body_end], toc))
    return segments


def _header_start(lines: list[Line | None], formula: int) -> int:
    """Walk up from an opening formula over the next document's title block."""
    i = formula - 1
    start = formula
    while i >= 0:
        line = lines[i]
        if line is not None:
            t = line.text
            if metadata.is_footnote(t):
                i -= 1
                continue
            ends_clause = t.endswith((";", ".")) and not metadata.TYPE_NUMBER.search(t)
            if ends_clause or len(t) > 200:
                break
            start = i
        i -= 1
    return start


def _first_clause_line(lines: list[Line | None], lex: Lexicon) -> int:
    probe = Segmenter("", lex, lambda a, b: (a, b))
    for i, line in enumerate(lines):
        if line is None:
            continue
        t = re.sub(r"^[-–—•*+]\s+", "", line.text)
        if re.match(r"^\(?\d{1,3}[.)]?\s*[A-Z]", t):
            return i
        if probe._is_lead_start(t) and _ends_as_clause(lines, i):
            return i
    return 0


def _ends_as_clause(lines: list[Line | None], i: int) -> bool:
    """A paragraph that opens like a lead is a clause when it ends as clauses do (",", ";", ":", "."); a
    heading that opens with a participle ("Protecting the rights of migrants") has no such end."""
    j = i
    while j + 1 < len(lines) and lines[j + 1] is not None:
        j += 1
    return lines[j].text[-1] in ",;:." or lines[j].text.endswith(("…", ")"))


def _parse_segment(source: str, plain: MappedText, emphasis, header, body, lex, vocabulary, source_file, sha256,
                   note_starts: frozenset[int] = frozenset()):
    body_lines = body
    formula = None
    if body and body[0] is not None and metadata.is_opening_formula(body[0].text):
        formula = body[0].text
        body_lines = body[1:]
    # the document's own symbol as its heading prints it ("S/RES/2231 (2015)"): met again inside the body,
    # alone on a line, it is the page's running head, even when a page break shows it only once
    own_symbols = frozenset(x.text for x in header if x is not None and OWN_SYMBOL_LINE.match(x.text))
    seg = Segmenter(plain.text, lex, plain.line_span, note_starts, own_symbols)
    blocks = seg.run(body_lines)
    asm = Assembler(plain, emphasis, lex, vocabulary)
    clauses = asm.build(blocks)

    # a running header on the first page is repeated, word for word, on the later ones: not the title
    body_texts = {x.text for x in body if x is not None}
    head = docmeta.extract(source, plain, [x if x is None or x.text not in body_texts else None for x in header],
                           body, formula=formula, note_starts=note_starts)
    meta = DocumentMeta(doc_id="", source_file=source_file, sha256=sha256, opening_formula=formula)
    for key in ("doc_type", "number", "title", "adopted_on", "adopted_by", "session", "place", "issuing_body",
                "symbol", "number_as_printed", "meeting", "is_draft", "sources"):
        if key in head:
            setattr(meta, key, head[key])
    if meta.doc_type is None:
        m = re.search(r"\b(" + "|".join(metadata.DOC_TYPES) + r")\b", source_file, re.I)
        if m:
            meta.doc_type = m.group(1).lower()
    nonblank = [x for x in body if x is not None]
    if nonblank:
        meta.body_start, meta.body_end = plain.source_span(nonblank[0].start, nonblank[-1].end)
    issues = sorted(seg.issues + asm.issues, key=lambda i: (i.char_start, i.char_end))
    # every span indexes the whole decoded file, so that is the text the document carries
    return ParsedDocument(meta, clauses, issues, source_text=source)

