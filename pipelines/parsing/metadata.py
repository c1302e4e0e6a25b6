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
UN_SYMBOL = re.compile(r"^\s*(?P<number>\d{1,4})/(?P<sub>\d{1,4})\.\s+(?P<title>.+)$")
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
HEADER_NOISE = re.compile(
    r"^\s*(?:distr\.|agenda item|\[|original:|united nations\b|general assembly\s*$|"
    r"(?:\w+-)?\w+\s+session\s*$|page\s+\d)", re.I,
)


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


def parse_header(lines: list[str]) -> dict:
    """doc_type, number and title from the lines above the opening formula."""
    doc_type = number = None
    title_parts: list[str] = []
    adoption: dict[str, str | None] = {}
    for line in lines:
        stripped = line.strip().strip("#").strip()
        if not stripped:
            continue
        adopted_line = re.match(r"^(resolution|declaration|decision|text)\s+adopted\b", stripped, re.I)
        if adopted_line or is_footnote(stripped):
            if adopted_line and doc_type is None and adopted_line.group(1).lower() in DOC_TYPES:
                doc_type = adopted_line.group(1).lower()
            adoption = {k: v for k, v in parse_adoption(stripped).items() if v} | adoption
            continue
        un = UN_SYMBOL.match(stripped)
        if un and number is None:
            number = int(un.group("sub"))
            title_parts.append(un.group("title"))
            continue
        m = TYPE_NUMBER.search(stripped) if doc_type is None else None
        if m and (m.start() == 0 or stripped[: m.start()].strip() == ""):
            doc_type, number = m.group("type").lower(), int(m.group("number"))
            rest = re.sub(r"^\(\d{4}\)", "", stripped[m.end():]).strip(" :–—-")
            if rest:
                title_parts.append(rest)
            continue
        if HEADER_NOISE.match(stripped):
            continue
        title_parts.append(stripped)
    title = _join_title(title_parts)
    if "adopted_on" not in adoption and title:
        # European Parliament titles carry the date: "European Parliament resolution of 14 March 2024 on ..."
        dated = re.search(r"\b(?:resolution|declaration|decision|recommendation)\s+of\s+(" + DATE.pattern + ")", title,
                          re.I)
        if dated:
            adoption["adopted_on"] = parse_date(dated.group(1))
            doc_type = doc_type or re.match(r"\w+", dated.group(0)).group(0).lower()
    return {"doc_type": doc_type, "number": number, "title": title or None, **adoption}


def _join_title(parts: list[str]) -> str:
    out = ""
    for p in parts:
        p = re.sub(r"\s+", " ", p.replace("\\", "")).strip()
        if not out:
            out = p
        elif out.endswith("-") and not out.endswith(" -"):
            out += p
        else:
            out += " " + p
    return out
