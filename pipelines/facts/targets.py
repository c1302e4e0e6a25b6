"""Quantified targets and reported figures in clause text: "at least 2% of GDP", "EUR 40 billion", ...

``extract_targets(text)`` finds figures by kind, reads the comparator that precedes or follows them,
and decides whether the figure is a goal to meet (``is_normative``) or a figure reported as fact.

Conventions (see tests/test_targets.py for the variants they were checked on):
- ``value`` is numeric: "EUR 40 billion" is 4e10. Percentage changes are signed: "reduce by 30 per
  cent" is -30 with the comparator mirrored ("a reduction of at least 30%" is ``<= -30``), so
  ``value comparator`` always reads as a statement about the change.
- ``unit``: percent_of_gdp (or percent_of_gni), ISO currency code, percent, the counted noun as written
  ("nations", "Allies", "member": the sample documents' gold keeps the noun's number as printed), a
  canonical singular unit of measure for quantities ("megawatt", "troop"), a time unit in the singular
  for durations, "year" for target years and ranges of years, "date" for calendar deadlines, whose
  value is null: a deadline has a date (``target_date``), not a number, and ``deadline_text`` says it
  as written.
- ``value_high``: the high end of a range written as one figure ("1991-2000", "one or two civilians",
  "10-15 per cent"); null otherwise. Kinds beyond shares, money and changes: pipelines/facts/figures.py.
- Deadline comparators follow the preposition: "before", "prior to", "ahead of" are ``<``; "by",
  "no later than", "until", "expiring on" are ``<=``; "beginning on", "from", "starting in" are ``>=``.
- ``span_text`` is the figure without its comparator ("2% of GDP", "EUR 40 billion", "20% increase").
- Normative: a figure bound to a goal noun ("the 2% of GDP target", "a target of", "minimum baseline
  funding of") is a goal; otherwise the nearest preceding cue in the same segment (";"-separated)
  decides: a call or obligation ("to ensure", "must", "with the intention of", "committed to") makes it
  a goal, a report ("achieved", "since", "an increase of", a participle after a count) makes it a
  figure. With no cue, a figure inside a call to action (a clause that opens with "to <verb>" or an
  operative verb such as "URGES") is a goal and one in a statement is not.
- A percentage that is neither a share of GDP/GNI nor a change ("20% of equipment spending", "one-third")
  is a ``percentage``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from pipelines.facts._numbers import (
    DIGIT_NUMBER,
    DIGIT_ORDINAL,
    HAS_DIGIT,
    NUMBER,
    WORD_NUMBER,
    WORD_ORDINAL,
    YEAR,
    digit_starts,
    fold,
    matches_at,
    number_starts,
    ordinal_starts,
    parse_number,
    parse_ordinal,
    scale_of,
)
from pipelines.facts.deadlines import extract_deadlines
from pipelines.facts.figures import counts, is_horizon, labelled, percentages, quantities, target_years, year_ranges
from pipelines.facts.literals import CaseBlind, holds_any
from pipelines.facts.target_context import comparator as comparator_of
from pipelines.facts.target_context import deadline_for, goal_bound, is_range, neighbours, normative

TARGET_KINDS = (
    "share_of_gdp",
    "money",
    "percent_change",
    "percentage",
    "count",
    "quantity",
    "range",
    "ordinal",
    "year",
    "duration",
    "deadline",
)
COMPARATORS = ("=", ">=", ">", "<=", "<")


@dataclass(frozen=True)
class TargetMention:
    target_kind: str
    value: float | None
    unit: str | None
    comparator: str
    is_normative: bool
    deadline_text: str | None
    span_text: str
    text_start: int
    text_end: int
    target_date: date | None = None  # the date a "deadline" target names; other kinds carry a value
    value_high: float | None = None  # the high end of a range written as one figure


_PCT = r"(?:\s?%|\s*per[\s-]?cent\b|\s*percent\b)"
_GDP = r"(?P<base>GDP|GNI|gross\s+domestic\s+product|gross\s+national\s+(?:income|product))"
_OWNER = r"(?:(?:their|its|our|the|each|national|annual|respective|Allies['’]?|Ally['’]s)\s+){0,2}"
_SHARE = re.compile(rf"(?P<num>{NUMBER}){_PCT}\s+(?:of\s+)?{_OWNER}{_GDP}\b", re.I)
# "between 2 and 3 per cent of GDP", "2-3% of GDP", "from 2% to 3.5% of GDP": the first bound.
_SHARE_RANGE_LOW = re.compile(
    rf"(?P<num>{NUMBER})(?:{_PCT})?(?=\s*(?:-|–|to|and)\s*{NUMBER}{_PCT}\s+(?:of\s+)?{_OWNER}{_GDP}\b)", re.I
)

_CUR_PRE = (
    # the codes added later are upper case only: "to try 3 cases" is no amount in Turkish lira
    r"(?P<cur>EUR|USD|GBP|CAD|JPY|CHF|(?-i:NOK|SEK|DKK|PLN|CZK|HUF|RON|TRY|AUD)|US\s?\$|U\.S\.\s?\$|C\$|€|\$|£|¥)"
)
_SCALE = r"(?P<scale>thousand|million|billion|trillion|bn|mn|mio|tn|trn|m|k)\b"
_MONEY_PRE = re.compile(rf"{_CUR_PRE}\s?(?P<num>{DIGIT_NUMBER}|\b{WORD_NUMBER}\b)(?:\s*{_SCALE})?", re.I)
# A _MONEY_PRE match is a currency (at most 6 characters, "U.S. $") and an optional space before a number:
# it begins at most this many characters before where a number can begin
_MONEY_PRE_REACH = 7
_CUR_POST = (
    r"(?P<curw>(?:(?P<nat>US|U\.S\.|United\s+States|American|Canadian|Australian)\s+)?dollars?|euros?|"
    r"(?:British\s+)?pounds?(?:\s+sterling)?|EUR|USD|GBP)\b"
)
_MONEY_POST = re.compile(rf"(?P<num>{NUMBER})(?:\s*{_SCALE})?\s+{_CUR_POST}", re.I)
_CODES = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "c$": "CAD"}

_UP = r"increases?|rises?|growth|hikes?|boosts?|jumps?|surges?|uplifts?|gains?"
_DOWN = r"decreases?|reductions?|cuts?|declines?|drops?|falls?|contractions?"
_CHANGE_ADJ = re.compile(
    rf"(?P<num>{NUMBER}){_PCT}(?:\s+|-)(?:(?:year-on-year|annual|yearly|real(?:-terms)?|nominal|overall)\s+)?"
    rf"(?P<dir>{_UP}|{_DOWN})\b",
    re.I,
)
_CHANGE_VERB = re.compile(
    r"\b(?P<dir>increas\w*|ris(?:e|es|ing|en)|rose|grow\w*|grew|rais\w*|boost\w*|reduc\w*|cut(?:s|ting)?|"
    r"decreas\w*|lower\w*|declin\w*|drop\w*|fall\w*|fell|halv\w*)"
    r"(?P<gap>(?:\s+[A-Za-z'’-]+){0,8}?)\s+(?P<prep>by|of)\s+"
    r"(?P<comp>(?:at\s+least|more\s+than|over|up\s+to|at\s+most|almost|nearly|around|some|about)\s+)?"
    rf"(?P<num>{NUMBER}){_PCT}",
    re.I,
)
_DOWN_WORDS = re.compile(r"^(?:reduc|cut|decreas|lower|declin|drop|fall|fell|halv|contract)", re.I)

# Counted nouns: actors and assets that resolutions count. The noun is kept as written.
_COUNT_NOUN = (
    r"(?:member\s+states|member\s+countries|member\s+nations|nations|countries|states|members|allies|"
    r"partners|partner\s+countries|parties|signatories|governments|parliaments|delegations|"
    r"soldiers|servicemen|brigades|battalions|battlegroups|divisions|ships|vessels|"
    r"warships|submarines|aircraft|jets|fighters|fighter\s+jets|helicopters|tanks|missiles|shells|"
    r"drones|satellites|people|persons|civilians|refugees|children|casualties|victims|prisoners|hostages)"
)
_COUNT_ADJ = r"(?:(?:new|other|additional|further|more|remaining|individual|European|NATO|EU|Allied)\s+)?"
_COUNT = re.compile(rf"(?P<num>{NUMBER})\s+{_COUNT_ADJ}(?P<noun>{_COUNT_NOUN})\b", re.I)
_COUNT_ONE = re.compile(
    rf"\b(?P<num>one|1|a\s+single)\s+{_COUNT_ADJ}(?P<noun>member\s+state|country|nation|state|Ally|partner)\b",
    re.I,
)
_ORD_NOUN = r"(?:member\s+state|member|Ally|state|country|nation|signatory|party)"
_PLURAL_NEXT = r"(?!\s+(?:states|countries|nations|governments|parliaments|delegations|organi[sz]ations)\b)"
# "become the 33 member": an ordinal whose superscript ("33rd") was lost in conversion.
_ORDINAL_BARE = re.compile(rf"\bthe\s+(?P<num>\d{{1,3}})\s+(?P<noun>{_ORD_NOUN})(?![\w-]){_PLURAL_NEXT}", re.I)
_ORDINAL = re.compile(
    rf"(?P<num>{DIGIT_ORDINAL}|\b{WORD_ORDINAL})\s+(?:(?:new|full|NATO|EU)\s+)?(?P<noun>{_ORD_NOUN})"
    rf"(?![\w-]){_PLURAL_NEXT}",
    re.I,
)
_TIME_UNIT = r"(?P<unit>hour|day|week|month|year|decade)s?"
_DURATION_NUM = re.compile(rf"(?P<num>{NUMBER})(?:\s+|-){_TIME_UNIT}\b(?!\s+(?:ago|old)\b)", re.I)
_DURATION_REL = CaseBlind(re.compile(
    r"\b(?:within|for|over|during|in)\s+(?:(?:the\s+)?(?:next|coming|following|past|last)|a|an|one)\s+"
    r"(?:single\s+|full\s+)?(?P<unit>day|week|month|year|decade)\b",
    re.I,
))  # scanned at every position of most texts

_PRIORITY = {
    "share_of_gdp": 0,
    "money": 1,
    "percent_change": 2,
    "range": 2,
    "percentage": 3,
    "quantity": 3,
    "ordinal": 3,
    "count": 4,
    "duration": 5,
    "year": 5,
    "deadline": 5,
}


_GNI = re.compile(r"GNI|gross\s+national", re.I)
_DOWN_RX = re.compile(_DOWN, re.I)
_NOT_A_COUNT = re.compile(r"\b(?:Article|Articles|paragraph|Resolution)\s+$", re.I)
_FOUR_DIGITS = re.compile(YEAR)
_GAP_PUNCT = re.compile(r"[,;:]")

# Words without which a pattern cannot match (substrings of the folded text, see _numbers.fold).
_GDP_WORDS = ("gdp", "gni", "gross")
_CUR_WORDS = ("eur", "usd", "gbp", "cad", "jpy", "chf", "nok", "sek", "dkk", "pln", "czk", "huf", "ron", "try", "aud")
_CUR_SIGNS = ("$", "€", "£", "¥")
_CUR_POST_WORDS = ("dollar", "eur", "pound", "usd", "gbp")
_ORDINAL_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "teenth", "tieth",
)  # fmt: skip
_TIME_WORDS = ("day", "week", "month", "year", "decade", "hour")
_FRACTION_WORDS = ("half", "third", "quarter", "fifth", "tenth", " in ", " out of ")


def _not_a_count(text: str, start: int) -> bool:
    """``_NOT_A_COUNT.search(text[:start])``, reading only the last word: the pattern is a whole word
    followed by spaces up to the end."""
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == start:
        return False
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "_"):
        j -= 1
    return _NOT_A_COUNT.search(text, j, start) is not None


def _lead_ins(starts: list[int], reach: int) -> list[int]:
    """Every index from 1 to ``reach`` characters before one of ``starts``, ascending: where a pattern
    that ends its opening words right before a number can begin."""
    return sorted({q for p in starts for q in range(max(0, p - reach), p)})


def _raw_mentions(text: str, deadlines=None, adopted_on: date | None = None) -> list[tuple]:
    """(kind, value, unit, start, end, comparator override, value_high) for every pattern hit, overlaps
    included.

    ``deadlines``: ``extract_deadlines(text, adopted_on)`` when the caller has it already."""
    out = []
    folded = fold(text)
    digits = digit_starts(text)
    has_digit = bool(digits)
    starts = number_starts(digits, folded)  # the patterns that open with a NUMBER are tried there only
    has_number = bool(starts)
    has_pct = "%" in text or "cent" in folded
    if has_number and has_pct and holds_any(folded, _GDP_WORDS):
        for m in matches_at(_SHARE, text, starts):
            unit = "percent_of_gni" if _GNI.match(m["base"]) else "percent_of_gdp"
            out.append(("share_of_gdp", parse_number(m["num"]), unit, m.start(), m.end(), None))
        for m in matches_at(_SHARE_RANGE_LOW, text, starts):
            unit = "percent_of_gni" if _GNI.match(m["base"]) else "percent_of_gdp"
            out.append(("share_of_gdp", parse_number(m["num"]), unit, m.start(), m.end(), None))
    if has_number and (holds_any(folded, _CUR_WORDS) or holds_any(text, _CUR_SIGNS)):
        for m in matches_at(_MONEY_PRE, text, _lead_ins(starts, _MONEY_PRE_REACH)):
            cur = m["cur"].upper().replace(".", "").replace(" ", "")
            cur = {"US$": "USD", "C$": "CAD"}.get(cur, _CODES.get(cur.lower(), cur))
            value = parse_number(m["num"])
            if value is None:
                continue
            out.append(("money", value * scale_of(m["scale"]), cur, m.start(), m.end(), None))
    if has_number and holds_any(folded, _CUR_POST_WORDS):
        for m in matches_at(_MONEY_POST, text, starts):
            word = m["curw"].lower()
            if word.startswith(("eur", "euro")):
                cur = "EUR"
            elif word.startswith(("gbp", "pound", "british")):
                cur = "GBP"
            elif (m["nat"] or "").lower() == "canadian":
                cur = "CAD"
            elif (m["nat"] or "").lower() == "australian":
                cur = "AUD"
            else:
                cur = "USD"
            value = parse_number(m["num"])
            if value is None:
                continue
            out.append(("money", value * scale_of(m["scale"]), cur, m.start(), m.end(), None))
    if has_number and has_pct:
        for m in matches_at(_CHANGE_ADJ, text, starts):
            value = parse_number(m["num"])
            if value is None:
                continue
            sign = -1 if _DOWN_RX.match(m["dir"]) else 1
            out.append(("percent_change", sign * value, "percent", m.start(), m.end(), None))
        for m in _CHANGE_VERB.finditer(text):
            value = parse_number(m["num"])
            if value is None or _GAP_PUNCT.search(m["gap"]):
                continue
            sign = -1 if _DOWN_WORDS.match(m["dir"]) else 1
            out.append(("percent_change", sign * value, "percent", m.start("num"), m.end(), None))
    if has_digit:
        for m in _ORDINAL_BARE.finditer(text):
            out.append(("ordinal", float(m["num"]), m["noun"], m.start("num"), m.end(), None))
    if holds_any(folded, _ORDINAL_WORDS):
        ordinals = matches_at(_ORDINAL, text, ordinal_starts(digits, folded))
    else:
        ordinals = matches_at(_ORDINAL, text, digits)
    for m in ordinals:
        value = parse_ordinal(m["num"])
        # "the first State to", "a third party", "a second country": small ordinals in words are idiom
        if value is not None and (value >= 10 or m["num"][0].isdigit()):
            out.append(("ordinal", value, m["noun"], m.start(), m.end(), None))
    count_one = "1" in text or "one" in folded or "single" in folded
    for found in (matches_at(_COUNT, text, starts), _COUNT_ONE.finditer(text) if count_one else ()):
        for m in found:
            if _not_a_count(text, m.start()) or labelled(text, m.start()):
                continue
            raw = m["num"].lower()
            value = 1.0 if raw in {"one", "1"} or raw.startswith("a") else parse_number(m["num"])
            if value is None or (m["num"].isdigit() and len(m["num"]) == 4 and 1900 <= value <= 2199):
                continue
            out.append(("count", value, m["noun"], m.start(), m.end(), None))
    has_time = holds_any(folded, _TIME_WORDS)
    if has_number and has_time:
        for m in matches_at(_DURATION_NUM, text, starts):
            value = parse_number(m["num"])
            if value is None or (len(m["num"]) == 4 and m["num"].isdigit()) or re.match(r"0\d", m["num"]):
                continue  # a year, or a clock time ("0001 hours")
            out.append(("duration", value, m["unit"].lower(), m.start(), m.end(), None))
    if has_time:
        for m in _DURATION_REL.finditer(text):
            out.append(("duration", 1.0, m["unit"].lower(), m.start(), m.end(), None))
    if has_number:
        out.extend(counts(text, starts))
        out.extend(quantities(text, starts))
    if has_pct or holds_any(folded, _FRACTION_WORDS):
        # figures in digits or words are read only with a per cent sign or word; the shares in words need none
        out.extend(percentages(text, starts if has_pct else []))
    if has_digit:  # a year or a dated deadline names a four-digit year, or a day and a month
        out.extend(year_ranges(text))
        out.extend(target_years(text, adopted_on))
        for d in extract_deadlines(text, adopted_on) if deadlines is None else deadlines:
            if d.deadline_kind == "year":
                year = _FOUR_DIGITS.search(d.deadline_text)
                if not year:
                    continue
                out.append(("year", float(year.group(0)), "year", d.text_start, d.text_end, deadline_comparator(d)))
            elif d.deadline_kind in _DATED and d.deadline_date is not None and _PRINTED_DATE.search(d.deadline_text):
                out.append(("deadline", None, "date", d.text_start, d.text_end, deadline_comparator(d)))
    return [h if len(h) == 7 else (*h, None) for h in out]


_DATED = {"date", "expiry", "start"}
_PRINTED_DATE = re.compile(YEAR + r"|\d\s*(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]{2}|[A-Z][a-z]{2}\w*\.?\s+\d")
_STRICT_PREP = re.compile(r"^(?:before|prior|ahead)\b", re.I)
_AFTER_PREP = re.compile(r"^(?:beyond|after)\b", re.I)
_UPTO_PREP = re.compile(
    r"^(?:by|no[t]?\s+later|on\s+or\s+before|until|till|in\s+time|expir|terminat|ending|ends)", re.I
)


def deadline_comparator(d) -> str:
    """How a deadline phrase bounds its date: "before" is <, "by"/"until"/"expiring on" <=, a start >=."""
    text = d.deadline_text
    if _STRICT_PREP.match(text):
        return "<"
    if _AFTER_PREP.match(text):
        return ">"
    if d.deadline_kind == "start":
        return ">="
    if d.deadline_kind == "expiry" or _UPTO_PREP.match(text):
        return "<="
    return "="


def _resolve_overlaps(raw):
    chosen = []
    for item in sorted(raw, key=lambda r: (_PRIORITY[r[0]], -(r[4] - r[3]), r[3])):
        if any(item[3] < c[4] and c[3] < item[4] for c in chosen):
            continue
        chosen.append(item)
    return sorted(chosen, key=lambda r: r[3])


def extract_targets(text: str, adopted_on: date | None = None) -> list[TargetMention]:
    """Every quantified target or figure in ``text``, in text order, offsets into ``text``.

    ``adopted_on``: the document's adoption date, which places dates and years printed without a
    deadline preposition in the past (not targets) or ahead (targets); None keeps only the phrases
    that need no such date."""
    deadlines = extract_deadlines(text, adopted_on) if HAS_DIGIT.search(text) else None
    raw = _raw_mentions(text, deadlines, adopted_on)
    if not raw:
        return []
    mentions = _resolve_overlaps(raw)
    spans = [(m[3], m[4]) for m in mentions]
    bound = goal_bound(text, spans)
    if deadlines is None:
        deadlines = extract_deadlines(text, adopted_on)
    # Temporal figures do not separate a figure from its deadline ("2% of GDP target by 2024").
    quantity_spans = [sp for sp, m in zip(spans, mentions, strict=True) if m[0] not in _TEMPORAL]
    dates = {(d.text_start, d.text_end): d.deadline_date for d in deadlines}
    out: list[TargetMention] = []
    for i, (kind, value, unit, start, end, comp_override, value_high) in enumerate(mentions):
        next_start = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        comparator = comp_override or comparator_of(text, start, end)
        if kind == "percent_change" and value is not None and value < 0:
            comparator = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}.get(comparator, comparator)
        deadline = (
            text[start:end]
            if kind in {"year", "deadline"} or (kind == "duration" and text[start:end].lower().startswith("within"))
            else deadline_for(deadlines, start, end, text, *neighbours(quantity_spans, start, end, len(text)))
        )
        out.append(
            TargetMention(
                target_kind=kind,
                value=value,
                unit=unit,
                comparator=comparator,
                # a horizon year ("the 2030 Agenda") is one the text sets, whatever the clause does with it
                is_normative=(kind == "year" and is_horizon(text, start))
                or normative(text, start, end, next_start, kind, i in bound),
                deadline_text=deadline,
                span_text=text[start:end],
                text_start=start,
                text_end=end,
                target_date=dates.get((start, end)) if kind == "deadline" else None,
                value_high=value_high,
            )
        )
    return _apply_ranges(text, out)


_TEMPORAL = {"year", "deadline", "duration"}


def _apply_ranges(text: str, mentions: list[TargetMention]) -> list[TargetMention]:
    """ "between 2% and 3% of GDP": the lower bound is >=, the upper bound <=."""
    out = list(mentions)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.target_kind != b.target_kind or a.comparator != "=" or b.comparator != "=" or a.value_high is not None:
            continue
        if is_range(text, a.text_start, a.text_end, b.text_start):
            out[i] = replace(a, comparator=">=")
            out[i + 1] = replace(b, comparator="<=")
    return out
