"""Figures beyond shares, money and changes: percentages of anything, counts of any noun, quantities with
a unit of measure, ranges of years, and years a text sets as a horizon or schedules ahead.

Each function yields hits ``(kind, value, unit, start, end, comparator or None, value_high or None)`` for
``pipelines/facts/targets.py``, which resolves overlaps and reads comparators and normativity.

Rules about the genre (checked on the variants in tests/test_targets.py):
- A count is a cardinal before a plural noun, with at most three modifiers between them ("26 parliaments",
  "six South African refugees", "three special sessions"); its unit is the noun as written, with the
  nouns that compound it ("member States"). Numbers that label rather than count are not counts: after
  "resolution", "paragraph", "Article", "Goal", ...; inside a document symbol ("S/2020/123", "80/10");
  glued to the word before (a footnote mark: "Goals,3"); four-digit years; clock times ("0001 hours").
- A range whose low end is a bare number ("one or two civilians", "10-15 per cent", "1991-2000") is one
  row: ``value`` the low end, ``value_high`` the high end. Years in a range are a ``range`` in unit year.
- A quantity is a number before a unit of measure, or before "troops"/"personnel" (force strength, not a
  set of things one can name); the unit is canonical and singular ("500 MW" -> megawatt).
- A year is a target when it names a horizon ("the 2030 Agenda", "2050 targets", "Agenda 2063") or, the
  adoption date known, a later year after a scheduling preposition ("starting in 2026"); a year that is
  not after the adoption year says when something happened.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from lemminflect import getAllLemmas

from pipelines.facts._numbers import DIGIT_NUMBER, NUMBER, WORD_NUMBER, YEAR, parse_number, scale_of
from pipelines.facts.literals import CaseBlind, gate

_PCT = r"(?:\s?%|\s*per[\s-]?cent\b|\s*percent\b)"
_PERCENT = re.compile(
    rf"(?:(?P<low>{NUMBER})(?P<lowpct>{_PCT})?\s*(?:-|–|to|and)\s*)?(?P<num>{NUMBER}){_PCT}(?!\s*of\s+(?:GDP|GNI)\b)",
    re.I,
)
_YEAR_LIKE = re.compile(YEAR)
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+$", re.I)
_FRACTION = re.compile(
    r"\b(?P<n>one|two|three|four|five|seven|nine)[-\s](?P<d>halves|half|thirds?|quarters?|fifths?|tenths?)\b"
    r"(?!\s+(?:of\s+)?(?:a\s+)?(?:century|mile|hour)\b)",
    re.I,
)
# "half of the population"; not "the second half of 2025", "on behalf of"
_HALF = re.compile(r"\b(?:(?:one|a)[-\s])?(?P<half>half)\s+of\s+(?:the|all|its|their|our|them|these|those)\b", re.I)
_ONE_IN = re.compile(rf"\b(?:one|1)\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<n>{NUMBER})\b", re.I)
_ONE_IN_MAY, _HALF_MAY, _FRACTION_MAY = gate(_ONE_IN), gate(_HALF), gate(_FRACTION)
_NOT_HALF = re.compile(r"\b(?:first|second|latter|former|last|other|and\s+a)\s+$", re.I)
_DENOMINATORS = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}

_MEASURE = {
    r"megawatts?|MW": "megawatt",
    r"gigawatts?|GW": "gigawatt",
    r"kilowatts?|kW": "kilowatt",
    r"terawatt[-\s]hours?|TWh": "terawatt-hour",
    r"gigawatt[-\s]hours?|GWh": "gigawatt-hour",
    r"megawatt[-\s]hours?|MWh": "megawatt-hour",
    r"kilowatt[-\s]hours?|kWh": "kilowatt-hour",
    r"(?:metric\s+)?tonnes?|(?:metric\s+)?tons?": "tonne",
    r"megatonnes?|Mt": "megatonne",
    r"gigatonnes?|Gt": "gigatonne",
    r"kilograms?|kg": "kilogram",
    r"square\s+kilomet(?:re|er)s?|km2|km²|sq\.?\s*km": "square kilometre",
    r"kilomet(?:re|er)s?|km": "kilometre",
    r"nautical\s+miles?": "nautical mile",
    r"miles?": "mile",
    r"hectares?": "hectare",
    r"cubic\s+met(?:re|er)s?|bcm": "cubic metre",
    r"met(?:re|er)s?": "metre",
    r"lit(?:re|er)s?": "litre",
    r"barrels?": "barrel",
    # "1.5°C", "2 degrees Celsius"; a bare "degrees" only before warming or temperature ("360-degree" is not)
    r"degrees?\s+(?:Celsius|centigrade)|°\s?C|degrees?(?=\s+(?:of\s+)?(?:global\s+)?(?:warming|temperature))": (
        "degree Celsius"
    ),
    r"(?:military\s+|police\s+|civilian\s+|uniformed\s+)?personnel": "personnel",
    r"troops": "troop",
    r"percentage\s+points?": "percentage point",
}
_MEASURE_RX = [(re.compile(rf"(?:{p})(?![\w²])", re.I if p[0].islower() else 0), u) for p, u in _MEASURE.items()]
# Matches where one of _MEASURE_RX matches (each as an alternative, with its own case flag): most numbers
# are followed by no unit, which one match tells instead of one per unit
_ANY_MEASURE = re.compile("|".join(f"(?{'i' if rx.flags & re.I else ''}:{rx.pattern})" for rx, _ in _MEASURE_RX))
_GAP = re.compile(r"[\s-]*")
_SCALE_WORD = re.compile(r"\s*(?P<scale>thousand|million|billion)\b", re.I)
_QTY_NUMBER = re.compile(rf"(?:(?P<low>{NUMBER})\s*(?:-|–|to|or)\s*)?(?P<num>{NUMBER})", re.I)

# Words that label the number after them: it names a thing, it does not count anything.
_LABEL = frozenset(
    "resolution resolutions paragraph paragraphs para doc article articles annex annexes chapter chapters section "
    "sections rule rules no nos number numbers item items footnote page pages table figure document documents "
    "decision decisions principle principles goal goal target protocol session meeting part point points "
    "recommendation recommendations option phase stage level grade class category tier vol "
    "amendment amendments report letter opinion case cases step".split()
)
_STOP = frozenset(
    "of and or to in on at by for with from the a an this that these those which who whom whose is are was were "
    "be been being has have had will would shall should may might must can could not per percent cent as than "
    "its their his her our your it they he she we you".split()
)
_TIME_WORDS = frozenset("day days week weeks month months year years decade decades hour hours minute minutes".split())
_NOT_HEADS = frozenset("times thousands hundreds millions billions tens dozens others ones cents".split())
_IRREGULAR_PLURALS = frozenset("people women men children police staff aircraft personnel livestock".split())
_WORD_RX = re.compile(r"\s+([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_NUMBER_WORD = re.compile(WORD_NUMBER, re.I)
_COUNT_NUMBER = re.compile(rf"(?P<num>{DIGIT_NUMBER}|\b{WORD_NUMBER}\b)", re.I)
_PREV_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\s+$")


_MONTH_NAMES = frozenset(
    "January February March April May June July August September October November December".split()
)
# A figure in digits opening a sentence: the genre spells such numbers out, so the digits are a footnote
# or page number that conversion left in the text ("... this question. 30 Resolutions or decisions ...").
_SENTENCE_START = re.compile(r"(?:^|[.;:]\s+)$")


# "second 25 reports" is not English: digits after an ordinal (other than first, last, next) are a mark
_ORDINAL_BEFORE = re.compile(
    r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\w+teenth|\w+tieth)\s+$", re.I
)


@lru_cache(maxsize=4096)
def _lemmas(word: str) -> dict:
    return getAllLemmas(word.lower())


def is_plural_noun(word: str) -> bool:
    lw = word.lower()
    if lw in _IRREGULAR_PLURALS:
        return True
    if not lw.endswith("s") or lw.endswith(("ss", "'s", "’s", "us", "is")):
        return False
    if word[0].isupper() and lw.endswith(("ans", "ians")) and not _lemmas(lw):
        return True  # a demonym: "Ukrainians", "Palestinians", "Afghans"
    nouns = _lemmas(lw).get("NOUN")
    return bool(nouns) and any(n.lower() != lw for n in nouns)  # "rounds": lemmas round and rounds


def _modifier(word: str) -> bool:
    """A word that may stand between a number and its noun ("special", "South", "armed", "member")."""
    lw = word.lower()
    if lw in _STOP or lw in _TIME_WORDS:
        return False
    if word[0].isupper() or "-" in word or lw.endswith(("ed", "ing", "al", "an", "ic", "ive", "ary", "ly")):
        return True  # "-ly": "3.7 million internally displaced persons"
    lemmas = _lemmas(lw)
    return "ADJ" in lemmas or "NOUN" in lemmas


def labelled(text: str, start: int) -> bool:
    """The number at ``start`` is a label, a symbol part or a footnote mark, not a quantity."""
    if start > 0 and not (text[start - 1].isspace() or text[start - 1] in "(“\"'‘"):
        return True  # "Goals,3", "S/2020/123", "A-12": glued to what comes before
    m = _PREV_WORD.search(text, max(0, start - 30), start)
    if m is None:
        return False
    word = m.group(1).rstrip(".")
    # "20 June 20255": a year with its footnote mark glued on, after the day and the month
    return word.lower() in _LABEL or word in _MONTH_NAMES


def _bad_digits(num: str, text: str, end: int) -> bool:
    if num[0].isdigit():
        if len(num) > 1 and num[0] == "0" and num[1].isdigit():
            return True  # "0001 hours": a clock time
        if num.isdigit() and len(num) == 4 and 1900 <= int(num) <= 2199:
            return True  # a year
    return end < len(text) and text[end] in "/)]:"  # "80/10", a symbol or a reference


def _range_low(text: str, start: int) -> tuple[int, float] | None:
    """ "one or two", "two to three", "10-15", "between 10 and 15" ending right before ``start``."""
    m = re.search(rf"(?P<low>{NUMBER})\s*(?P<sep>or|to|-|–|and)\s*$", text[max(0, start - 40) : start], re.I)
    if m is None:
        return None
    low_start = start - (len(text[max(0, start - 40) : start]) - m.start())
    if m["sep"].lower() == "and" and not _RANGE_OPEN.search(text[:low_start]):
        return None
    low = parse_number(m["low"])
    if low is None or labelled(text, low_start):
        return None
    if _RANGE_OPEN.search(text[:low_start]):
        low_start = _RANGE_OPEN.search(text[:low_start]).start()
    return low_start, low


def counts(text: str, starts: list[int]):
    for p in starts:
        if p > 0 and text[p - 1].isalnum():  # inside a word or a run of digits
            continue
        m = _COUNT_NUMBER.match(text, p)
        if m is None:
            continue
        num = m["num"]
        if num.lower() in {"one", "a"} or _bad_digits(num, text, m.end()) or labelled(text, p):
            continue
        if num[0].isdigit() and _SENTENCE_START.search(text, max(0, p - 3), p):
            continue
        if num[0].isdigit() and _ORDINAL_BEFORE.search(text, max(0, p - 12), p):
            continue  # "the first 23 and second 25 monthly reports": footnote marks after ordinals
        pos, modifiers, unit_words = m.end(), 0, []
        scale = _SCALE_WORD.match(text, pos)  # "11 million people"
        if scale:
            pos = scale.end()
        head = None
        while modifiers <= 3:
            w = _WORD_RX.match(text, pos)
            if w is None:
                break
            word = w.group(1)
            if word.lower() in _TIME_WORDS or word.lower() in _STOP or _NUMBER_WORD.fullmatch(word):
                break  # a second number: the first one does not count this noun ("30 transmitting two resolutions")
            if is_plural_noun(word):
                head = w
                break
            if not _modifier(word):
                break
            lemmas = _lemmas(word)
            unit_words = unit_words + [word] if set(lemmas) == {"NOUN"} else []
            modifiers += 1
            pos = w.end()
        if head is None or head.group(1).lower() in _NOT_HEADS:
            continue
        if head.group(1)[0].isupper():  # "50 United Nations military observers": a name, then the noun
            later = _later_head(text, head.end())
            if later is not None:
                head, unit_words = later, []
        value = parse_number(num)
        if value is None:
            continue
        value *= scale_of(scale["scale"]) if scale else 1.0
        unit = " ".join([*unit_words, head.group(1)])
        low = _range_low(text, p)
        if low is not None:
            yield "count", low[1], unit, low[0], head.end(1), None, value
        else:
            yield "count", value, unit, p, head.end(1), None, None


def _later_head(text: str, pos: int):
    """A plural noun at most two modifiers after ``pos``, or None."""
    for _ in range(3):
        w = _WORD_RX.match(text, pos)
        if w is None:
            return None
        if is_plural_noun(w.group(1)) and w.group(1)[0].islower():
            return w
        if not _modifier(w.group(1)):
            return None
        pos = w.end()
    return None


def quantities(text: str, starts: list[int]):
    for p in starts:
        if p > 0 and text[p - 1].isalnum():  # inside a word or a run of digits
            continue
        m = _QTY_NUMBER.match(text, p)
        if m is None or labelled(text, p):
            continue
        if _bad_digits(m["num"], text, m.end()):
            continue
        pos = m.end()
        scale = _SCALE_WORD.match(text, pos)
        if scale:
            pos = scale.end()
        gap = _GAP.match(text, pos).end() - pos
        if _ANY_MEASURE.match(text, pos + gap) is None:
            continue
        for rx, unit in _MEASURE_RX:
            u = rx.match(text, pos + gap)
            if u is None or (gap == 0 and unit not in {"degree Celsius"} and not u.group(0)[0].isupper()):
                continue
            value, low = parse_number(m["num"]), parse_number(m["low"]) if m["low"] else None
            if value is None:
                break
            k = scale_of(scale["scale"]) if scale else 1.0
            if low is not None:
                yield "quantity", low * k, unit, m.start(), u.end(), None, value * k
            else:
                yield "quantity", value * k, unit, m.start("num"), u.end(), None, None
            break


def percentages(text: str, starts: list[int]):
    for p in starts:
        if p > 0 and text[p - 1].isalnum():  # inside a word or a run of digits
            continue
        m = _PERCENT.match(text, p)
        if m is None or labelled(text, p) or _YEAR_LIKE.fullmatch(m["num"]):
            continue  # "of 10 July 1992%": a year with a footnote mark read as a per cent sign
        value = parse_number(m["num"])
        if value is None:
            continue
        if m["low"] and not m["lowpct"]:
            low = parse_number(m["low"])
            sep = text[m.end("low") : m.start("num")].strip().lower()
            start = m.start()
            if sep == "and" and not _RANGE_OPEN.search(text[:start]):
                yield "percentage", value, "percent", m.start("num"), m.end(), None, None
                continue
            opener = _RANGE_OPEN.search(text[:start])
            yield "percentage", low, "percent", opener.start() if opener else start, m.end(), None, value
        else:
            yield "percentage", value, "percent", m.start("num"), m.end(), None, None
    lower = text.lower()  # the shares in words are looked for only where their words are (literals.gate)
    for m in _ONE_IN.finditer(text) if _ONE_IN_MAY(lower) else ():  # "one in three women": a share
        n = parse_number(m["n"])
        if n and n > 1:
            yield "percentage", round(100 / n, 2), "percent", m.start(), m.end(), None, None
    for m in _HALF.finditer(text) if _HALF_MAY(lower) else ():
        if not _NOT_HALF.search(text, max(0, m.start() - 12), m.start()):
            yield "percentage", 50.0, "percent", m.start(), m.end("half"), None, None
    for m in _FRACTION.finditer(text) if _FRACTION_MAY(lower) else ():
        n = parse_number(m["n"])
        d = _DENOMINATORS[m["d"].lower().rstrip("s")]
        if n is None or n >= d:
            continue
        yield "percentage", round(100 * n / d, 2), "percent", m.start(), m.end(), None, None


_YEAR = YEAR
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_MONTH_BEFORE = re.compile(rf"{_MONTHS}\s+$")
# "2021-2027", "2024–25"; not a span of dates ("1 August 2012–31 July 2013"), nor a symbol part
_YEAR_RANGE = re.compile(
    rf"(?<![/\d])(?P<a>{_YEAR})\s*[-–—]\s*(?P<b>{_YEAR}|\d\d)(?![\d/%])(?!\s+{_MONTHS})|"
    rf"\b(?:from|between)\s+(?:the\s+years?\s+)?(?P<a2>{_YEAR})\s+(?:to|and|until|through)\s+(?P<b2>{_YEAR})\b"
)
_HORIZON = re.compile(
    rf"\b(?P<y>{_YEAR})\s+(?:Agenda|[Tt]argets?|[Gg]oals?|[Hh]orizon|[Dd]eadline|[Oo]bjectives?|[Vv]ision)\b|"
    rf"\b(?:Agenda|Horizon|Vision)\s+(?P<y2>{_YEAR})\b(?![-–/])"
)
_SCHEDULED = CaseBlind(re.compile(
    rf"\b(?P<prep>in|from|starting\s+(?:in|from)|beginning\s+(?:in|from)|as\s+(?:of|from)|during|after|"
    rf"throughout|for)\s+(?:the\s+year\s+)?(?P<y>{_YEAR})\b(?![-–/]\d)(?!\s*\))",
    re.I,
))  # scanned at every position of most texts with a digit


def year_ranges(text: str):
    if _YEAR_LIKE.search(text) is None:  # every match holds a year; this scan skips ahead to "1" and "2"
        return
    for m in _YEAR_RANGE.finditer(text):
        a = int(m["a"] or m["a2"])
        b_text = m["b"] or m["b2"]
        b = int(b_text) if len(b_text) == 4 else a // 100 * 100 + int(b_text)
        if not a < b <= a + 100 or _MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        yield "range", float(a), "year", m.start(), m.end(), None, float(b)


def is_horizon(text: str, start: int) -> bool:
    """Whether the year at ``start`` names a horizon ("the 2030 Agenda", "Agenda 2063")."""
    m = _HORIZON.match(text, start)
    if m is not None:
        return True
    before = re.search(r"(?:Agenda|Horizon|Vision)\s+$", text[max(0, start - 12) : start])
    return before is not None and _HORIZON.match(text, start - len(before.group(0))) is not None


def target_years(text: str, adopted_on: date | None):
    if _YEAR_LIKE.search(text) is None:  # both patterns hold a year (see year_ranges)
        return
    for m in _HORIZON.finditer(text):
        y = m["y"] or m["y2"]
        yield "year", float(y), "year", m.start("y" if m["y"] else "y2"), m.end("y" if m["y"] else "y2"), "=", None
    if adopted_on is None:
        return
    for m in _SCHEDULED.finditer(text):
        year = int(m["y"])
        if year <= adopted_on.year:
            continue
        prep = m["prep"].lower()
        comp = ">" if prep == "after" else (">=" if prep.startswith(("from", "starting", "beginning", "as")) else "=")
        yield "year", float(year), "year", m.start(), m.end(), comp, None
