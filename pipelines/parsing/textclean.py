"""Clause text normalisation with offsets: join wrapped lines, repair extraction defects.

Every function takes and returns ``(text, origin)`` where ``origin[i]`` is the source offset of
``text[i]``, so a repaired clause still maps back to its exact place in the file.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable

Mapped = tuple[str, array]

# Only runs that are not already a single space need rewriting: keeps the Python callbacks rare.
_WS = re.compile(r"\s{2,}|[^\S ]")
# cp1252 mojibake of UTF-8: "â€™" for "’", "Â " for a no-break space, "Ã©" for "é".
_MOJIBAKE = re.compile(r"(?:[ÂÃâ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                       r"\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030"
                       r"\u2039\u203a\u20ac\u2122]{1,2})+")
_DOUBLE_APOSTROPHE = re.compile(r"(?<=\w)['’]{2,}")
# Ligature glyphs (fi, fl, ff, ffi) often come out of PDF text with a space after them: "Affi rming".
_LIGATURE_SPLIT = re.compile(r"\b(\w*?(?:ffi|ffl|fi|fl|ff)) ([a-z]+)\b")
# Possessive repeats: giving letters back could never let the space or the closing \b match, and
# not trying it saves the engine a backtrack through every word.
_SPLIT_HEAD, _SPLIT_TAIL = r"[A-Za-z]{2,}+", r"[a-z]{1,2}+"
_SPLIT_CANDIDATE = re.compile(rf"\b({_SPLIT_HEAD}) ({_SPLIT_TAIL})\b")
# The same matches as one group, found from the non-word character that \b requires before the head
# (the text is searched with a space in front, for a head at its start): findall returns them as
# strings, joined in C (see _joins), and a pattern opening with a character class lets the regex
# engine skip over word characters instead of trying the pattern at each of them.
_SPLIT_PAIR = re.compile(rf"\W({_SPLIT_HEAD} {_SPLIT_TAIL})\b")
_DIRECTIVE = re.compile(r"\b(\w+) ([a-z]{1,2})\b")


def msub(pattern: re.Pattern, repl: Callable[[re.Match], str | None], text: str, origin: array) -> Mapped:
    """Regex substitution that keeps origins: replacement characters take the origin of the match
    start, except where the replacement keeps a prefix of the match, which keeps its own origins."""
    parts: list[str] = []
    out = array("i")
    cursor = 0
    for m in pattern.finditer(text):
        new = repl(m)
        if new is None or new == m.group():
            continue
        parts.append(text[cursor:m.start()])
        out.extend(origin[cursor:m.start()])
        keep = 0
        old = m.group()
        while keep < min(len(new), len(old)) and new[keep] == old[keep]:
            keep += 1
        parts.append(new)
        out.extend(origin[m.start():m.start() + keep])
        tail_origin = origin[m.start() + keep] if m.start() + keep < m.end() else origin[m.end() - 1]
        out.extend([tail_origin] * (len(new) - keep))
        cursor = m.end()
    if not parts:
        return text, origin
    parts.append(text[cursor:])
    out.extend(origin[cursor:])
    return "".join(parts), out


def join_lines(source: str, source_origin: array, spans: Iterable[tuple[int, int]], vocabulary: set[str]) -> Mapped:
    """Join a clause's lines, ``source[a:b]`` for each span (``source_origin`` maps ``source``): a space
    between lines, none after a line-end hyphen. Each line's origins are sliced once, trimmed.

    The hyphen itself is kept ("Euro-" + "Atlantic"), unless the document elsewhere spells the
    word without it and never with it, in which case it was a typesetter's hyphenation.
    """
    text_parts: list[str] = []
    out = array("i")
    prev_text = ""
    for a, b in spans:
        raw = source[a:b]
        text = raw.strip()
        if not text:
            continue
        start = a + raw.index(text[0])  # the first non-blank character
        if text_parts:
            if prev_text.endswith("-") and not prev_text.endswith(" -") and text[0].isalnum():
                head = re.search(r"(\w+)-$", prev_text)
                tail = re.match(r"\w+", text)
                if head and tail and _dehyphenate(head.group(1), tail.group(0), vocabulary):
                    text_parts[-1] = text_parts[-1][:-1]
                    del out[-1]
            else:
                text_parts.append(" ")
                first = source_origin[start]
                out.append(first - 1 if first > 0 else 0)
        text_parts.append(text)
        out.extend(source_origin[start:start + len(text)])
        prev_text = text
    return "".join(text_parts), out


def _dehyphenate(head: str, tail: str, vocabulary: set[str]) -> bool:
    joined = (head + tail).lower()
    hyphenated = f"{head}-{tail}".lower()
    if hyphenated in vocabulary:
        return False
    if joined in vocabulary:
        return True
    # A typesetter breaks words anywhere ("exceed-ing", "interna-tionally"); a compound's parts are words
    # the text uses elsewhere ("multi-national" has "national"). Fragments met only at this line break
    # (``vocabulary_of`` does not count them) and a lower-case continuation mean the hyphen was the
    # typesetter's.
    if not tail[:1].islower() or not head[-1:].islower():
        return False
    return head.lower() not in vocabulary and tail.lower() not in vocabulary


def collapse_whitespace(text: str, origin: array) -> Mapped:
    # Every whitespace character but the ASCII space is unprintable, so a printable text without a
    # double space has nothing for _WS to match: a C-level test instead of a regex scan.
    if not text.isprintable() or "  " in text:
        text, origin = msub(_WS, lambda m: " " if m.group() != " " else None, text, origin)
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    if lead == 0 and trail == len(text):
        return text, origin  # nothing to trim (joined lines are trimmed already): no copy
    return text[lead:trail], origin[lead:trail]


def repair_mojibake(text: str, origin: array) -> tuple[str, array, list[tuple[int, int, str, str]]]:
    """Undo UTF-8-read-as-cp1252 damage; returns the repairs as (src_start, src_end, old, new)."""
    repairs: list[tuple[int, int, str, str]] = []

    def fix(m: re.Match) -> str | None:
        try:
            new = m.group().encode("cp1252").decode("utf-8")
            # C1 controls come from cp1252 bytes once read as latin-1: "\x92" was "’"
            new = "".join(bytes([ord(c)]).decode("cp1252") if "\x80" <= c <= "\x9f" else c for c in new)
        except (UnicodeEncodeError, UnicodeDecodeError):
            return None
        repairs.append((origin[m.start()], origin[m.end() - 1] + 1, m.group(), new))
        return new

    if "Â" in text or "Ã" in text or "â" in text:  # every mojibake sequence opens with one of these
        text, origin = msub(_MOJIBAKE, fix, text, origin)
    return text, origin, repairs


def collapse_doubled_apostrophes(text: str, origin: array) -> tuple[str, array, int]:
    count = 0

    def fix(m: re.Match) -> str:
        nonlocal count
        count += 1
        return "’" if "’" in m.group() else "'"

    if "''" in text or "'’" in text or "’'" in text or "’’" in text:  # the pattern needs two in a row
        text, origin = msub(_DOUBLE_APOSTROPHE, fix, text, origin)
    return text, origin, count


def join_ocr_splits(text: str, origin: array, vocabulary: Counter) -> tuple[str, array, list[str]]:
    """Join words that text extraction split: after a ligature ("Affi rming"), or where the two
    pieces are not words of the document but their join is ("pla y" when "play" occurs)."""
    joined: list[str] = []

    def fix(m: re.Match) -> str | None:
        head, tail = m.group(1), m.group(2)
        whole = (head + tail).lower()
        if m.re is _LIGATURE_SPLIT:
            if head.lower() in WORDS_ENDING_IN_LIGATURE or tail.lower() in FUNCTION_WORDS:
                return None
            joined.append(m.group())
            return head + tail
        if vocabulary.get(head.lower(), 0) >= 2 and vocabulary.get(tail.lower(), 0) >= 2:
            return None  # two real words of the document ("in to"), not one split word
        if whole in vocabulary:
            joined.append(m.group())
            return head + tail
        return None

    # Cheap guards first: a ligature split needs "fi ", "fl " or "ff " ("ffi"/"ffl" end in "fi"/"fl"),
    # and most clauses have split candidates ("of the") but none whose join is a word, which the
    # C-level findall plus a set lookup rules out without a Python callback per match.
    if "fi " in text or "fl " in text or "ff " in text:
        text, origin = msub(_LIGATURE_SPLIT, fix, text, origin)
    if _any_known(_joins(text), vocabulary):
        text, origin = msub(_SPLIT_CANDIDATE, fix, text, origin)
    return text, origin, joined


def _joins(text: str) -> list[str]:
    """Each split candidate's two pieces joined and lower-cased. A match is "head tail", ASCII letters
    and one space, so the whole list is joined, stripped of spaces, lower-cased and split again in
    four C-level string operations instead of two per match."""
    pairs = _SPLIT_PAIR.findall(" " + text)
    return "\n".join(pairs).replace(" ", "").lower().split("\n") if pairs else []


def _any_known(words: Iterable[str], vocabulary) -> bool:
    """True when one of ``words`` is in ``vocabulary`` (set operations in C for a KnownWords)."""
    if isinstance(vocabulary, KnownWords):
        words = list(words)
        return not (vocabulary.doc.keys().isdisjoint(words) and vocabulary.extra.keys().isdisjoint(words))
    return any(w in vocabulary for w in words)


# Real words that end in a ligature pair, so a space after them is a real space.
WORDS_ENDING_IN_LIGATURE = frozenset(
    "off staff stuff cliff stiff sniff bluff buff cuff puff tariff sheriff plaintiff riff scoff tiff chaff gaff "
    "hi-fi sci-fi wi-fi fief iff".split()
)
FUNCTION_WORDS = frozenset("a an the of and or to in on at by for with as is are be it its".split())

WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


_VOCAB_TOKEN = re.compile(r"[a-z][a-z'’]*+(?:-[a-z][a-z'’]*+)*+")  # possessive: nothing to backtrack for


class KnownWords:
    """A document's word counts plus the lexicon's words, each counted twice, read-only.

    Equal, for ``get`` and ``in`` (all the clean-up reads), to ``doc + Counter(lexicon words: 2)``,
    without building that merged Counter for every document.
    """

    __slots__ = ("doc", "extra")

    def __init__(self, doc: Counter, extra: dict[str, int]):
        self.doc = doc
        self.extra = extra

    def get(self, word: str, default: int = 0) -> int:
        n = self.doc.get(word, 0) + self.extra.get(word, 0)
        return n if n > 0 else default

    def __contains__(self, word: str) -> bool:
        # vocabulary_of counts are positive and the extra counts are 2, so a key means a positive sum
        return word in self.doc or word in self.extra


# The two pieces of a word hyphenated at a line end: not counted as words, or every typesetter's
# fragment ("exceed-" / "ing") would look like a word the document uses.
_LINE_BREAK_PIECES = re.compile(r"[a-z'’]+-[ \t]*\n\s*[a-z'’]+")
# A _LINE_BREAK_PIECES match from its hyphen on, and the characters of its first piece. That pattern
# opens with a character class of letters, so the regex engine tries it at every letter of the text
# (and reads each word to its end from each); this one opens with the hyphen.
_LINE_BREAK_TAIL = re.compile(r"-[ \t]*\n\s*[a-z'’]+")
_PIECE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz'’")


def _drop_line_break_pieces(lowered: str) -> str:
    """``_LINE_BREAK_PIECES.sub(" ", lowered)``: each match starts where the run of piece characters
    before its hyphen starts (not before the end of the previous match); a hyphen with no such
    character before it starts no match."""
    parts: list[str] = []
    cursor = 0
    for m in _LINE_BREAK_TAIL.finditer(lowered):
        start = m.start()
        while start > cursor and lowered[start - 1] in _PIECE_CHARS:
            start -= 1
        if start < m.start():
            parts += (lowered[cursor:start], " ")
            cursor = m.end()
    return "".join(parts) + lowered[cursor:] if parts else lowered


def vocabulary_of(text: str) -> Counter:
    """Lower-cased words of a document with their counts (hyphenated compounds counted whole too)."""
    lowered = text.lower()
    if "-\n" in lowered or "- \n" in lowered:
        lowered = _drop_line_break_pieces(lowered)
    tokens = _VOCAB_TOKEN.findall(lowered)
    words = Counter(tokens)
    for token in [t for t in words if "-" in t]:
        for part in token.split("-"):
            if part:
                words[part] += words[token]
    return words


# A clause number that text extraction moved into the middle of a line, glued between two words of
# another clause: "of the3.security" (prose never glues a numbered full stop between two letters)
_DISPLACED_MARKER = re.compile(r"(?<=[a-z])(\d{1,3})\.(?=[a-z])")
_DISPLACED_HINT = re.compile(r"\.(?<=\d\.)(?=[a-z])")


def drop_displaced_markers(text: str, origin: array) -> tuple[str, array, list[str]]:
    """The text without clause numbers displaced into a word run, a space in their place; and the numbers."""
    found: list[str] = []

    def fix(m: re.Match) -> str:
        found.append(m.group(1))
        return " "

    # Every match holds a digit, a full stop and a letter in a row: a pattern that opens with the full
    # stop lets the regex engine jump from one "." to the next, where _DISPLACED_MARKER, opening with a
    # look-behind, is tried at every position of every clause.
    if _DISPLACED_HINT.search(text) is None:
        return text, origin, found
    text, origin = msub(_DISPLACED_MARKER, fix, text, origin)
    return text, origin, found
