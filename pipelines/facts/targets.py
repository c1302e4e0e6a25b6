"""Quantified targets and reported figures in clause text: "at least 2% of GDP", "EUR 40 billion", ...

``extract_targets(text)`` finds figures by kind, reads the comparator that precedes or follows them,
and decides whether the figure is a goal to meet (``is_normative``) or a figure reported as fact.

Conventions (see tests/test_targets.py for the variants they were checked on):
- ``value`` is numeric: "EUR 40 billion" is 4e10. Percentage changes are signed: "reduce by 30 per
  cent" is -30 with the comparator mirrored ("a reduction of at least 30%" is ``<= -30``), so
  ``value comparator`` always reads as a statement about the change.
- ``unit``: percent_of_gdp (or percent_of_gni), ISO currency code, percent, the counted noun as written
  ("nations", "Allies", "member"), a time unit in the singular for durations, "year" for target years,
  "date" for calendar deadlines (whose value is null: the date is in ``deadline_text``).
- ``span_text`` is the figure without its comparator ("2% of GDP", "EUR 40 billion", "20% increase").
- Normative: a figure bound to a goal noun ("the 2% of GDP target", "a target of", "minimum baseline
  funding of") is a goal; otherwise the nearest preceding cue in the same segment (";"-separated)
  decides: a call or obligation ("to ensure", "must", "with the intention of", "committed to") makes it
  a goal, a report ("achieved", "since", "an increase of", a participle after a count) makes it a
  figure. With no cue, a figure inside a call to action (a clause that opens with "to <verb>" or an
  operative verb such as "URGES") is a goal and one in a statement is not.
- A percentage that is neither a share of GDP/GNI nor a change ("20% of equipment spending") is not
  extracted: the contract has no kind for it yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipelines.facts._numbers import (
    DIGIT_NUMBER,
    DIGIT_ORDINAL,
    NUMBER,
    WORD_NUMBER,
    WORD_ORDINAL,
    parse_number,
    parse_ordinal,
    scale_of,
)
from pipelines.facts.deadlines import extract_deadlines

TARGET_KINDS = (
    "share_of_gdp",
    "money",
    "percent_change",
    "count",
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


_PCT = r"(?:\s?%|\s*per[\s-]?cent\b|\s*percent\b)"
_GDP = r"(?P<base>GDP|GNI|gross\s+domestic\s+product|gross\s+national\s+(?:income|product))"
_OWNER = r"(?:(?:their|its|our|the|each|national|annual|respective|Allies['’]?|Ally['’]s)\s+){0,2}"
_SHARE = re.compile(rf"(?P<num>{NUMBER}){_PCT}\s+(?:of\s+)?{_OWNER}{_GDP}\b", re.I)
# "between 2 and 3 per cent of GDP", "2-3% of GDP", "from 2% to 3.5% of GDP": the first bound.
_SHARE_RANGE_LOW = re.compile(
    rf"(?P<num>{NUMBER})(?:{_PCT})?(?=\s*(?:-|–|to|and)\s*{NUMBER}{_PCT}\s+(?:of\s+)?{_OWNER}{_GDP}\b)", re.I
)

_CUR_PRE = r"(?P<cur>EUR|USD|GBP|CAD|JPY|CHF|US\s?\$|U\.S\.\s?\$|C\$|€|\$|£|¥)"
_SCALE = r"(?P<scale>thousand|million|billion|trillion|bn|mn|mio|tn|trn|m|k)\b"
_MONEY_PRE = re.compile(rf"{_CUR_PRE}\s?(?P<num>{DIGIT_NUMBER}|\b{WORD_NUMBER}\b)(?:\s*{_SCALE})?", re.I)
_CUR_POST = (
    r"(?P<curw>(?:(?P<nat>US|American|Canadian|Australian)\s+)?dollars?|euros?|"
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
    r"troops|soldiers|personnel|servicemen|brigades|battalions|battlegroups|divisions|ships|vessels|"
    r"warships|submarines|aircraft|jets|fighters|fighter\s+jets|helicopters|tanks|missiles|rounds|shells|"
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
_ORDINAL_BARE = re.compile(
    rf"\bthe\s+(?P<num>\d{{1,3}})\s+(?P<noun>{_ORD_NOUN})(?![\w-]){_PLURAL_NEXT}", re.I
)
_ORDINAL = re.compile(
    rf"(?P<num>{DIGIT_ORDINAL}|\b{WORD_ORDINAL})\s+(?:(?:new|full|NATO|EU)\s+)?(?P<noun>{_ORD_NOUN})"
    rf"(?![\w-]){_PLURAL_NEXT}",
    re.I,
)
_TIME_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_DURATION_NUM = re.compile(rf"(?P<num>{NUMBER})(?:\s+|-){_TIME_UNIT}\b(?!\s+(?:ago|old)\b)", re.I)
_DURATION_REL = re.compile(
    r"\b(?:within|for|over|during|in)\s+(?:(?:the\s+)?(?:next|coming|following|past|last)|a|an|one)\s+"
    r"(?:single\s+|full\s+)?(?P<unit>day|week|month|year|decade)\b",
    re.I,
)

# Comparators, read right before the figure (an article may sit between: "at least the 2%").
_COMP_BEFORE = [
    (
        ">=",
        r"meet(?:s|ing)?\s+or\s+exceed(?:s|ing)?|met\s+or\s+exceeded|"
        r"reach(?:es|ing)?\s+or\s+exceed(?:s|ing)?|"
        r"at\s+least|no\s+less\s+than|not\s+less\s+than|no\s+fewer\s+than|not\s+fewer\s+than|"
        r"equal\s+to\s+or\s+(?:greater|more|higher)\s+than|a\s+floor\s+of|"
        r"(?:a\s+|the\s+)?minimum(?:\s+[A-Za-z-]+){0,3}\s+of|minimum",
    ),
    (
        "<=",
        r"up\s+to|at\s+most|no\s+more\s+than|not\s+more\s+than|not\s+exceeding|capped\s+at|"
        r"a\s+ceiling\s+of|"
        r"(?:a\s+|the\s+)?maximum(?:\s+[A-Za-z-]+){0,3}\s+of|maximum",
    ),
    (
        ">",
        r"(?:well|far|significantly|substantially|considerably)\s+(?:beyond|above|over|more\s+than)|"
        r"beyond|more\s+than|greater\s+than|higher\s+than|above|over|exceeding|exceeds?|in\s+excess\s+of|"
        r"upwards\s+of",
    ),
    ("<", r"less\s+than|fewer\s+than|lower\s+than|below|under"),
]
_COMP_BEFORE_RX = [(c, re.compile(rf"\b(?:{p})\s+(?:the\s+|a\s+|an\s+)?$", re.I)) for c, p in _COMP_BEFORE]
_COMP_AFTER_RX = [
    (">=", re.compile(r"^\s*(?:or|and)\s+(?:more|above|higher|over|greater|beyond)\b", re.I)),
    ("<=", re.compile(r"^\s*(?:or|and)\s+(?:less|fewer|below|lower|under)\b", re.I)),
]
_RANGE_LOW = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.I)
_RANGE_MID = re.compile(r"^\s*(?:and|to|-|–)\s*$", re.I)

_GOAL_NOUN = (
    r"targets?|goals?|objectives?|benchmarks?|guidelines?|pledges?|commitments?|baselines?|thresholds?|"
    r"floors?|ceilings?|quotas?|ambitions?|requirements?|obligations?|norms?|aims?"
)
# A goal noun binds the nearest figure when only words (no punctuation, no other figure) separate them.
# Words between a figure and a following goal noun must be modifiers ("2% GDP defence spending target"):
# a determiner, auxiliary, preposition or conjunction means a new phrase ("3 countries have met the target").
_FUNCTION_WORD = (
    r"the|a|an|this|that|these|those|which|who|have|has|had|is|are|was|were|be|been|will|would|can|could|"
    r"to|and|or|but|as|for|by|in|on|at|with|from|than|not"
)
_MODIFIER = rf"(?!(?:{_FUNCTION_WORD})\b)[A-Za-z'’-]+"
_GOAL_AFTER = re.compile(rf"^(?:[\s-]+{_MODIFIER}){{0,3}}?[\s-]+(?:{_GOAL_NOUN})\b", re.I)
_GOAL_BEFORE = re.compile(rf"\b(?:{_GOAL_NOUN})\b(?:[\s-]+[A-Za-z'’-]+){{0,4}}?\s*$", re.I)

_NORMATIVE_CUE = (
    r"must|should|shall|ought\s+to|needs?\s+to|need\s+for|required\s+to|"
    r"to\s+(?:ensure|meet|reach|achieve|attain|spend|invest|allocate|raise|increase|commit|become|join|provide|"
    r"deliver|fulfil|fulfill|honour|honor|dedicate|devote|contribute|set|agree|adopt|double|triple|halve|cut|"
    r"reduce|lower|boost|maintain|keep|sustain|exceed|move|bring|grow|expand|accede)|"
    r"with\s+the\s+(?:intention|aim|goal|objective|ambition|view)\s+of|intend(?:s|ed|ing)?\s+to|"
    r"aim(?:s|ed|ing)?\s+(?:to|at|for)|commit(?:s|ted|ting)?\s+(?:themselves\s+)?to|commitment\s+to|"
    r"pledg(?:e|es|ed|ing)\s+to|call(?:s|ed|ing)?\s+(?:on|upon|for)|urg(?:e|es|ed|ing)|request(?:s|ed|ing)?|"
    r"in\s+order\s+to|so\s+as\s+to"
)
_REPORTED_CUE = (
    r"since|so\s+far|to\s+date|already|last\s+year|in\s+the\s+past|over\s+the\s+past|(?:have|has|had)\s+\w+|"
    r"achieved|reached|recorded|registered|spent|rose|grew|fell|amounted|totall?ed|increased|decreased|"
    r"doubled|progress|an?\s+(?:increase|rise|decrease|drop|growth|reduction|decline)\s+of|meeting|exceeding|"
    r"met|exceeded|was|were|is\s+now|are\s+now|currently"
)
_CUE_RX = re.compile(rf"\b(?:(?P<norm>{_NORMATIVE_CUE})|(?P<rep>{_REPORTED_CUE}))\b", re.I)
_YEAR_RX = r"(?:19|20|21)\d\d"
_REPORTED_AFTER = re.compile(
    rf"^[^;:.\d]{{0,80}}?\b(?:since\s+{_YEAR_RX}|so\s+far|to\s+date|last\s+year|already|in\s+recent\s+years)\b",
    re.I,
)
_IN_YEAR_AFTER = re.compile(rf"^\s*(?:[A-Za-z'’-]+\s+){{0,5}}?in\s+{_YEAR_RX}\b", re.I)
_PARTICIPLE_AFTER = re.compile(
    r"^\s*(?:that\s+|which\s+|who\s+)?(?:(?:have|has|had|are|were)\s+)?[a-z]+(?:ing|ed)\b"
)
_CALL_OPENING = re.compile(
    r"^\s*(?:to\s+[a-z]|(?-i:[A-Z]{3,})(?:\s+(?-i:[A-Z]{2,}))*\b|(?:calls?|urges?|requests?|invites?|encourages?|"
    r"demands?|decides?|resolves?|instructs?|directs?)\b)",
    re.I,
)
_SEGMENT_BREAK = re.compile(r";|:|\.(?!\d)")

_PRIORITY = {
    "share_of_gdp": 0,
    "money": 1,
    "percent_change": 2,
    "ordinal": 3,
    "count": 4,
    "duration": 5,
    "year": 5,
    "deadline": 5,
}


def _comparator(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 60) : start]
    for comp, rx in _COMP_BEFORE_RX:
        if rx.search(before):
            return comp
    after = text[end : end + 20]
    for comp, rx in _COMP_AFTER_RX:
        if rx.search(after):
            return comp
    return "="


def _segment(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _SEGMENT_BREAK.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            return start, m.start()
    return start, len(text)


def _raw_mentions(text: str) -> list[tuple[str, float | None, str | None, int, int, str | None]]:
    """(kind, value, unit, start, end, comparator override) for every pattern hit, overlaps included."""
    out = []
    for m in _SHARE.finditer(text):
        unit = "percent_of_gni" if re.match(r"GNI|gross\s+national", m["base"], re.I) else "percent_of_gdp"
        out.append(("share_of_gdp", parse_number(m["num"]), unit, m.start(), m.end(), None))
    for m in _SHARE_RANGE_LOW.finditer(text):
        unit = "percent_of_gni" if re.match(r"GNI|gross\s+national", m["base"], re.I) else "percent_of_gdp"
        out.append(("share_of_gdp", parse_number(m["num"]), unit, m.start(), m.end(), None))
    for m in _MONEY_PRE.finditer(text):
        cur = m["cur"].upper().replace(".", "").replace(" ", "")
        cur = {"US$": "USD", "C$": "CAD"}.get(cur, _CODES.get(cur.lower(), cur))
        value = parse_number(m["num"])
        if value is None:
            continue
        out.append(("money", value * scale_of(m["scale"]), cur, m.start(), m.end(), None))
    for m in _MONEY_POST.finditer(text):
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
    for m in _CHANGE_ADJ.finditer(text):
        value = parse_number(m["num"])
        if value is None:
            continue
        sign = -1 if re.match(_DOWN, m["dir"], re.I) else 1
        out.append(("percent_change", sign * value, "percent", m.start(), m.end(), None))
    for m in _CHANGE_VERB.finditer(text):
        value = parse_number(m["num"])
        if value is None or re.search(r"[,;:]", m["gap"]):
            continue
        sign = -1 if _DOWN_WORDS.match(m["dir"]) else 1
        out.append(("percent_change", sign * value, "percent", m.start("num"), m.end(), None))
    for m in _ORDINAL_BARE.finditer(text):
        out.append(("ordinal", float(m["num"]), m["noun"], m.start("num"), m.end(), None))
    for m in _ORDINAL.finditer(text):
        value = parse_ordinal(m["num"])
        if value is not None:
            out.append(("ordinal", value, m["noun"], m.start(), m.end(), None))
    for rx in (_COUNT, _COUNT_ONE):
        for m in rx.finditer(text):
            if re.search(r"\b(?:Article|Articles|paragraph|Resolution)\s+$", text[: m.start()], re.I):
                continue
            raw = m["num"].lower()
            value = 1.0 if raw in {"one", "1"} or raw.startswith("a") else parse_number(m["num"])
            if value is None or (m["num"].isdigit() and len(m["num"]) == 4 and 1900 <= value <= 2199):
                continue
            out.append(("count", value, m["noun"], m.start(), m.end(), None))
    for m in _DURATION_NUM.finditer(text):
        value = parse_number(m["num"])
        if value is None or (len(m["num"]) == 4 and m["num"].isdigit()):
            continue
        out.append(("duration", value, m["unit"].lower(), m.start(), m.end(), None))
    for m in _DURATION_REL.finditer(text):
        out.append(("duration", 1.0, m["unit"].lower(), m.start(), m.end(), None))
    for d in extract_deadlines(text, None):
        if d.deadline_kind == "year":
            year = re.search(r"(?:19|20|21)\d\d", d.deadline_text)
            if not year:
                continue
            prep = d.deadline_text.lower()
            comp = (
                "<"
                if prep.startswith(("before", "prior", "ahead"))
                else ("<=" if re.match(r"n[oo]t?\s+later|on\s+or\s+before", prep) else "=")
            )
            out.append(("year", float(year.group(0)), "year", d.text_start, d.text_end, comp))
        elif d.deadline_kind == "date" and re.search(r"(?:19|20|21)\d\d", d.deadline_text):
            out.append(("deadline", None, "date", d.text_start, d.text_end, None))
    return out


def _resolve_overlaps(raw):
    chosen = []
    for item in sorted(raw, key=lambda r: (_PRIORITY[r[0]], -(r[4] - r[3]), r[3])):
        if any(item[3] < c[4] and c[3] < item[4] for c in chosen):
            continue
        chosen.append(item)
    return sorted(chosen, key=lambda r: r[3])


def _goal_bound(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Indexes of the figures a goal noun ("target", "pledge", "baseline", ...) binds.

    A goal noun binds the closest figure it is connected to by words only; when a figure sits on each
    side at the same distance, the one before wins ("the 2% target by 2024": the noun heads "2%").
    """
    bound = set()
    for i, (s, e) in enumerate(spans):
        nxt = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        prv = spans[i - 1][1] if i > 0 else 0
        after = _GOAL_AFTER.match(text[e:nxt])
        if after:
            bound.add(i)
            continue
        before = _GOAL_BEFORE.search(_strip_comparator(text[prv:s]))
        if before:
            gap_to_prev = len(text[prv:s][: before.start()].strip()) if i > 0 else None
            # The noun right after the previous figure belongs to it ("the 2% target by 2024").
            if gap_to_prev is not None and gap_to_prev == 0 and (i - 1) in bound:
                continue
            bound.add(i)
    return bound


def _strip_comparator(before: str) -> str:
    for _, rx in _COMP_BEFORE_RX:
        m = rx.search(before)
        if m:
            return before[: m.start()]
    return re.sub(r"\b(?:the|a|an)\s+$", "", before, flags=re.I)


def _normative(text: str, start: int, end: int, next_start: int, kind: str, bound: bool) -> bool:
    if bound:
        return True
    seg_start, seg_end = _segment(text, start)
    after = text[end : min(seg_end, next_start)]
    if kind == "count" and _PARTICIPLE_AFTER.match(after):
        return False  # "23 nations meeting ...", "32 Allies have met ...": a state of affairs
    if _REPORTED_AFTER.match(text[end:seg_end]):
        return False
    cue = None
    for m in _CUE_RX.finditer(text, seg_start, start):
        cue = "norm" if m["norm"] else "rep"
    if cue == "norm":
        return True
    if cue == "rep":
        return False
    if _IN_YEAR_AFTER.match(after):
        return False  # "a 20% increase in 2024" with nothing calling for it
    return bool(_CALL_OPENING.match(text))


_DEADLINE_REACH = 60  # characters between a figure and a deadline that still belongs to it


def _deadline_for(deadlines, start: int, end: int, text: str, lo: int, hi: int) -> str | None:
    """The deadline phrase of a figure: the closest one after it, else before it, in the same segment,
    with no other figure in between (``lo``/``hi``: end of the previous figure, start of the next)."""
    seg_start, seg_end = _segment(text, start)
    seg_start, seg_end = max(seg_start, lo), min(seg_end, hi)
    own = [d for d in deadlines if d.text_start <= start and d.text_end >= end]
    if own:
        return own[0].deadline_text
    later = [d for d in deadlines if end <= d.text_start <= end + _DEADLINE_REACH and d.text_end <= seg_end]
    if later:
        return min(later, key=lambda d: d.text_start).deadline_text
    earlier = [
        d for d in deadlines if start - _DEADLINE_REACH <= d.text_end <= start and d.text_start >= seg_start
    ]
    if earlier:
        return max(earlier, key=lambda d: d.text_end).deadline_text
    return None


def extract_targets(text: str) -> list[TargetMention]:
    """Every quantified target or figure in ``text``, in text order, offsets into ``text``."""
    mentions = _resolve_overlaps(_raw_mentions(text))
    spans = [(m[3], m[4]) for m in mentions]
    bound = _goal_bound(text, spans)
    deadlines = extract_deadlines(text, None)
    # Temporal figures do not separate a figure from its deadline ("2% of GDP target by 2024").
    quantity_spans = [sp for sp, m in zip(spans, mentions, strict=True) if m[0] not in _TEMPORAL]
    out: list[TargetMention] = []
    for i, (kind, value, unit, start, end, comp_override) in enumerate(mentions):
        next_start = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        comparator = comp_override or _comparator(text, start, end)
        if kind == "percent_change" and value is not None and value < 0:
            comparator = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}.get(comparator, comparator)
        deadline = (
            text[start:end]
            if kind in {"year", "deadline"}
            or (kind == "duration" and text[start:end].lower().startswith("within"))
            else _deadline_for(
                deadlines, start, end, text, *_neighbours(quantity_spans, start, end, len(text))
            )
        )
        out.append(
            TargetMention(
                target_kind=kind,
                value=value,
                unit=unit,
                comparator=comparator,
                is_normative=_normative(text, start, end, next_start, kind, i in bound),
                deadline_text=deadline,
                span_text=text[start:end],
                text_start=start,
                text_end=end,
            )
        )
    return _apply_ranges(text, out)


_TEMPORAL = {"year", "deadline", "duration"}


def _neighbours(spans, start: int, end: int, n: int) -> tuple[int, int]:
    lo = max((e for s, e in spans if e <= start), default=0)
    hi = min((s for s, e in spans if s >= end), default=n)
    return lo, hi


def _apply_ranges(text: str, mentions: list[TargetMention]) -> list[TargetMention]:
    """ "between 2% and 3% of GDP": the lower bound is >=, the upper bound <=."""
    out = list(mentions)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.target_kind != b.target_kind or a.comparator != "=" or b.comparator != "=":
            continue
        mid = text[a.text_end : b.text_start]
        hyphen = mid.strip() in {"-", "–"}
        if _RANGE_MID.match(mid) and (hyphen or _RANGE_LOW.search(text[: a.text_start])):
            out[i] = replace(a, comparator=">=")
            out[i + 1] = replace(b, comparator="<=")
    return out
