"""Split a document body into clause blocks, line by line.

A block starts at a clause marker (a number, a letter, a bullet or dash) or, where the genre leaves
clauses unmarked, at a line that opens with a lead phrase or with "to <verb>" after a clause ends.
Page furniture (page numbers, running headers, separators) and footnotes are taken out of the clause
stream and reported, so every character of the body ends up in a clause or in an issue.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from pipelines.lexicon import Lexicon
from pipelines.parsing import metadata
from pipelines.parsing.leads import LEAD_ADJECTIVES, glued_lead
from pipelines.parsing.letters import OCR_CONFUSIONS, ROMAN, index_of, letter_at
from pipelines.parsing.model import ParseIssue

# a clause number; four digits ("1000. ") only with their full stop, and they pass the sequence check
# only past clause 999 ("1978, document S/12611" is a year)
NUMBER = re.compile(r"^(?:\((?P<pn>\d{1,3})\)|(?P<n>\d{1,3}|\d{4}(?=[.)]\s))(?:\s*(?P<punct>[.,)])|(?=[A-Z])))\s*")
SUB_NUMBER = re.compile(r"^(?P<major>\d{1,3})\.(?P<minor>\d{1,2})\.?\s+(?=\S)")
LONE_NUMBER = re.compile(r"^(?P<n>\d{1,4})[.,)]?$")
LETTER = re.compile(r"^(?:\((?P<pl>[a-z]{1,3}|[A-Z]|[|1])\)|(?P<l>[a-z]{1,3}|[A-Z]|[|10]|rn)[.)])\s+(?=\S)")
# A marker alone on its line: one letter, a doubled letter past z ("aa", "bbb") or a roman numeral; not
# any short word (a wrapped sentence ending in "way." or "all." on a line of its own is text).
LONE_LETTER = re.compile(r"^\(?((?P<l>[a-z])(?P=l){0,2}|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))[.)]$")
BULLET = re.compile(r"^[-–—•*+▪◦]\s+")
TO_VERB = re.compile(r"^to\s+[a-z]")
_CONTINUED_ACTION = re.compile(r"^(?:and|or|as well as)\s+(?:also\s+|further\s+)?to\s+[a-z]")
PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*(?:(?:/|of)\s*\d{1,4})?\s*[-–—]?$", re.I)
SEPARATOR = re.compile(r"^[\W_]{1,200}$")  # a line of punctuation only: rules, footnote separators
WORD = re.compile(r"[A-Za-z][A-Za-z’'\-]*")
# Items nested under a lettered one run i .. xv at most: past it "xvi", "xix" and "xx" are letters.
_NESTED_ROMAN = ROMAN[:15]
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_EDGE_DIGITS = re.compile(r"^\d+|\d+$")
_LOWER = re.compile(r"[a-z]")
_LOWER_WORD_END = re.compile(r"\b[a-z]+$")
_PROSE_WORD = re.compile(r"\b[a-z]{3,}\b")
# Preambular leads of the genre that the lexicon need not list, by their shape: a participle and the word a
# lead goes on with ("Taking note further", "Acting under Chapter VII", "Paying tribute to"; a heading such
# as "Protecting journalists" is not one), "Having" + participle ("Having taken note of",
# "Having also heard"), "Being" + participle, or an adjective or participle bound to its preposition
# ("Grieved at", "Desirous of", "Indignant at", "Mindful that"), each with an optional adverb before it
# ("Also taking note", "Deeply distressed by"). A word ending in "-ing" that is no participle does not count.
_NOT_PARTICIPLES = frozenset({"during", "notwithstanding", "nothing", "something", "everything", "anything",
                              "morning", "evening", "king", "spring", "bring", "sing", "thing", "ring", "wing",
                              "string", "building", "meeting", "hearing", "briefing", "funding", "training"})
_LEAD_ADVERB = r"(?:(?:[Aa]lso|[Ff]urther|[Ff]urthermore|[Aa]gain|[Oo]nce\s+again|[Mm]oreover|[A-Za-z][a-z]+ly)\s+)?"
_PARTICIPLE_START = re.compile(
    rf"^{_LEAD_ADVERB}(?:"
    r"(?P<ing>[A-Za-z][a-z]{2,}ing)\s+(?:(?:the|that|its|their|a|an|with|to|in|on|for|note|into|also|further|"
    r"under|tribute|account|upon|all|this|these|those|his|her|our|by|at|from|of|as|such|fully|again|due|"
    r"regard|place|steps|action)\b|Chapter\b|Article\b)"
    r"|[Hh]aving\s+(?:[a-z]+ly\s+|also\s+|further\s+)?[a-z]{3,}(?:ed|en|wn|ard|ne|de|nd|ht|ld|un|ung|ook|ent)\b"
    r"|[Bb]eing\s+[a-z]{3,}(?:ed|en|ant|ent|ous|ful)\b"
    r"|(?P<adj>[A-Za-z][a-z]{2,}(?:ed|ful|ous|ware|scious|ndful)|"
    + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in sorted(LEAD_ADJECTIVES)) + ")"
    r"\s+(?:at|by|over|that|about|with|of|to|for)\b"
    r")"
)
# An operative paragraph the lexicon need not list: a verb in the third person and the word an operative
# clause goes on with ("Finds that", "Recommends to", "Resolves that", "Authorizes the"). Plural nouns
# that take these words too ("States that") are ruled out by _NOT_THIRD_PERSON. (lemminflect cannot
# rule them out: getInflection(lemma, "VBZ") falls back to spelling rules for a word its tables lack, so
# it returns a form for every word; the check it made here was always true and loaded its tables.)
_THIRD_PERSON_START = re.compile(
    rf"^{_LEAD_ADVERB}(?P<verb>[A-Z][a-z]{{2,}}s)\s+(?:that|to|the|its|all|upon|on|with|further|also|again|"
    r"once|in|a|an|this|these|those|his|her|both|each|every|as|strongly|fully)\b")
_NOT_THIRD_PERSON = frozenset({"states", "nations", "members", "parties", "governments", "forces", "countries",
                               "this", "thus", "its", "his", "has", "was", "is", "as", "yes", "chapters", "articles",
                               "resolutions", "decisions", "efforts", "measures", "talks", "means"})
_NOT_ADJECTIVE_LEADS = frozenset({"adopted", "signed", "done", "issued", "published", "distributed", "received",
                                  "submitted", "entered", "reproduced", "circulated", "dated", "annexed"})
_SUBJECT_OPERATIVE = re.compile(
    r"^The\s+(?:\w+\s+){0,2}(?:Assembly|Parliament|Council)\b.*\b(?:calls|urges|recommends|invites|"
    r"requests|resolves|decides)\b"
)
# "Annex", "ANNEX B", "Appendix II", "Attachment 1" alone on a line: what follows the body is an annex
# (lists, schedules, forms), not clauses of the text that was adopted.
ANNEX_HEADING = re.compile(r"^(?:ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT|Attachment|ENCLOSURE|Enclosure)"
                           r"(?:\s+(?:[A-Z]|[IVXL]{1,5}|\d{1,2}))?\s*[.:]?$")
# A footnote printed between clauses, as text extracted from a PDF leaves it: its number, then a source
# ("3 See A/79/100, annex.", "12 Ibid., para. 4.", "7 Official Records of the General Assembly, ...",
# "4 United Nations, Treaty Series, vol. 1155, No. 18232.", "9 Resolution 2231 (2015), annex.")
NOTE_LINE = re.compile(
    r"^\d{1,3}\s+(?:See\b|Ibid\b|Idem\b|Official Records\b|United Nations,\s+Treaty Series|United Nations publication"
    r"|[A-Z]{1,3}/(?:RES/|CONF|HRC|\d)"
    r"|(?:General Assembly |Security Council )?[Rr]esolutions?\s+\d{1,4}(?:/\d{1,4}|\s*\(\d{4}\))"
    r"|Available (?:at|from)\b|https?://|www\.)")
# The record of a vote printed after the text: "In favour: Argentina, ...", "Against: none.",
# "Abstaining: ...", "Result of the vote: 120-3-10"
VOTE_RECORD = re.compile(r"^(?:In favou?r|Against|Abstaining|Abstentions?|Absent|Not voting|Result of the vote"
                         r"|Votes? (?:for|against|in favou?r)|Recorded vote)\s*[:(]", re.I)
# A UN document's job number in its page footer: "15-12345 (E)", "25-19446 (E)    101225", "*2519446*"
JOB_NUMBER = re.compile(r"^(?:\d{2}-\d{5}\s*(?:\([A-Z]\))?(?:\s+\d{6})?(?:\s+\*\d{7}\*)?|\*\d{7}\*)$")
RUNNING_TITLE = re.compile(r"\b(?:resolution|declaration|recommendation|decision|report)\s+(?:no\.?\s*)?\d+", re.I)


@dataclass
class Line:
    start: int  # mapped offset of the first non-blank character
    end: int  # mapped offset after the last non-blank character
    text: str  # stripped content


@dataclass
class Block:
    level: str  # "top" | "sub"
    start: int
    content_start: int
    end: int
    marker: str | None = None
    number: int | None = None
    letter: str | None = None  # as written
    style: str = "none"  # number | letter | recital | letter_top | decimal | dash | none
    pieces: list[tuple[int, int]] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)
    operative_hint: bool = False
    has_text: bool = False  # False while only the marker has been seen (marker alone on its line)
    next_letter: int = 0  # index of the letter the next sub-clause should carry
    roman_next: int | None = None  # inside "(i) (ii)" items nested under a sub-clause: next numeral

    def add(self, start: int, end: int) -> None:
        self.pieces.append((start, end))
        self.end = max(self.end, end)
        self.has_text = True


def split_lines(text: str, start: int, end: int) -> list[Line | None]:
    """Lines of text[start:end]; None for blank lines."""
    out: list[Line | None] = []
    chunk = text[start:end]
    raws = chunk.split("\n")
    if not chunk or chunk.endswith("\n"):
        raws.pop()  # no line after a final line break (nor in an empty range)
    pos = start
    for raw in raws:
        stripped = raw.strip()
        if stripped:
            lead = raw.index(stripped[0])  # the first non-blank character
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        else:
            out.append(None)
        pos += len(raw) + 1
    return out


# what follows the whitespace after a clause's closing punctuation when a numbered or lettered clause
# starts there, in a body printed on one line: "...; 2. Welcomes", "...: (a) to"
_CLAUSE_AHEAD = r"(?=(?:\d{1,3}\s*[.)]\s*[A-Z]|\(?[a-z]{1,2}[.)]\s+to\s|\([a-z]{1,2}\)\s|[-–—]\s+(?:to\s|[A-Z])))"
# a preambular lead after the comma that ends the paragraph before it, in a body printed on one line:
# "..., Recalling also its resolution ..., Noting with concern ..."
_LEAD_AHEAD = (r"(?=(?:Also\s+|Further\s+)?[A-Z][a-z]{2,}ing\s+(?:the|its|their|that|with|also|further|"
               r"again|note|in|all|our|his|her)\b|Having\s+[a-z]{3,}\s)")
INLINE_BREAK = re.compile(
    r"(?<=[;:,.])\s+" + _CLAUSE_AHEAD + r"|(?<=,)\s+" + _LEAD_AHEAD +
    r"|\s+(?=The\s+(?:[A-Z]\w+\s+){0,3}(?:Assembly|Parliament|Council|Conference|Committee),\s)"
    r"|\bThe\s+(?:[A-Z]\w+\s+){0,3}(?:Assembly|Parliament|Council|Conference|Committee),\s+(?=\S)"
)


# INLINE_BREAK's first two alternatives, matching their punctuation instead of looking behind for it: the
# same match ends, since the whitespace run they consume is the same. The whole pattern opens with the
# punctuation's character class, so the regex engine skips ahead to those characters instead of trying
# every position (an alternative that opened with a look-behind would turn that off for the whole pattern).
_PUNCT_BREAK = re.compile(r"[;:,.](?:\s+" + _CLAUSE_AHEAD + r"|(?<=,)\s+" + _LEAD_AHEAD + ")")
_BODY_WITH_COMMA = ("Assembly,", "Parliament,", "Council,", "Conference,", "Committee,")
_ASSEMBLY_MID_LINE = re.compile(r"\S\s+The\s+(?:\w+\s+){0,3}(?:Assembly|Parliament|Council),")


# after "." it is a reference: "Rev. 1."; the punctuation is matched, not looked behind for, so that the
# regex engine skips ahead to it instead of trying every position of every line
_TRAILING_MARKER = re.compile(r"[;:](\s+)(\d{1,3}\.)$")


def explode_inline(lines: list[Line | None]) -> list[Line | None]:
    """Break lines that hold several clauses ("...; 2. Welcoming ...; 3. URGES ...") into virtual
    lines, one per clause start, as if the text had kept its line breaks."""
    out: list[Line | None] = []
    for i, line in enumerate(lines):
        # the marker ends the line with its full stop: other lines are not searched for it
        trailing = _TRAILING_MARKER.search(line.text) if line is not None and line.text[-1] == "." else None
        following = next((x for x in lines[i + 1:i + 3] if x is not None), None) if trailing else None
        if trailing is not None and following is not None and following.text[:1].isupper() \
                and not metadata.is_footnote(following.text):
            # "...to report; 3." then "Decides ...": the next clause's number was printed at the end of the
            # line before it; a line of its own, the marker opens that clause (LONE_NUMBER)
            head = line.text[:trailing.start(1)].rstrip()
            out.append(Line(line.start, line.start + len(head), head))
            line = Line(line.start + trailing.start(2), line.end, trailing.group(2))
        if line is None or len(line.text) < 80:
            out.append(line)
            continue
        # The alternatives that cut before or after "The Assembly, " (and _ASSEMBLY_MID_LINE) need "The"
        # and a body's name with its comma in the line. Without them only the first alternatives can
        # match; those alone start with a character class (_PUNCT_BREAK), which the regex engine can
        # skip ahead to instead of trying every position.
        has_the = "The" in line.text and any(name in line.text for name in _BODY_WITH_COMMA)
        pattern = INLINE_BREAK if has_the else _PUNCT_BREAK
        cuts = [m.end() for m in pattern.finditer(line.text)]
        if len(cuts) < 2 and not (has_the and _ASSEMBLY_MID_LINE.search(line.text)):
            out.append(line)
            continue
        prev = 0
        for cut in cuts + [len(line.text)]:
            piece = line.text[prev:cut]
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                out.append(Line(line.start + prev + lead, line.start + prev + lead + len(stripped), stripped))
            prev = cut
    return out


@lru_cache(maxsize=8)
def _first_words(lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """First words of the lexicon's intensifiers and of its lead phrases (once per lexicon)."""
    return (frozenset(i.split()[0] for i in lex.intensifiers_before),
            frozenset(p.split()[0] for p in lex.entries))


# A footnote reference printed after the punctuation that ends a paragraph: "of Nigeria, 35"
_TRAILING_NOTE_REF = re.compile(r"([,;:.])\s*\d{1,3}$")


def _end_of_sentence(line: str) -> str:
    """The character that ends a line as a sentence boundary sees it: a trailing footnote reference
    ("..., 35") does not hide the comma before it."""
    # the reference is a number: a line that does not end in a digit is not searched for one
    m = _TRAILING_NOTE_REF.search(line) if line[-1:].isdecimal() else None
    return m.group(1) if m else line[-1]


def _has_lead_shape(s: str) -> bool:
    m = _PARTICIPLE_START.match(s)
    if m is None:
        return False
    if m.group("ing") and m.group("ing").lower() in _NOT_PARTICIPLES:
        return False
    return not (m.group("adj") and m.group("adj").lower() in _NOT_ADJECTIVE_LEADS)


def _has_operative_shape(s: str) -> bool:
    m = _THIRD_PERSON_START.match(s)
    if m is None:
        return False
    return m.group("verb").lower() not in _NOT_THIRD_PERSON


def _number_at(s: str) -> re.Match | None:
    """NUMBER.match(s), tried only when the first character can open a clause number ("(" or a digit)."""
    return NUMBER.match(s) if s[:1] == "(" or s[:1].isdigit() else None


def _opens_like_clause(s: str) -> bool:
    """A clause number or letter, "to <verb>" or a bullet opens ``s`` (non-empty). Each pattern is tried
    only where the first character can open it: most lines open with a letter, which only LETTER takes."""
    first = s[0]
    if _number_at(s):
        return True
    if LETTER.match(s):
        return True
    if first == "t" and TO_VERB.match(s):
        return True
    return first in "-–—•*+▪◦" and BULLET.match(s) is not None


class Segmenter:
    def __init__(self, text: str, lex: Lexicon, issue_span, notes: frozenset[int] = frozenset(),
                 own_symbols: frozenset[str] = frozenset()):
        self.text = text
        self.own_symbols = own_symbols  # the document's own symbol lines, as its heading prints them
        # source offsets where a footnote line begins, known from the layout of a PDF or Word file
        self.notes = notes
        self.lex = lex
        self.span = issue_span  # mapped (start, end) -> source (start, end)
        self.issues: list[ParseIssue] = []
        self.blocks: list[Block] = []
        self.footnotes: list[str] = []
        self.expected = 1
        self._intensifier_heads, self._lead_heads = _first_words(lex)

    # -- helpers ---------------------------------------------------------------------------------
    def issue(self, kind: str, message: str, start: int, end: int, severity: str = "warning") -> None:
        s, e = self.span(start, end)
        self.issues.append(ParseIssue(kind, message, s, e, severity=severity))

    def _is_lead_start(self, s: str, lexicon_only: bool = False) -> bool:
        if not s or not s[0].isupper():
            return False
        words = list(map(str.lower, WORD.findall(s[:80])))
        if self.lex.longest_lead_in_tokens(words) is not None or (words and glued_lead(words[0], self.lex)):
            return True
        if lexicon_only:
            return False
        first = WORD.match(s)
        w = first.group() if first else ""
        if w.isupper() and len(w) >= 4 and w.endswith("S"):
            return True
        if len(words) > 1 and words[0] in self._intensifier_heads and (
                self.lex.longest_lead_in_tokens(words, start=1) is not None):
            return True
        return _has_lead_shape(s) or _has_operative_shape(s)

    def _operative(self, s: str) -> bool:
        first = WORD.match(s)
        if not first:
            return False
        w = first.group()
        if w.isupper() and len(w) >= 3:
            return True
        # the lexicon is asked only when the first word opens one of its phrases
        if w[:60].lower() in self._lead_heads:
            entry = self.lex.longest_lead_in_tokens(list(map(str.lower, WORD.findall(s[:60]))))
            if entry and entry.position == "operative":
                return True
        return (s.startswith("The") and bool(_SUBJECT_OPERATIVE.match(s))) or _has_operative_shape(s)

    # -- main loop -------------------------------------------------------------------------------
    def run(self, lines: list[Line | None]) -> list[Block]:
        repeated = self._running_heads(lines)
        top: Block | None = None
        sub: Block | None = None
        last_blank = True
        prev_end = ":"  # the opening formula ends a "sentence"
        note_open = False  # the line before was (part of) an adoption note
        for i, line in enumerate(lines):
            if line is None:
                last_blank = True
                note_open = False
                continue
            s = line.text
            # Most lines open with a letter: the patterns below that need a digit (or "*", "page", a dash,
            # punctuation) first are tried only on lines that open so.
            first = s[0]
            digit_led = first.isdigit()
            if last_blank and self.blocks and ANNEX_HEADING.match(s):
                last = next(x for x in reversed(lines) if x is not None)
                self.issue("annex", f"annex from {s!r} to the end: kept out of the clauses", line.start, last.end,
                           "info")
                break
            if self.notes and self.span(line.start, line.end)[0] in self.notes:
                self.footnotes.append(s)
                self.issue("footnote", "footnote (set apart in the document's layout) kept out of the clauses",
                           line.start, line.end, "info")
                continue
            if top is not None and VOTE_RECORD.match(s):
                self.issue("vote_record", f"vote record {s[:60]!r} kept out of the clauses", line.start, line.end,
                           "info")
                continue
            if digit_led and NOTE_LINE.match(s) and (top is not None or last_blank):
                self.footnotes.append(s)
                self.issue("footnote", "footnote line kept out of the clauses", line.start, line.end, "info")
                note_open = True
                continue
            if note_open and not (NUMBER.match(s) or LETTER.match(s) or self._is_lead_start(s)):
                # the adoption line wraps: "Adopted at the 503rd meeting" / "by 10 votes to none, with 1" /
                # "abstention (China)." are one note until a blank line or a clause
                self.footnotes[-1] += " " + s
                self.issue("footnote", "footnote continued", line.start, line.end, "info")
                continue
            note_open = False
            if metadata.is_footnote(s):
                self.footnotes.append(s)
                self.issue("footnote", "footnote taken as document metadata, not as a clause", line.start, line.end,
                           "info")
                note_open = True
                continue
            if not first.isalnum() and SEPARATOR.match(s) and not LETTER.match(s + " x"):
                self.issue("artefact", f"separator line {s!r} skipped", line.start, line.end, "info")
                continue
            if s in repeated or s in self.own_symbols:
                self.issue("running_head", f"running header/footer {s!r} removed from the clause text",
                           line.start, line.end, "info")
                continue
            lone = LONE_NUMBER.match(s) if digit_led else None
            if lone:
                n = int(lone.group("n"))
                nxt = next((x for x in lines[i + 1:i + 4] if x is not None), None)
                if n == self.expected and nxt is not None and self._is_lead_start(nxt.text):
                    top = self._new_top(line.start, line.end, line.end, s, n, "number", s)
                    sub = None
                    last_blank, prev_end = False, ""
                    continue
            if (digit_led or first == "*") and JOB_NUMBER.match(s):
                self.issue("page_furniture", f"document job number {s!r} removed from the clause text",
                           line.start, line.end, "info")
                continue
            if (digit_led or first in "pP-–—" or first.isspace()) and PAGE_NUMBER.match(s):
                self.issue("page_number", f"page number {s!r} removed from the clause text", line.start, line.end,
                           "info")
                continue
            if self._isolated_furniture(lines, i, s):
                self.issue("page_furniture", f"page footer/header line {s!r} removed from the clause text",
                           line.start, line.end, "info")
                continue

            current = sub or top
            if current is not None and not current.has_text:
                current.add(line.start, line.end)  # marker alone on its line: this is its text
                if current is top:
                    top.operative_hint = self._operative(s)
                last_blank, prev_end = False, s[-1]
                continue
            lone_letter = LONE_LETTER.match(s)
            if lone_letter and top is not None and (
                    top.children or (top.operative_hint and self._ends_with_colon(top))):  # opens a list
                sub = self._new_sub(top, line.start, line.end, line.end, s, lone_letter.group(1), "letter")
                last_blank, prev_end = False, ""
                continue
            bullet = BULLET.match(s)
            body_off = bullet.end() if bullet else 0
            rest = s[body_off:]
            boundary = last_blank or prev_end in ";:." or bool(bullet)
            started = self._try_start(line, rest, body_off, boundary, bool(bullet), prev_end, top, sub)
            if started is not None:
                top, sub = started
            else:
                target = sub or top
                if target is None:
                    self.issue("unassigned_text", f"text before the first clause: {s[:60]!r}", line.start, line.end)
                else:
                    target.add(line.start, line.end)
            last_blank = False
            prev_end = _end_of_sentence(s)
        return self.blocks

    def _try_start(self, line: Line, rest: str, off: int, boundary: bool, bullet: bool, prev_end: str,
                   top: Block | None, sub: Block | None):
        start = line.start
        in_sublist = top is not None and (bool(top.children) or (top.operative_hint and self._ends_with_colon(top)))
        # PACE-style "5.1." sub-paragraphs
        m = SUB_NUMBER.match(rest) if rest[:1].isdigit() else None
        if m and top is not None and top.number == int(m.group("major")):
            child = self._new_sub(top, start, line.start + off + m.end(), line.end, rest[: m.end()].strip(),
                                  f"{m.group('major')}.{m.group('minor')}", "number")
            return top, child
        if m and boundary and (top is None or top.style == "decimal") and rest[m.end()].isupper():
            # declarations numbered "1.1", "1.2", "2.1" with no "1." above them: each is a paragraph
            top = self._new_top(start, line.start + off + m.end(), line.end, rest[: m.end()].strip(), None,
                                "decimal", rest)
            top.letter = f"{m.group('major')}.{m.group('minor')}"
            return top, None
        m = _number_at(rest)
        if m and m.group("pn") and boundary and top is not None and int(m.group("pn")) != self.expected and (
                (top.children and all(c.style == "letter" for c in top.children)
                 and not self._ends_with_colon(top.children[-1]))
                or (not top.children and self._ends_with_colon(top) and m.group("pn") != "1")):
            # "(6)" where "(b)" belongs: OCR misread the letter this lettered list is due; repaired by the
            # sequence, so one bad character costs no clause
            expected = self._expected_letter(top)
            marker = rest[: m.end()].strip()
            self.issue("marker", f"marker {marker!r} read as ({expected}): a digit where the list's next letter "
                       "belongs", line.start, line.end, "info")
            return top, self._new_sub(top, start, line.start + off + m.end(), line.end, marker, expected, "letter")
        if m and m.group("pn") and top is not None and top.number is not None and boundary \
                and not any(c.style == "letter" for c in top.children):
            numbered_items = [c for c in top.children if c.style == "number"]
            n = int(m.group("pn"))
            if n == len(numbered_items) + 1 and (numbered_items or (n == 1 and self._ends_with_colon(top))):
                # "1. Calls upon States: (1) to invest; (2) to ...": items numbered in brackets, as "1.1", "1.2"
                child = self._new_sub(top, start, line.start + off + m.end(), line.end, rest[: m.end()].strip(),
                                      f"{top.number}.{n}", "number")
                return top, child
        if m and (len(rest) == m.end() or rest[m.end()] in "«\"“'‘*" or rest[m.end()].isupper()
                  or (boundary and int(m.group("n") or m.group("pn")) == self.expected
                      and self._is_lead_start(rest[m.end():].capitalize(), True))):
            n = int(m.group("n") or m.group("pn"))
            punct = m.group("punct")
            ok = n == self.expected or (
                punct != "," and (boundary or prev_end == ",") and (self.expected < n <= self.expected + 3 or
                                                                    (n < self.expected and boundary))
            ) or (
                # an excerpt's first numbered clause may carry any number ("6. Urges ..."): a lead says it
                # is a clause; the numbering finding reports where the text starts
                self.expected == 1 and boundary and punct != "," and self._is_lead_start(rest[m.end():].lstrip())
            )
            # In a lettered list, "1." may be an OCR reading of "l."
            if ok and not (in_sublist and n == 1 and self.expected != 1 and self._expected_letter(top) == "l"):
                marker = rest[: m.end()].strip()
                top = self._new_top(start, line.start + off + m.end(), line.end, marker, n, "number", rest)
                return top, None
        m = LETTER.match(rest)
        if m:
            letter = m.group("l") or m.group("pl")
            marker = rest[: m.end()].strip()
            expected = self._expected_letter(top)
            if letter in "1|" and top is not None and top.children and self._ends_with_colon(top.children[-1]):
                # "(a) to act:" then "(1)": OCR's reading of "(i)", the first of a list nested in that item
                self.issue("marker", f"marker {marker!r} read as (i) under an item that opens a list",
                           line.start, line.end, "info")
                top.roman_next = 1
                return top, self._new_nested(top, start, line.start + off + m.end(), line.end, marker, "i")
            if letter.isdigit() and not (in_sublist and OCR_CONFUSIONS.get(letter) == expected):
                return None  # a digit is a letter only where OCR misread the letter due here
            if top is not None and self._nested_roman(top, letter, expected):
                # "(i)", "(ii)" under a lettered item: a list nested in that item ("6.c.i")
                return top, self._new_nested(top, start, line.start + off + m.end(), line.end, marker, letter)
            if in_sublist or (top is not None and letter.islower() and (
                    self._ends_with_colon(top) or (top.operative_hint and letter == expected == "a"))):
                fits = letter == expected or OCR_CONFUSIONS.get(letter, "") == expected
                if boundary or fits or bullet:
                    return top, self._new_sub(top, start, line.start + off + m.end(), line.end, marker, letter,
                                              "letter")
            elif letter.islower() and len(letter) == 1 and boundary and (top is None or top.style == "letter_top") \
                    and letter == ("a" if top is None else chr(ord(top.letter or "a") + 1)) \
                    and self._is_lead_start(rest[m.end():]):
                # "(a) Resolves that ...; and (b) Requests that ...": the paragraphs of an unnumbered text,
                # lettered, with no clause above them to belong to
                top = self._new_top(start, line.start + off + m.end(), line.end, marker, None, "letter_top", rest)
                top.letter = letter
                return top, None
            elif letter.isupper() and len(letter) == 1 and (boundary or prev_end == ",") and (
                re.match(r"whereas\b", rest[m.end():], re.I) or self._is_lead_start(rest[m.end():])
            ):
                top = self._new_top(start, line.start + off + m.end(), line.end, marker, None, "recital", rest)
                top.letter = letter
                return top, None
        if in_sublist and (bullet or prev_end in ";:") and TO_VERB.match(rest):
            return top, self._new_sub(top, start, line.start + off, line.end, None, None, "none")
        if in_sublist and boundary and prev_end == ";" and _CONTINUED_ACTION.match(rest):
            # "(b) to modernise;" then "and to report on progress by 2026;": the clause goes on after its
            # items with one more action of the same addressee, kept as its last item (letter inferred)
            self.issue("continued_after_items", "the clause continues after its items; kept as its last item",
                       line.start, line.end, "info")
            return top, self._new_sub(top, start, line.start + off, line.end, None, None, "none")
        if (boundary and self._is_lead_start(rest)) or (prev_end == "," and self._is_lead_start(rest, True)):
            top = self._new_top(start, line.start + off, line.end, "–" if bullet else None, None,
                                "dash" if bullet else "none", rest)
            return top, None
        if bullet and in_sublist:
            return top, self._new_sub(top, start, line.start + off, line.end, None, None, "none")
        if bullet:
            return self._new_top(start, line.start + off, line.end, "–", None, "dash", rest), None
        return None

    def _ends_with_colon(self, block: Block) -> bool:
        end = block.pieces[-1][1]
        return self.text[max(block.content_start, end - 8):end].rstrip().endswith(":")

    @staticmethod
    def _nested_roman(top: Block, letter: str, expected: str) -> bool:
        """Roman numerals nested under a lettered item, told apart from the letter sequence by
        position: "i" where "c" is due opens a roman list, "ii" continues it."""
        if letter not in _NESTED_ROMAN or not top.children:
            return False
        idx = _NESTED_ROMAN.index(letter)
        if top.roman_next is not None and idx == top.roman_next:
            top.roman_next = idx + 1
            return True
        if letter == "i" and expected != "i":
            top.roman_next = 1
            return True
        top.roman_next = None
        return False

    @staticmethod
    def _expected_letter(top: Block | None) -> str:
        return letter_at(top.next_letter) if top is not None else "a"

    def _new_top(self, start, content_start, end, marker, number, style, rest) -> Block:
        block = Block("top", start, content_start, end, marker=marker, number=number, style=style)
        block.pieces.append((content_start, end))
        block.has_text = content_start < end
        block.operative_hint = self._operative(
            rest[len(marker or ""):].lstrip() if style in ("number", "letter_top", "decimal") else rest)
        if style == "recital":
            block.operative_hint = False
        if number is not None:
            self.expected = number + 1
        self.blocks.append(block)
        return block

    def _new_sub(self, top, start, content_start, end, marker, letter, style) -> Block:
        child = Block("sub", start, content_start, end, marker=marker, letter=letter, style=style)
        child.pieces.append((content_start, end))
        child.has_text = content_start < end
        idx = index_of(letter) if letter else None
        top.next_letter = idx + 1 if idx is not None and idx >= top.next_letter else top.next_letter + 1
        top.children.append(child)
        return child

    @staticmethod
    def _new_nested(top: Block, start, content_start, end, marker, numeral) -> Block:
        """An item of a list nested in the last lettered item of ``top``."""
        item = Block("sub", start, content_start, end, marker=marker, letter=numeral, style="roman")
        item.pieces.append((content_start, end))
        item.has_text = content_start < end
        top.children[-1].children.append(item)
        return item

    def _is_gap(self, line: Line | None) -> bool:
        return line is None or bool(PAGE_NUMBER.match(line.text) or SEPARATOR.match(line.text)
                                    or metadata.is_footnote(line.text))

    def _isolated_furniture(self, lines: list[Line | None], i: int, s: str) -> bool:
        """A short line with a number in it (a document code, "1349 ESC 99 E rev.1"), standing alone
        between blank lines or other page furniture, and not punctuated as clause text is: a page
        footer or header met once, so it does not recur to be recognised as a running head."""
        if len(s) > 60 or not _DIGIT.search(s) or _end_of_sentence(s) in ",;:." or NUMBER.match(s) or LETTER.match(s):
            return False
        if self._is_lead_start(s):
            return False  # furniture never takes a lead: "Recalling its resolution 79/100,3" alone on its line
        before = lines[i - 1] if i > 0 else None
        after = lines[i + 1] if i + 1 < len(lines) else None
        return self._is_gap(before) and self._is_gap(after)

    @staticmethod
    def _running_heads(lines: list[Line | None]) -> set[str]:
        """Page headers and footers: short lines that recur (page numbers aside), or that name the
        document itself ("NATO PA - Resolution 494"), without the punctuation of clause text."""
        candidates = [x.text for x in lines if x is not None and 6 <= len(x.text) <= 100 and x.text[-1] not in ",;:."
                      and not _opens_like_clause(x.text)]
        # the shape of a line: a page number at either end as "#" (page numbers aside, recurring lines are
        # equal); digits inside the line stay, so two references that differ in their numbers
        # ("S/RES/2230 (2015)", "S/RES/2231 (2015)") are two lines, not one recurring header
        has_digit = [_DIGIT.search(t) is not None for t in candidates]
        shapes = [_EDGE_DIGITS.sub("#", t) if d else t for t, d in zip(candidates, has_digit, strict=True)]
        counts = Counter(shapes)

        def names_document(t: str, digit: bool) -> bool:
            # RUNNING_TITLE ends in a number: a line without a digit is not searched for it
            m = RUNNING_TITLE.search(t) if digit else None
            return (bool(m) and len(t) <= 80 and not _LOWER.search(t, 0, m.start())
                    and not _LOWER_WORD_END.search(t))  # a header does not end mid-sentence

        def looks_like_furniture(t: str, n: int, digit: bool) -> bool:
            # a wrapped line of prose can recur by chance; page furniture carries a number or is not prose
            return n >= 3 or digit or not _PROSE_WORD.search(t)

        return {t for t, shape, digit in zip(candidates, shapes, has_digit, strict=True)
                if (counts[shape] >= 2 and looks_like_furniture(t, counts[shape], digit)) or names_document(t, digit)}
