"""How a figure sits in its clause: its comparator, whether it is a goal, which deadline it has.

Used by pipelines/facts/targets.py; the rules are described there.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipelines.facts._numbers import YEAR, fold
from pipelines.facts.literals import CaseBlind

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
# The last word of every comparator above; each pattern ends with that word, spaces, an optional
# article and spaces. ``_may_end_with_comparator`` reads the end of a text backwards to skip the
# patterns when its last word (or the one before a final article) is none of these.
_COMP_LAST_WORDS = frozenset(
    {"exceed", "exceeds", "exceeding", "exceeded", "least", "than", "of", "minimum", "to", "most", "at", "maximum"}
    | {"beyond", "above", "over", "below", "under"}
)
_ARTICLES = frozenset({"the", "a", "an"})
_REVERSED_TAIL = re.compile(r"\s+(\w+)(?:\s+(\w+))?")  # matched on the reversed text


def _may_end_with_comparator(before: str) -> bool:
    """False only when no ``_COMP_BEFORE_RX`` pattern can match ``before`` (they all end at its end)."""
    m = _REVERSED_TAIL.match(before[::-1])
    if m is None:
        return False
    last = fold(m[1][::-1])
    if last in _COMP_LAST_WORDS:
        return True
    return last in _ARTICLES and m[2] is not None and fold(m[2][::-1]) in _COMP_LAST_WORDS


def _ends_with_article(before: str) -> bool:
    """False only when ``_TRAILING_ARTICLE`` cannot match ``before``."""
    m = _REVERSED_TAIL.match(before[::-1])
    return m is not None and fold(m[1][::-1]) in _ARTICLES


_TRAILING_ARTICLE = re.compile(r"\b(?:the|a|an)\s+$", re.I)
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
_CUE = CaseBlind(_CUE_RX)  # a long alternation of words, scanned for every figure
_YEAR_RX = YEAR
_REPORTED_AFTER = re.compile(
    rf"^[^;:.\d]{{0,80}}?\b(?:since\s+{_YEAR_RX}|so\s+far|to\s+date|last\s+year|already|in\s+recent\s+years)\b",
    re.I,
)
_IN_YEAR_AFTER = re.compile(rf"^\s*(?:[A-Za-z'’-]+\s+){{0,5}}?in\s+{_YEAR_RX}\b", re.I)
_PARTICIPLE_AFTER = re.compile(r"^\s*(?:that\s+|which\s+|who\s+)?(?:(?:have|has|had|are|were)\s+)?[a-z]+(?:ing|ed)\b")
# "to renew ...", "(b) To renew the mandate ... for another period of six months": a sub-clause's action
_INFINITIVE_OPENING = re.compile(r"^\s*[Tt]o\s+[a-z]")
# Operative leads that call for action (lexicon verb classes); "Welcomes", "Notes" state, they do not call.
_CALL_CLASSES = frozenset({"urge", "request", "decide"})
# Leads of class support that still set what they approve ("Approves ... beginning on 31 December 2002").
_CALL_LEMMAS = frozenset({"approve"})


@lru_cache(maxsize=1)
def _call_leads() -> tuple[frozenset[str], int]:
    from pipelines.lexicon import load_lexicon

    phrases = frozenset(
        p
        for p, e in load_lexicon().entries.items()
        if e.position == "operative" and (e.verb_class in _CALL_CLASSES or e.lemma in _CALL_LEMMAS)
    )
    return phrases, max((len(p.split()) for p in phrases), default=1)


def is_call_to_action(text: str) -> bool:
    """A sub-clause "to <verb> ..." or a clause led by a calling operative verb ("URGES", "Calls on")."""
    if _INFINITIVE_OPENING.match(text):
        return True
    phrases, longest = _call_leads()
    words = re.findall(r"[A-Za-z-]+", text[:80].lower())
    return any(" ".join(words[:n]) in phrases for n in range(1, min(longest, len(words)) + 1))


_SEGMENT_BREAK = re.compile(r";|:|\.(?!\d)")


def comparator(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 60) : start]
    if _may_end_with_comparator(before):
        for comp, rx in _COMP_BEFORE_RX:
            if rx.search(before):
                return comp
    after = text[end : end + 20]
    for comp, rx in _COMP_AFTER_RX:
        if rx.search(after):
            return comp
    return "="


def segment(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _SEGMENT_BREAK.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            return start, m.start()
    return start, len(text)


def goal_bound(text: str, spans: list[tuple[int, int]]) -> set[int]:
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
    if _may_end_with_comparator(before):
        for _, rx in _COMP_BEFORE_RX:
            m = rx.search(before)
            if m:
                return before[: m.start()]
    if not _ends_with_article(before):
        return before
    return _TRAILING_ARTICLE.sub("", before)


def normative(text: str, start: int, end: int, next_start: int, kind: str, bound: bool) -> bool:
    if bound:
        return True
    seg_start, seg_end = segment(text, start)
    after = text[end : min(seg_end, next_start)]
    if kind == "count" and _PARTICIPLE_AFTER.match(after):
        return False  # "23 nations meeting ...", "32 Allies have met ...": a state of affairs
    if _REPORTED_AFTER.match(text[end:seg_end]):
        return False
    cue = None
    for m in _CUE.finditer(text, seg_start, start):
        cue = "norm" if m["norm"] else "rep"
    if cue == "norm":
        return True
    if cue == "rep":
        return False
    if _IN_YEAR_AFTER.match(after):
        return False  # "a 20% increase in 2024" with nothing calling for it
    return is_call_to_action(text)


_DEADLINE_REACH = 60  # characters between a figure and a deadline that still belongs to it


def deadline_for(deadlines, start: int, end: int, text: str, lo: int, hi: int) -> str | None:
    """The deadline phrase of a figure: the closest one after it, else before it, in the same segment,
    with no other figure in between (``lo``/``hi``: end of the previous figure, start of the next)."""
    seg_start, seg_end = segment(text, start)
    seg_start, seg_end = max(seg_start, lo), min(seg_end, hi)
    own = [d for d in deadlines if d.text_start <= start and d.text_end >= end]
    if own:
        return own[0].deadline_text
    later = [d for d in deadlines if end <= d.text_start <= end + _DEADLINE_REACH and d.text_end <= seg_end]
    if later:
        return min(later, key=lambda d: d.text_start).deadline_text
    earlier = [d for d in deadlines if start - _DEADLINE_REACH <= d.text_end <= start and d.text_start >= seg_start]
    if earlier:
        return max(earlier, key=lambda d: d.text_end).deadline_text
    return None


def neighbours(spans, start: int, end: int, n: int) -> tuple[int, int]:
    lo = max((e for s, e in spans if e <= start), default=0)
    hi = min((s for s, e in spans if s >= end), default=n)
    return lo, hi


def is_range(text: str, a_start: int, a_end: int, b_start: int) -> bool:
    """Whether two figures are the bounds of a range: "between 2% and 3%", "from 2 to 3", "2-3%"."""
    mid = text[a_end:b_start]
    hyphen = mid.strip() in {"-", "–"}
    return bool(_RANGE_MID.match(mid)) and (hyphen or bool(_RANGE_LOW.search(text[:a_start])))
