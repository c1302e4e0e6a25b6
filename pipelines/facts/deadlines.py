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
- ``session``: a session of the body ("at its eighty-first session", "in the provisional agenda of its
  next session"). The date is null: when a session meets depends on the body, and the text does not say.
  A session named as the place of a past act ("adopted at its fifty-fifth session") is not a deadline.
- ``expiry``: the end of a term or mandate ("expiring on 31 July 2006", "until 31 January 2007",
  "the expiration on 5 February 1952 of the terms").
- ``start``: when something begins ("beginning on 31 December 2002", "with effect from 1 June 2025").
- ``period``: the end of a period that counts from the adoption date ("for a period of six months",
  "for a further period of one year", "to extend the mandate for three months").
- ``date`` also covers a calendar date printed without a preposition ("to convene on 15 March 2026")
  when it falls after the adoption date; dates on or before it say when something happened, and are
  not deadlines (nor is any date printed without a preposition when the adoption date is unknown,
  unless a start or expiry word introduces it). A date without its year after a deadline preposition
  ("before 10 July") is its first occurrence on or after the adoption date.
- ``immediate``: "without delay", "immediately", "as a matter of urgency", "urgently": no date. These
  say how soon, not by when: the adoption date would be a deadline the text never set.
- ``open``: "as soon as possible", "at the earliest opportunity", "in due course": no date.

Every date is null when the adoption date is unknown and the phrase needs it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from pipelines.facts._numbers import NUMBER, YEAR, fold, matches_at, parse_number
from pipelines.facts.literals import gate, holds_any

DEADLINE_KINDS = ("date", "year", "session", "expiry", "start", "period", "event", "immediate", "open")


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
_YEAR = rf"{YEAR}(?![\d%])(?!\s*(?:per\s*cent|percent)\b)"

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
# "before 10 July", "by 1 March": the first such day on or after the adoption date.
_DATE_DM_NO_YEAR = re.compile(
    rf"\b(?P<prep>{_BY})\s+(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<month>{_MONTH})"
    rf"(?![\w.]|,?\s+{YEAR})",
    re.I,
)
_DATE_MD_NO_YEAR = re.compile(
    rf"\b(?P<prep>{_BY})\s+(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d,]|\s+{YEAR})",
    re.I,
)
# A calendar date without a deadline preposition; what it is depends on the words before it.
_BARE_DATE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})|"
    rf"\b(?P<month2>{_MONTH})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,\s+(?P<year2>{_YEAR})",
    re.I,
)
# The words right before a bare date that belong to its phrase ("expiring on", "with effect from").
_BARE_LEAD = re.compile(
    r"(?:(?:expir(?:ing|es|e|y|ation)|terminat(?:ing|es|e|ion)|ending|ends|beginning|commencing|starting|"
    r"effective|with\s+effect\s+from|as\s+(?:of|from)|from|beyond|after|through)\s+(?:on\s+)?|on\s+)$",
    re.I,
)
_LEAD_FROM = re.compile(r"(?:as\s+(?:of|from)|from)\b", re.I)
_LEAD_THROUGH = re.compile(r"(?:through|to)\b", re.I)
_EXPIRY_CUE = re.compile(r"\b(?:expir\w*|terminat\w*|ending|ends|end\s+of\s+(?:the|its)\s+(?:term|mandate))\b", re.I)
_START_CUE = re.compile(
    r"\b(?:beginning|begins?|commencing|commences?|starting|starts?|effective|with\s+effect\s+from|"
    r"entry\s+into\s+force|enters?\s+into\s+force)\b",
    re.I,
)
# Words that make a bare date a reference to a past act or a document ("the letter dated 5 May").
_PAST_CUE = re.compile(
    r"\b(?:dated|of|adopted|held|signed|since|issued|submitted|took\s+place|occurred|established|concluded)"
    r"(?:\s+(?:on|in))?\s*$",
    re.I,
)
_DAY_RANGE = re.compile(
    rf"(?:\b(?:from|between)\s+)?\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+{_MONTH})?\s*(?:to|-|–|and)\s*$", re.I
)
_UNTIL = re.compile(r"^(?:until|till)\b", re.I)
_SESSION = re.compile(
    rf"\b(?P<prep>{_BY}|at|to|in|for|during|of)\s+(?:the\s+(?:provisional\s+)?agenda\s+of\s+)?(?:its|their|the)\s+"
    r"(?P<which>next|forthcoming|following|upcoming|\d+(?:st|nd|rd|th)|"
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)[-\s]?)?"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\w+teenth|\w+tieth))\s+"
    r"(?:(?:regular|ordinary|special|emergency\s+special|substantive|annual|plenary|spring|autumn|summer|winter)\s+)?"
    r"(?P<noun>session|part-session)\b",
    re.I,
)
_BY_WORDS = frozenset({"by", "before", "until", "till", "no", "not", "on", "prior", "ahead"})  # first words of _BY
_STATEMENT_OPENING = re.compile(
    r"^\s*(?:[A-Z][a-z]+ly\s+)?(?:[A-Z][a-z]+ing|Having|Bearing|Aware|Mindful|Convinced|Deeply)\b"
)
# What a body asks to be done at a session of its own: report, submit, consider, include, ...
_FORWARD = re.compile(
    r"\bto\s+(?:\w+\s+){0,2}?(?:report|submit|consider|include|inform|present|examine|review|revert|return|"
    r"resume|continue|take\s+up|convene|hold|decide|transmit|provide)\b|"
    r"\b(?:for\s+(?:its\s+)?consideration|provisional\s+agenda)\b",
    re.I,
)
_SESSION_PAST = re.compile(
    r"\b(?:adopted|held|taken|convened|decided|expressed|contained|submitted|approved|endorsed|established|"
    r"requested|made|recalled|considered|elected|agreed|initiated|launched|reviewed|discussed|concluded|welcomed)"
    r"\b(?:\s+[\w-]+){0,5}\s*,?\s*$",
    re.I,
)
_PERIOD = re.compile(
    rf"\bfor\s+(?:(?:a|an|another|one|the)\s+)?(?:(?:further|additional|new|final|interim|second|third|"
    rf"single|initial|limited|renewed)\s+){{0,2}}(?:(?:period|term)\s+of\s+)?(?:(?P<n>{NUMBER}|one|a|an)\s+)?"
    rf"(?P<unit>day|week|month|year)s?\b(?!\s+(?:ago|old)\b)",
    re.I,
)
_PERIOD_VERB = re.compile(r"\b(?:extend\w*|renew\w*|prolong\w*|establish\w*|mandate\w*|authori[sz]\w*)\b", re.I)
_DATE_ISO = re.compile(rf"\b(?P<prep>{_BY})\s+(?P<year>{_YEAR})-(?P<month>\d\d)-(?P<day>\d\d)\b", re.I)
_MONTH_YEAR = re.compile(rf"\b(?P<prep>{_BY})\s+(?P<end>{_END})?(?P<month>{_MONTH})\s+(?P<year>{_YEAR})", re.I)
_YEAR_ONLY = re.compile(rf"\b(?P<prep>{_BY})\s+(?P<end>{_END})?(?:the\s+year\s+)?(?P<year>{_YEAR})\b", re.I)
_IN_MONTH_YEAR = re.compile(rf"\b(?:in|during)\s+(?:early\s+|late\s+)?(?P<month>{_MONTH})\s+(?P<year>{_YEAR})\b", re.I)
_AT_END_OF_YEAR = re.compile(rf"\bat\s+the\s+(?:end|close)\s+of\s+(?P<year>{_YEAR})\b", re.I)
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
_MONTH_WORDS = tuple(MONTHS)
_IMMEDIATE_WORDS = ("delay", "immediate", "forthwith", "urgen", "hesitation")
_OPEN_WORDS = ("possible", "practicable", "feasible", "earliest", "course", "delay", "near", "coming")
_NAME_GOES_ON = re.compile(r"\s+(?:on|of|for)\s+(?:the\s+)?[A-Z]")
_UPCOMING = re.compile(r"\b(?:next|upcoming|forthcoming|coming)\b", re.I)
_NEXT_WORD = re.compile(r"\b(?:next|coming|following)\b", re.I)
_YEAR_RX = re.compile(_YEAR)
_YEAR_DIGITS = re.compile(YEAR)  # in every match of a pattern with a _YEAR
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
    has_unit = holds_any(folded, _UNIT_WORDS)
    has_event = holds_any(folded, _EVENT_WORDS)
    by_starts: list[int] = []
    at_starts: list[int] = []
    has_month = not has_year and holds_any(folded, _MONTH_WORDS)
    if has_year or has_event or has_month or (has_unit and "year" in folded):
        for m in _PREP_START.finditer(folded):
            (by_starts if m.lastgroup is None else at_starts).append(m.start())
    if has_year:
        yield from _dated(text, by_starts)
        yield from _bare_dates(text)
        yield from _bare_months(text)
    if by_starts and (has_month or (has_year and holds_any(folded, _MONTH_WORDS))):
        yield from _dated_no_year(text, by_starts)
    if "session" in folded:
        yield from _sessions(text)
    if has_unit and "for" in folded:
        yield from _periods(text)
    if has_unit and "year" in folded:
        yield from _end_of_relative(text, by_starts)
    if has_year:
        yield from _year_only(text, by_starts)
    if has_unit:
        yield from _within(text)
    if has_event:
        yield from _events(text, sorted(by_starts + at_starts) if at_starts else by_starts)
    if holds_any(folded, _IMMEDIATE_WORDS):
        for m in _IMMEDIATE.finditer(text):
            yield 4, m.start(), m.end(), "immediate", None
    if holds_any(folded, _OPEN_WORDS):
        for m in _OPEN.finditer(text):
            yield 4, m.start(), m.end(), "open", None


def _anchor(rule, adopted_on: date | None) -> date | None:
    """The date of a rule from ``_candidates`` for a document adopted on ``adopted_on``."""
    if adopted_on is None:
        return None
    if rule[0] == "day_month":  # the first such day on or after the adoption date
        _, month, day, strict = rule
        for year in (adopted_on.year, adopted_on.year + 1):
            d = _safe_date(year, month, day)
            if d is not None and d >= adopted_on:
                return date.fromordinal(d.toordinal() - 1) if strict else d
        return None
    if rule[0] == "bare":  # a date printed without a preposition: kept only when it is not in the past
        _, d, kind = rule
        if d < adopted_on or (d == adopted_on and kind == "date"):
            return _PAST
        return d
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


_PAST = date.min  # the rule of a bare date before the adoption date: the phrase is dropped


def _dated(text: str, by_starts: list[int]):
    for rx in (_DATE_DMY, _DATE_MDY, _DATE_ISO):
        for m in matches_at(rx, text, by_starts):
            month = _month_no(m["month"]) if not m["month"].isdigit() else int(m["month"])
            d = _safe_date(int(m["year"]), month or 0, int(m["day"])) if month else None
            if d is None:
                continue
            yield 0, m.start(), m.end(), "expiry" if _UNTIL.match(m["prep"]) else "date", d
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
        yield 0, m.start(), m.end(), "expiry" if _UNTIL.match(m["prep"]) else "date", d


def _dated_no_year(text: str, by_starts: list[int]):
    for rx in (_DATE_DM_NO_YEAR, _DATE_MD_NO_YEAR):
        for m in matches_at(rx, text, by_starts):
            month, day = _month_no(m["month"]), int(m["day"])
            if not month or _safe_date(2000, month, day) is None:  # 2000: a leap year, 29 February exists
                continue
            kind = "expiry" if _UNTIL.match(m["prep"]) else "date"
            yield 0, m.start(), m.end(), kind, ("day_month", month, day, _strict(m["prep"]))


_BARE_DATE_MAY = gate(_BARE_DATE)

def _bare_dates(text: str):
    """Dates without a deadline preposition: a start or an expiry by the words before them (same
    sentence part, 80 characters), else a plain date; past ones are dropped once the adoption date is
    known (``_anchor``), and plain ones whenever it is not."""
    if not _BARE_DATE_MAY(text.lower()):  # no month name (literals.gate): no scan of every position
        return
    for m in _BARE_DATE.finditer(text):
        month = _month_no(m["month"] or m["month2"])
        d = _safe_date(int(m["year"] or m["year2"]), month or 0, int(m["day"] or m["day2"])) if month else None
        if d is None:
            continue
        before = text[max(0, m.start() - 80) : m.start()]
        before = re.split(r"[;:.]\s", before)[-1]
        if _PAST_CUE.search(before):
            continue
        days = _DAY_RANGE.search(before)  # "from 7 to 17 December 2026": the days of a meeting
        lead = days or _BARE_LEAD.search(before)
        start = m.start() - (len(lead.group(0)) if lead else 0)
        expiry, begin = _last(_EXPIRY_CUE, before), _last(_START_CUE, before)
        if lead and _LEAD_FROM.match(lead.group(0)):  # "as of", "from": only right before the date
            begin = len(before)
        elif lead and _LEAD_THROUGH.match(lead.group(0)):
            expiry = len(before)
        kind = "date" if days or expiry == begin else ("expiry" if expiry > begin else "start")
        yield 5, start, m.end(), kind, ("bare", d, kind)


def _bare_months(text: str):
    """ "to hold the session in July 2026": the month's last day, kept only when it is ahead (``_anchor``)."""
    for m in _IN_MONTH_YEAR.finditer(text):
        month = _month_no(m["month"])
        if month:
            yield 5, m.start(), m.end(), "date", ("bare", _last_day(int(m["year"]), month), "date")


def _last(rx: re.Pattern, text: str) -> int:
    found = -1
    for m in rx.finditer(text):
        found = m.start()
    return found


def _sessions(text: str):
    for m in _SESSION.finditer(text):
        upcoming = m["which"].lower() in {"next", "forthcoming", "following", "upcoming"}
        if not upcoming and _SESSION_PAST.search(text, 0, m.start()):
            continue  # "adopted at its fifty-fifth session": where a past act took place
        by = m["prep"].lower().split()[0] in _BY_WORDS
        if not upcoming and not by and _STATEMENT_OPENING.match(text):
            continue  # "Recalling its decision at its seventy-eighth session": a preamble recalls, it does not set
        if not upcoming and not by and not _FORWARD.search(text, max(0, m.start() - 150), m.start()):
            continue  # "the decision of the Assembly at its twenty-third session": when, not by when
        yield 2, m.start(), m.end(), "session", None


def _periods(text: str):
    for m in _PERIOD.finditer(text):
        phrase = m.group(0).lower()
        n_text = m["n"]
        if n_text is None and (phrase.endswith("s") or not re.search(r"\b(?:a|an|another|one)\s", phrase)):
            continue  # "for years", "for a period of months": no period
        n = 1.0 if n_text is None or n_text.lower() in {"a", "an"} else parse_number(n_text)
        if n is None or n != int(n) or n == 0:
            continue
        named = "period" in phrase or "term" in phrase or re.search(r"\b(?:another|further|additional)\b", phrase)
        if not named and not _PERIOD_VERB.search(text, max(0, m.start() - 120), m.start()):
            continue  # "deployed for 10 years" is a duration; "to extend the mandate for six months" a period
        yield 3, m.start(), m.end(), "period", ("within", m["unit"].lower(), int(n))


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
    for m in _AT_END_OF_YEAR.finditer(text):  # "to be convened at the end of 2027": the year's end
        yield 1, m.start(), m.end(), "year", date(int(m["year"]), 12, 31)


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
        if m["prep"].lower() == "by" and not upcoming and _NAME_GOES_ON.match(text, m.end()):
            continue  # "the report by the Inter-Agency Meeting on Outer Space": a body's name, the agent
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
    out = []
    for start, end, kind, d in found:
        rule = rules[d] if type(d) is int else None
        when = dates[d] if rule is not None else d
        if rule is not None and rule[0] == "bare" and (when is None and kind == "date" or when is _PAST):
            continue  # a date without a preposition that is in the past, or plain and not placeable
        if rule is not None and rule[0] == "bare" and when is None:
            when = rule[1]  # a start or expiry date prints its date: it does not need the adoption date
        if rule is None and kind in ("date", "expiry") and adopted_on and when and when < adopted_on:
            continue  # "obligations arising prior to 2 August 1990" in a 1991 text: history, not a deadline
        out.append(Deadline(kind, text[start:end], when, start, end))
    return out
