"""Deadlines in clause text, anchored to the adoption date of the document (never to the run date).

Kinds:
- ``date``: an absolute calendar date ("by 30 June 2026", "by June 2026") or a deadline relative to the
  adoption date ("within the next year", "within six months", "by the end of the year").
- ``year``: a year only ("by 2035", "by the end of 2030"); the date is the last day of that year
  ("before 2030" is the last day of 2029).
- ``event``: a meeting rather than a date ("by the next Summit", "before the Vilnius Summit"). The date is
  null, except where the event names its year ("by the 2026 Summit"): then the last day of that year,
  the latest the event can take place. "Next Summit" is not anchored: summits are not held on a fixed
  calendar, so any date would be invented.
- ``immediate``: "without delay", "immediately", "as a matter of urgency", "urgently": the adoption date.
- ``open``: "as soon as possible", "at the earliest opportunity", "in due course": no date.

Every date is null when the adoption date is unknown and the phrase needs it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from pipelines.facts._numbers import NUMBER, fold, matches_at, parse_number

DEADLINE_KINDS = ("date", "year", "event", "immediate", "open")


@dataclass(frozen=True)
class Deadline:
    deadline_kind: str
    deadline_text: str
    deadline_date: date | None
    text_start: int
    text_end: int


MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# A four-digit year that is not part of a larger number, a percentage or a range ("2024-2025" keeps 2024).
_YEAR = r"(?:19|20|21)\d\d(?![\d%])(?!\s*(?:per\s*cent|percent)\b)"

# Prepositions that introduce a deadline. "before" is strict; the others include the named point.
_BY = (
    r"(?:no\s+later\s+than|not\s+later\s+than|on\s+or\s+before|in\s+time\s+for|ahead\s+of|prior\s+to|"
    r"by|before|until|till)"
)
_END = r"(?:(?:the\s+)?(?:end|close)\s+of\s+|end[-\s]|mid[-\s]|(?:the\s+)?middle\s+of\s+)"

_DATE_DMY = re.compile(
    rf"\b(?P<prep>{_BY})\s+(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<month>{_MONTH})"
    rf",?\s+(?P<year>{_YEAR})",
    re.I,
)
_DATE_MDY = re.compile(
    rf"\b(?P<prep>{_BY})\s+(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>{_YEAR})",
    re.I,
)
_DATE_ISO = re.compile(rf"\b(?P<prep>{_BY})\s+(?P<year>{_YEAR})-(?P<month>\d\d)-(?P<day>\d\d)\b", re.I)
_MONTH_YEAR = re.compile(rf"\b(?P<prep>{_BY})\s+(?P<end>{_END})?(?P<month>{_MONTH})\s+(?P<year>{_YEAR})", re.I)
_YEAR_ONLY = re.compile(rf"\b(?P<prep>{_BY})\s+(?P<end>{_END})?(?:the\s+year\s+)?(?P<year>{_YEAR})\b", re.I)
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_WITHIN = re.compile(
    rf"\b(?:within|in)\s+(?:the\s+)?(?:(?:next|coming|following)\s+)?(?:(?P<n>{NUMBER}|a|an|one)\s+)?"
    rf"{_UNIT}\b",
    re.I,
)
_END_OF_RELATIVE = re.compile(
    rf"\b(?P<prep>{_BY})\s+(?P<end>{_END})?(?P<which>(?:the|this|next)\s+(?:calendar\s+)?year|next\s+year)\b",
    re.I,
)
_EVENT_NOUN = r"(?:summit|session|meeting|conference|ministerial|plenary|elections?|anniversary)"
_EVENT = re.compile(
    rf"\b(?P<prep>{_BY}|at)\s+(?:the|its|their|this|our)\s+"
    rf"(?P<mods>(?:(?:next|upcoming|forthcoming|coming|following|{_YEAR}|(?-i:[A-Z])[\w'’.-]*)\s+){{0,4}})"
    rf"(?P<noun>{_EVENT_NOUN})\b"
    r"(?P<place>\s+(?-i:(?:in|at)\s+(?:[Tt]he\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}))?",
    re.I,
)
# A past participle right before "by" makes the phrase agentive ("endorsed by the Summit").
_AGENTIVE = re.compile(r"\b(?:\w+ed|\w+en|made|set|held|led|put|agreed|done|won|brought|sought)\s*,?\s*$", re.I)
_IMMEDIATE = re.compile(
    r"\b(?:without\s+(?:any\s+)?(?:further\s+)?delay|immediately|forthwith|with\s+immediate\s+effect|"
    r"as\s+a\s+matter\s+of\s+(?:the\s+utmost\s+|utmost\s+|great\s+)?urgency|urgently|without\s+hesitation)\b",
    re.I,
)
_OPEN = re.compile(
    r"\b(?:as\s+(?:soon|quickly|early|rapidly)\s+as\s+(?:possible|practicable|feasible)|"
    r"at\s+the\s+earliest\s+(?:possible\s+)?(?:opportunity|date|convenience|stage)|"
    r"in\s+due\s+course|without\s+undue\s+delay|in\s+the\s+(?:near|shortest\s+possible)\s+(?:future|time)|"
    r"in\s+the\s+coming\s+(?:days|weeks|months|years))\b",
    re.I,
)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: date, months: int) -> date:
    """Calendar arithmetic with the day clamped to the month's length (31 Jan + 1 month = 28/29 Feb)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _strict(prep: str) -> bool:
    return prep.lower().split()[0] in {"before", "prior", "ahead"}


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_no(token: str) -> int | None:
    return MONTHS.get(token.lower().rstrip("."))


# Words without which a pattern cannot match (substrings of the folded text, see _numbers.fold).
_UNIT_WORDS = ("day", "week", "month", "year", "decade")
_EVENT_WORDS = ("summit", "session", "meeting", "conference", "ministerial", "plenary", "election", "anniversary")
_IMMEDIATE_WORDS = ("delay", "immediate", "forthwith", "urgen", "hesitation")
_OPEN_WORDS = ("possible", "practicable", "feasible", "earliest", "course", "delay", "near", "coming")
_UPCOMING = re.compile(r"\b(?:next|upcoming|forthcoming|coming)\b", re.I)
_NEXT_WORD = re.compile(r"\b(?:next|coming|following)\b", re.I)
_YEAR_RX = re.compile(_YEAR)
_YEAR_DIGITS = re.compile(r"(?:19|20|21)\d\d")  # in every match of a pattern with a _YEAR
# Where a pattern that opens with ``\b(?:{_BY})\s`` (or ``at``, for events) can begin, on folded text.
_PREP_START = re.compile(
    r"\b(?:no\s+later|not\s+later|on\s+or|in\s+time|ahead|prior|by|before|until|till|(?P<at>at))\b"
)


def _agentive_before(text: str, end: int) -> bool:
    """``_AGENTIVE.search(text[:end])``, reading only the last word: the pattern is a whole word
    followed by spaces and at most one comma up to the end."""
    i = end
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i > 0 and text[i - 1] == ",":
        i -= 1
        while i > 0 and text[i - 1].isspace():
            i -= 1
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "_"):
        j -= 1
    return _AGENTIVE.search(text, j, end) is not None


def _candidates(text: str):
    """Yield (priority, start, end, kind, date) for every pattern hit; overlaps are resolved later.

    The date is a ``date``, None, or a rule (a tuple, see ``_anchor``) for a date that counts from the
    adoption date: the hits and their overlaps do not depend on it."""
    folded = fold(text)
    has_year = _YEAR_DIGITS.search(text) is not None
    has_unit = any(w in folded for w in _UNIT_WORDS)
    has_event = any(w in folded for w in _EVENT_WORDS)
    by_starts: list[int] = []
    at_starts: list[int] = []
    if has_year or has_event or (has_unit and "year" in folded):
        for m in _PREP_START.finditer(folded):
            (by_starts if m.lastgroup is None else at_starts).append(m.start())
    if has_year:
        yield from _dated(text, by_starts)
    if has_unit and "year" in folded:
        yield from _end_of_relative(text, by_starts)
    if has_year:
        yield from _year_only(text, by_starts)
    if has_unit:
        yield from _within(text)
    if has_event:
        yield from _events(text, sorted(by_starts + at_starts) if at_starts else by_starts)
    if any(w in folded for w in _IMMEDIATE_WORDS):
        for m in _IMMEDIATE.finditer(text):
            yield 4, m.start(), m.end(), "immediate", ("adopted",)
    if any(w in folded for w in _OPEN_WORDS):
        for m in _OPEN.finditer(text):
            yield 4, m.start(), m.end(), "open", None


def _anchor(rule, adopted_on: date | None) -> date | None:
    """The date of a rule from ``_candidates`` for a document adopted on ``adopted_on``."""
    if adopted_on is None:
        return None
    if rule[0] == "adopted":
        return adopted_on
    if rule[0] == "year_end":
        _, offset, mid = rule
        return date(adopted_on.year + offset, 6, 30) if mid else date(adopted_on.year + offset, 12, 31)
    _, unit, k = rule  # "within"
    if unit == "day":
        return date.fromordinal(adopted_on.toordinal() + k)
    if unit == "week":
        return date.fromordinal(adopted_on.toordinal() + 7 * k)
    if unit == "month":
        return add_months(adopted_on, k)
    if unit == "year":
        return add_months(adopted_on, 12 * k)
    return add_months(adopted_on, 120 * k)


def _dated(text: str, by_starts: list[int]):
    for rx in (_DATE_DMY, _DATE_MDY, _DATE_ISO):
        for m in matches_at(rx, text, by_starts):
            month = _month_no(m["month"]) if not m["month"].isdigit() else int(m["month"])
            d = _safe_date(int(m["year"]), month or 0, int(m["day"])) if month else None
            if d is None:
                continue
            yield 0, m.start(), m.end(), "date", d
    for m in matches_at(_MONTH_YEAR, text, by_starts):
        month, year = _month_no(m["month"]), int(m["year"])
        if not month:
            continue
        end = (m["end"] or "").lower()
        if _strict(m["prep"]) and not end:
            d = add_months(date(year, month, 1), 0).replace(day=1)
            d = date.fromordinal(d.toordinal() - 1)
        elif end.startswith("mid") or end.startswith("the middle") or end.startswith("middle"):
            d = date(year, month, 15)
        else:
            d = _last_day(year, month)
        yield 0, m.start(), m.end(), "date", d


def _end_of_relative(text: str, by_starts: list[int]):
    for m in matches_at(_END_OF_RELATIVE, text, by_starts):
        which = m["which"].lower()
        offset = 1 if "next" in which else 0
        mid = (m["end"] or "").lower().startswith(("mid", "the middle", "middle"))
        yield 1, m.start(), m.end(), "date", ("year_end", offset, mid)


def _year_only(text: str, by_starts: list[int]):
    for m in matches_at(_YEAR_ONLY, text, by_starts):
        year = int(m["year"])
        end = (m["end"] or "").lower()
        kind = "year"
        if end.startswith(("mid", "the middle", "middle")):
            d, kind = date(year, 6, 30), "date"
        elif _strict(m["prep"]) and not end:
            d = date(year - 1, 12, 31)
        else:
            d = date(year, 12, 31)
        yield 1, m.start(), m.end(), kind, d


def _within(text: str):
    for m in _WITHIN.finditer(text):
        n_text = m["n"]
        if n_text is None:
            # "within years" is not a deadline; "within the next year" / "within a year" are.
            if m["unit"] and text[m.start("unit") : m.end()].lower().endswith("s"):
                continue
            n = 1.0
        else:
            n = parse_number(n_text) if n_text.lower() not in {"a", "an"} else 1.0
        if n is None or n != int(n):
            continue
        if m.group(0).lower().startswith("in ") and not _NEXT_WORD.search(m.group(0)):
            continue  # "in 10 years" is ambiguous (a duration or a point); "in the next 10 years" is not
        yield 2, m.start(), m.end(), "date", ("within", m["unit"].lower(), int(n))


def _events(text: str, starts: list[int]):
    for m in matches_at(_EVENT, text, starts):
        upcoming = _UPCOMING.search(m["mods"] or "")
        if m["prep"].lower() == "at" and not upcoming:
            continue  # "at their Summit meeting" is where, not by when; "at the next Summit" is a deadline
        if m["prep"].lower() == "by" and not upcoming and _agentive_before(text, m.start()):
            continue  # "the plan adopted by the Vilnius Summit": the Summit is the agent, not a deadline
        year = _YEAR_RX.search(m["mods"] or "")
        d = date(int(year.group(0)), 12, 31) if year else None
        yield 3, m.start(), m.end(), "event", d


@lru_cache(maxsize=256)
def _resolved(text: str) -> tuple[tuple, tuple]:
    """The deadline phrases of ``text`` without their dates: (start, end, kind, date or rule index) in text
    order, and the rules of every hit (``_anchor``), kept to be evaluated as every hit's date was."""
    cands = []
    rules = []
    for prio, start, end, kind, d in _candidates(text):
        if isinstance(d, tuple):
            rules.append(d)
            d = len(rules) - 1
        cands.append((prio, start, end, kind, d))
    cands.sort(key=lambda c: (c[0], -(c[2] - c[1]), c[1]))
    taken: list[tuple[int, int]] = []
    out = []
    for _, start, end, kind, d in cands:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        out.append((start, end, kind, d))
    out.sort(key=lambda x: x[0])
    return tuple(out), tuple(rules)


def extract_deadlines(text: str, adopted_on: date | None) -> list[Deadline]:
    """Every deadline phrase in ``text``, in text order, non-overlapping (the more specific pattern wins).

    ``adopted_on`` anchors relative phrases ("within the next year"); pass None when it is unknown.
    """
    found, rules = _resolved(text)
    if not found:
        return []
    dates = [_anchor(r, adopted_on) for r in rules]
    return [
        Deadline(kind, text[start:end], dates[d] if type(d) is int else d, start, end) for start, end, kind, d in found
    ]
