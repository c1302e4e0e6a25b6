"""How much of a document's body its clauses account for, so text is never lost silently.

Definition:
  body      = source characters [body_start, body_end) of the document, taken from the start of its first
              clause (what precedes it is the opening formula, and the parser reports other text there);
  excluded  = spans of parse issues that belong to no clause: text the parser set aside and said so
              (footnotes, running heads, adoption lines). They are neither covered nor missing. Issues
              about a clause span that clause and do not excuse its loss;
  covered   = letters and digits inside at least one clause span;
  missing   = letters and digits in the gaps between clause and issue spans, less the marker of the
              clause that follows the gap ("18.", "c)").
Letters and digits are counted outside HTML tags and character entities, so whitespace, bullets,
emphasis and markup never count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.parsing.model import ParsedDocument

_MARKUP = re.compile(r"<[^>]*>|&#?[A-Za-z0-9]+;")
# Everything but a letter or digit, in runs: what is left after removing them is the letters and digits
# ([^\W_]), counted by the length of one string rather than a list of one-character matches
_NOT_WORD_CHARS = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Coverage:
    share: float  # covered / (covered + missing); 0 when nothing is countable
    missing: int
    worst_gap: int  # letters and digits in the largest gap
    worst_gap_near: str | None  # the clause after that gap (before it, at the end of the body)
    worst_gap_span: tuple[int, int] | None


def _count(text: str, drop: str | None = None) -> int:
    """Letters and digits of ``text`` outside markup, less the first occurrence of ``drop``."""
    plain = _MARKUP.sub("", text)
    if drop:
        plain = plain.replace(drop, "", 1)
    return len(_NOT_WORD_CHARS.sub("", plain))


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for s, e in sorted(intervals):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def body_coverage(doc: ParsedDocument) -> Coverage:
    text = doc.source_text
    clauses = [c for c in doc.clauses if c.char_end > c.char_start]
    if not clauses:
        return Coverage(0.0, 0, 0, None, None)
    body_start = max(doc.document.body_start, min(c.char_start for c in clauses))
    body_end = doc.document.body_end

    def clip(s: int, e: int) -> tuple[int, int] | None:
        s, e = max(s, body_start), min(e, body_end)
        return (s, e) if e > s else None

    clause_spans = [span for c in clauses if (span := clip(c.char_start, c.char_end))]
    set_aside = [span for i in doc.issues
                 if i.clause_ref is None and i.char_end > i.char_start and (span := clip(i.char_start, i.char_end))]
    covered = sum(_count(text[s:e]) for s, e in _merge(clause_spans))

    accounted = _merge(clause_spans + set_aside)
    gaps = []
    cursor = body_start
    for s, e in accounted:
        if s > cursor:
            gaps.append((cursor, s))
        cursor = max(cursor, e)
    if accounted and body_end > cursor:
        gaps.append((cursor, body_end))

    missing = 0
    worst = (0, None, None)
    for s, e in gaps:
        after = [c for c in clauses if c.char_start >= e]
        near = (min(after, key=lambda c: c.char_start) if after
                else max((c for c in clauses if c.char_end <= s), key=lambda c: c.char_end, default=None))
        marker = next((c.marker_as_written for c in clauses if c.char_start == e and c.marker_as_written), None)
        n = _count(text[s:e], marker)
        missing += n
        if n > worst[0]:
            worst = (n, near.ref if near else None, (s, e))
    total = covered + missing
    return Coverage(covered / total if total else 0.0, missing, worst[0], worst[1], worst[2])
