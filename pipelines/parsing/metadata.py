"""Document metadata from the header block and adoption footnotes."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
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
DATE = re.compile(
    r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+"
    r"(?P<month>" + "|".join(MONTHS) + r")\s+(?P<year>\d{4})\b", re.I,
)
DATE_US = re.compile(r"\b(?P<month>" + "|".join(MONTHS) + r")\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\b", re.I)
ISO_DATE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")

def is_opening_formula(line: str) -> bool:
    return bool(OPENING_FORMULA.match(line)) and len(line) < 120


def is_footnote(line: str) -> bool:
    return bool(FOOTNOTE.match(line))


def parse_date(text: str) -> str | None:
    for pattern in (DATE, DATE_US, ISO_DATE):
        m = pattern.search(text)
        if not m:
            continue
        month = m.group("month")
        month_n = int(month) if month.isdigit() else MONTHS[month.lower()]
        try:
            return date(int(m.group("year")), month_n, int(m.group("day"))).isoformat()
        except ValueError:
            continue
    return None


def parse_adoption(text: str) -> dict[str, str | None]:
    """adopted_on / adopted_by / session / place from an adoption note (footnote or header line)."""
    by = ADOPTED_BY.search(text)
    session = SESSION.search(text)
    place = PLACE.search(text)
    adopted_by = by.group("by") if by else None
    if adopted_by:
        adopted_by = re.split(r"\s+(?:at|on|in|during)\s+", adopted_by)[0].strip()
    return {
        "adopted_on": parse_date(text),
        "adopted_by": adopted_by,
        "session": session.group("session") if session else None,
        "place": place.group("place").strip(" ,.") if place else None,
    }
