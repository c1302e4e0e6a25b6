"""Numbers as the genre writes them: digits ("1,500", "3.5"), words ("twenty-three", "two"), ordinals.

Shared by the target and deadline extractors. Regex fragments here match a number; ``parse_number``
turns the matched text into a float.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINAL_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
ORDINAL_TENS = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
}
SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mio": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}


def _alt(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_UNIT_W = _alt(UNITS)
_TENS_W = _alt(TENS)
# "twenty-three", "twenty three", "twenty", "seven", "a hundred", "two hundred and fifty"
_WORD_CORE = rf"(?:(?:{_TENS_W})(?:[-\s](?:{_UNIT_W}))?|(?:{_UNIT_W}))"
WORD_NUMBER = rf"(?:(?:(?:a|one|{_UNIT_W})\s+hundred(?:\s+(?:and\s+)?{_WORD_CORE})?)|{_WORD_CORE})"
# 1,500 / 3.5 / 40 / 10 000 (a space, no-break or thin space between groups of three: the European
# Parliament's and the Council of Europe's style; never inside a longer run of digits)
DIGIT_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<!\d)\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,]|\.\d)(?:,\d+)?|\d+(?:\.\d+)?)"
)
NUMBER = rf"(?:{DIGIT_NUMBER}|\b{WORD_NUMBER}\b)"

_ORD_UNIT_W = _alt(ORDINAL_UNITS)
_ORD_TENS_W = _alt(ORDINAL_TENS)
WORD_ORDINAL = rf"(?:(?:{_TENS_W})[-\s](?:{_ORD_UNIT_W})|{_ORD_TENS_W}|{_ORD_UNIT_W})"
DIGIT_ORDINAL = r"(?:\d+(?:st|nd|rd|th))"
# A year as the documents print one: four digits from 1900 to 2199 (what deadlines, targets and figures
# read as a year rather than a count).
YEAR = r"(?:19|20|21)\d\d"

# Cheap triggers, so that the extractors skip the patterns that cannot match a clause (most clauses hold
# no figure). ``fold(text)`` lower-cases the text so that a plain substring or case-sensitive lower-case
# pattern finds every word an IGNORECASE pattern finds: the three characters that IGNORECASE equates
# with an ASCII letter but whose lower case is not that letter (dotted and dotless i, long s) are
# mapped to it first. Lower-casing keeps word and space characters word and space characters.
_FOLD = {0x130: "i", 0x131: "i", 0x17F: "s"}
HAS_DIGIT = re.compile(r"\d")
# A NUMBER in words always holds one of these as a whole word (matched on folded text).
_NUMBER_WORD = re.compile(rf"\b(?:{_UNIT_W}|{_TENS_W}|hundred)\b")


# Where a NUMBER in words can begin (on folded text): a unit or tens word, or "a" before "hundred".
_NUMBER_WORD_START = re.compile(rf"\b(?:a(?=\s+hundred)|{_UNIT_W}|{_TENS_W})")
_ORDINAL_WORD_START = re.compile(rf"\b(?:{_TENS_W}|{_ORD_UNIT_W}|{_ORD_TENS_W})")


def fold(text: str) -> str:
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


def may_hold_number(text: str, folded: str) -> bool:
    """False only when ``NUMBER`` cannot match ``text`` (no digit, no number word)."""
    return HAS_DIGIT.search(text) is not None or _NUMBER_WORD.search(folded) is not None


def digit_starts(text: str) -> list[int]:
    """The index of every digit: a number written in digits may begin inside a run of digits."""
    return [m.start() for m in HAS_DIGIT.finditer(text)]


def number_starts(digits: list[int], folded: str) -> list[int]:
    """Every index at which a ``NUMBER`` match can begin (a superset), ascending: each digit
    (``digit_starts``) and each number word."""
    words = [m.start() for m in _NUMBER_WORD_START.finditer(folded)]
    return sorted(digits + words) if words else digits


def ordinal_starts(digits: list[int], folded: str) -> list[int]:
    """Every index at which ``DIGIT_ORDINAL`` or ``\\b WORD_ORDINAL`` can begin (a superset), ascending."""
    words = [m.start() for m in _ORDINAL_WORD_START.finditer(folded)]
    return sorted(digits + words) if words else digits


def matches_at(rx: re.Pattern, text: str, starts: list[int]) -> list[re.Match]:
    """``list(rx.finditer(text))`` for a pattern whose matches are never empty and can only begin at
    one of ``starts`` (ascending): the leftmost match at or after the end of the previous one."""
    out = []
    pos = 0
    for p in starts:
        if p >= pos:
            m = rx.match(text, p)
            if m is not None:
                out.append(m)
                pos = m.end()
    return out


def parse_number(text: str) -> float | None:
    """'1,500' -> 1500.0, 'twenty-three' -> 23.0, 'a hundred' -> 100.0; None when not a number."""
    t = text.strip().lower()
    if re.fullmatch(DIGIT_NUMBER, t):
        if re.search(r"[ \u00a0\u202f]", t):  # "10 000" or "10 000,5": spaces group, a comma is decimal
            return float(re.sub(r"[ \u00a0\u202f]", "", t).replace(",", "."))
        return float(t.replace(",", ""))
    words = [w for w in re.split(r"[-\s]+", t) if w and w != "and"]
    if not words:
        return None
    total = 0.0
    current = 0.0
    for w in words:
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "a":
            current += 1
        elif w == "hundred":
            current = max(current, 1) * 100
        else:
            return None
    return total + current


def parse_ordinal(text: str) -> float | None:
    """'33rd' -> 33.0, 'thirty-third' -> 33.0."""
    t = text.strip().lower()
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", t)
    if m:
        return float(m.group(1))
    parts = [w for w in re.split(r"[-\s]+", t) if w]
    total = 0
    for w in parts:
        if w in TENS:
            total += TENS[w]
        elif w in ORDINAL_UNITS:
            total += ORDINAL_UNITS[w]
        elif w in ORDINAL_TENS:
            total += ORDINAL_TENS[w]
        else:
            return None
    return float(total) if parts else None


def scale_of(word: str | None) -> float:
    if not word:
        return 1.0
    return SCALES.get(word.strip().lower().rstrip("."), 1.0)
