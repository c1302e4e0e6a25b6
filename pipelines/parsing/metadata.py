"""Document metadata from the header block and adoption footnotes."""

from __future__ import annotations

import re

from pipelines.parsing.dates import date_match

DOC_TYPES = ("resolution", "declaration", "recommendation", "decision", "opinion", "report", "statement")
TYPE_NUMBER = re.compile(
    r"\b(?P<type>" + "|".join(DOC_TYPES) + r")s?\b\s*(?:no\.?|n[°º]|number)?\s*"
    r"(?P<number>\d{1,6})(?:/\d+)?\b\s*\\?[*†‡¹²³]*",
    re.I,
)
# "The" with a capital: a wrapped sentence's last line ("the Council,") is no opening formula
OPENING_FORMULA = re.compile(
    r"^\s*The\s+(?:[A-Z][\w\-’']*\s+){0,4}?"
    r"(?:Assembly|Council|Parliament|Committee|Conference|Commission|Board|Summit|Congress|Senate|Meeting|Bureau)"
    r"\s*(?:of\s+[A-Z][\w\s\-’']{0,60}?)?,?\s*$"  # old UN texts print "The Security Council" without comma
)
FOOTNOTE = re.compile(
    r"^\s*(?:\\?\*+|†|‡|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,2}\]|\d{1,2}(?=\s+[A-Z]))?\s*"
    r"(?=(?:Adopted|Approved|Text adopted|Resolution adopted|Declaration adopted)\b)",
)
ADOPTED_BY = re.compile(r"\b(?i:adopted)\s+by\s+(?:the\s+)?(?P<by>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*)")
SESSION = re.compile(r"\bat\s+its\s+(?P<session>(?:[A-Z0-9][\w\-]*\s+)*[Ss]ession)\b")
PLACE = re.compile(
    r"\b(?:[Ss]ession|[Mm]eeting|[Ss]itting)\s+(?:held\s+)?in\s+(?P<place>[A-Z][^\n]*?)"
    r"(?=\s+(?:on|,\s*on)\s+(?:\w+day\s+)?\d|\s*[.;]?\s*$)"
)

# Asked of every line: the cheap tests first, and the pattern only of lines that hold the word it needs.
def is_opening_formula(line: str) -> bool:
    return len(line) < 120 and "The" in line and bool(OPENING_FORMULA.match(line))


def is_footnote(line: str) -> bool:
    # every word FOOTNOTE looks ahead for holds "dopted" or "pproved"
    return ("dopted" in line or "pproved" in line) and bool(FOOTNOTE.match(line))


def parse_adoption(text: str) -> dict[str, str | None]:
    """adopted_on / adopted_by / session / place from an adoption note (footnote or header line)."""
    by = ADOPTED_BY.search(text)
    session = SESSION.search(text)
    place = PLACE.search(text)
    adopted_by = by.group("by") if by else None
    if adopted_by:
        adopted_by = re.split(r"\s+(?:at|on|in|during)\s+", adopted_by)[0].strip()
    return {
        "adopted_on": (found[0] if (found := date_match(text)) else None),
        "adopted_by": adopted_by,
        "session": session.group("session") if session else None,
        "place": place.group("place").strip(" ,.") if place else None,
    }
