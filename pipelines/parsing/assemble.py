"""Blocks to clauses: refs, kinds, leads, letters, clean text and the issues found on the way."""

from __future__ import annotations

import bisect
import re
from array import array
from functools import lru_cache

from pipelines.lexicon import Lexicon
from pipelines.parsing import leads, textclean
from pipelines.parsing.letters import assign_letters
from pipelines.parsing.mapped import MappedText
from pipelines.parsing.model import Clause, ParseIssue
from pipelines.parsing.segment import Block

TERMINAL = tuple(".;:!?)\"”’»")
LOST_SUPERSCRIPT = re.compile(r"\bthe (\d{1,3}) (?=(?:member|Ally|ally|state|State|country|nation|signatory)\b)")
# Every LOST_SUPERSCRIPT match contains "the " and a digit; this literal-led pattern finds such a place
# far faster than the \b-led one, which the engine must try at every position.
_THE_NUMBER = re.compile(r"the \d")


def _lost_superscripts(text: str):
    return LOST_SUPERSCRIPT.finditer(text) if _THE_NUMBER.search(text) else ()


class Assembler:
    def __init__(self, plain: MappedText, emphasis: list[tuple[int, int]], lex: Lexicon, vocabulary: set[str]):
        self.plain = plain
        self.lex = lex
        self.vocabulary = vocabulary
        # emphasis in source offsets, for lookups from clause text origins
        spans = sorted(plain.source_span(a, b) for a, b in emphasis)
        self._emph_starts = [a for a, _ in spans]
        self._emph_ends = [b for _, b in spans]
        self.issues: list[ParseIssue] = []
        # the document's words plus the lexicon's, which count as seen twice (real words)
        self._known_words = textclean.KnownWords(vocabulary, _lexicon_words(lex))

    def issue(self, kind, message, start, end, ref=None, severity="warning"):
        self.issues.append(ParseIssue(kind, message, start, end, ref, severity))

    def _emphasised(self, origin: array):
        def check(offset: int) -> bool:
            src = origin[offset]
            i = bisect.bisect_right(self._emph_starts, src) - 1
            return i >= 0 and self._emph_starts[i] <= src < self._emph_ends[i]
        return check if self._emph_starts else None

    # -- text --------------------------------------------------------------------------------------
    def clean_text(self, block: Block, ref: str) -> tuple[str, array]:
        text, origin = textclean.join_lines(self.plain.text, self.plain.origin, block.pieces, self._known_words)
        text, origin = textclean.collapse_whitespace(text, origin)
        text, origin, repairs = textclean.repair_mojibake(text, origin)
        for s, e, old, new in repairs:
            self.issue("mojibake", f"repaired mis-decoded text {old!r} -> {new!r}", s, e, ref)
        text, origin, doubled = textclean.collapse_doubled_apostrophes(text, origin)
        if doubled:
            self.issue("doubled_apostrophe", f"{doubled} doubled apostrophe(s) reduced to one",
                       origin[0], origin[-1] + 1, ref, "info")
        text, origin, displaced = textclean.drop_displaced_markers(text, origin)
        for number in displaced:
            self.issue("displaced_marker", f"clause number {number}. displaced into the text, removed from it",
                       origin[0], origin[-1] + 1, ref, "info")
        text, origin, joined = textclean.join_ocr_splits(text, origin, self._known_words)
        for piece in joined:
            self.issue("ocr_split", f"word split by text extraction joined: {piece!r}", origin[0], origin[-1] + 1,
                       ref, "info")
        return text, origin


    # -- clauses -----------------------------------------------------------------------------------
    def build(self, blocks: list[Block]) -> list[Clause]:
        clauses: list[Clause] = []
        numbered = any(b.number is not None for b in blocks)
        seen_refs: set[str] = set()
        unnumbered = 0
        prev_number = 0
        for position, block in enumerate(blocks, start=1):
            span = self._span(block)
            if block.number is not None:
                if block.number != prev_number + 1:
                    what = "repeats" if block.number <= prev_number else "skips"
                    self.issue("numbering", f"numbering {what} from {prev_number} to {block.number}", *span,
                               str(block.number))
                prev_number = block.number
                ref = str(block.number)
                if block.marker and block.marker.endswith(","):
                    self.issue("marker", f"marker {block.marker!r} has a comma for a full stop", *span, ref, "info")
            elif block.style in ("recital", "decimal"):
                ref = block.letter  # "A" (EP recital), "1.2" (a declaration's numbered paragraph)
            elif numbered:
                unnumbered += 1
                ref = f"pp{unnumbered}"
            else:
                ref = str(position)
                if position == 1:
                    self.issue("numbering", "clauses are not numbered; refs inferred from position", *span, ref,
                               "info")
            ref = self._unique(ref, seen_refs, span)
            text, origin = self.clean_text(block, ref)
            clause = self._top_clause(block, ref, text, origin, span)
            clauses.append(clause)
            children = self._children(block, clause)
            clauses.extend(children)
        self._flag_truncation(clauses)
        _clip_overlaps(clauses)
        return clauses

    def _unique(self, ref: str, seen: set[str], span) -> str:
        if ref not in seen:
            seen.add(ref)
            return ref
        k = 2
        while f"{ref}-{k}" in seen:
            k += 1
        self.issue("duplicate_ref", f"clause {ref} appears again; this one is {ref}-{k}", *span, f"{ref}-{k}")
        seen.add(f"{ref}-{k}")
        return f"{ref}-{k}"

    def _span(self, block: Block) -> tuple[int, int]:
        return self.plain.line_span(block.start, block.end)

    def _top_clause(self, block: Block, ref: str, text: str, origin: array, span) -> Clause:
        info = leads.analyse_top(text, self.lex, self._emphasised(origin))
        if info.lead_phrase is None:
            self.issue("lead", "no lead phrase found at the start of the clause", *span, ref)
        elif not info.in_lexicon:
            self.issue("lead_not_in_lexicon",
                       f"lead {info.lead_phrase!r} is not in the lexicon; lemma {info.lemma!r} from a rule", *span, ref)
        kind = info.kind
        if block.children and kind != "operative" and text.rstrip().endswith(":") and not info.in_lexicon:
            kind = "operative"
        for m in _lost_superscripts(text):
            s, e = _map(origin, m.start(1), m.end(1))
            self.issue("lost_superscript", f"'the {m.group(1)} ...' reads like an ordinal whose suffix was lost",
                       s, e, ref, "info")
        return Clause(
            ref=ref, kind=kind, text=text, char_start=span[0], char_end=span[1], parent_ref=None,
            marker_as_written=block.marker if block.style != "dash" else None, letter_inferred=None,
            lead_phrase=info.lead_phrase, lemma=info.lemma, intensifier=info.intensifier,
            secondary_leads=info.secondary_leads, secondary_lemmas=info.secondary_lemmas,
            addressee=info.addressee, lead_in_lexicon=info.in_lexicon, text_origin=origin,
        )

    def _children(self, block: Block, parent: Clause) -> list[Clause]:
        if not block.children:
            return []
        if parent.kind != "operative":
            # lettered items under a statement: part of that statement, not calls to action
            descendants = [d for child in block.children for d in (child, *child.children)]
            for child in descendants:
                parent.char_end = max(parent.char_end, self._span(child)[1])
            merged = Block("top", block.start, block.content_start, block.end, pieces=list(block.pieces))
            for child in descendants:
                merged.pieces.append((child.start, child.end))
            parent.text, parent.text_origin = self.clean_text(merged, parent.ref)
            self.issue("sub_items_folded", "lettered items under a non-operative clause kept in its text",
                       parent.char_start, parent.char_end, parent.ref, "info")
            return []
        numbered_children = [c for c in block.children if c.style == "number"]
        lettered = [c for c in block.children if c.style != "number"]
        out: list[Clause] = []
        assignments = iter(assign_letters([c.letter for c in lettered]))
        for child in block.children:
            span = self._span(child)
            if child.style == "number":
                ref = child.letter  # "5.1"
                inferred = False
            else:
                a = next(assignments)
                ref = f"{parent.ref}.{a.letter}"
                inferred = a.inferred
                if a.note:
                    self.issue("letter", a.note, *span, ref, "info" if child.letter is None else "warning")
            text, origin = self.clean_text(child, ref)
            out.append(Clause(
                ref=ref, kind="sub_operative", text=text, char_start=span[0], char_end=span[1],
                parent_ref=parent.ref, marker_as_written=child.marker, letter_inferred=inferred,
                lead_verb=leads.sub_clause_verb(text, self.lex), text_origin=origin,
            ))
            for m in _lost_superscripts(text):
                s, e = _map(origin, m.start(1), m.end(1))
                self.issue("lost_superscript", f"'the {m.group(1)} ...' reads like an ordinal whose suffix was lost",
                           s, e, ref, "info")
            for item in child.children:  # "6.c.i": a list nested in a lettered item
                item_span = self._span(item)
                item_ref = f"{ref}.{item.letter}"
                item_text, item_origin = self.clean_text(item, item_ref)
                out.append(Clause(
                    ref=item_ref, kind="sub_operative", text=item_text, char_start=item_span[0],
                    char_end=item_span[1], parent_ref=ref, marker_as_written=item.marker, letter_inferred=False,
                    lead_verb=leads.sub_clause_verb(item_text, self.lex), text_origin=item_origin,
                ))
        del numbered_children
        return out

    def _flag_truncation(self, clauses: list[Clause]) -> None:
        if not clauses:
            return
        last = clauses[-1]
        if not last.text.endswith(TERMINAL) or (last.kind == "operative" and last.text.endswith(":")):
            last.is_truncated = True
            self.issue("truncated", f"the document ends inside clause {last.ref}: text may be missing",
                       last.char_start, last.char_end, last.ref, "error")


def _clip_overlaps(clauses: list[Clause]) -> None:
    """Spans never overlap: where markup mapped the end of one clause past the start of the next (a tag
    between them maps to both), the earlier clause ends where the next begins."""
    ordered = sorted(clauses, key=lambda c: (c.char_start, c.char_end))
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.char_end > b.char_start:
            a.char_end = max(b.char_start, a.char_start + 1)


@lru_cache(maxsize=8)
def _lexicon_words(lex: Lexicon) -> dict[str, int]:
    return {w: 2 for p in lex.entries for w in p.split()}


def _map(origin: array, start: int, end: int) -> tuple[int, int]:
    return origin[start], origin[end - 1] + 1
