"""Topics of clauses, from the patterns of the seed ``topic_taxonomy.csv`` (docs/topics.md).

Each topic has a Comparative Agendas Project (CAP) major topic code and patterns: regular expressions
matched case-insensitively and word-bounded (``\\b(?:pattern)\\b``; ``(?-i:...)`` keeps a part
case-sensitive, for acronyms). So that a pattern need not spell every printed variant, a hyphen between
two letters of a pattern also matches a space, nothing, or a hyphen and a line-break space ("peace-keeping",
"peacekeeping", "Nuclear- Weapon"), "cooperat" also matches "co-operat", and any hyphen or apostrophe glyph
of the text matches its ASCII form. A topic keeps one mention per clause: the earliest match of any of its
patterns, the longest where two start at the same place.

Words that name something rather than say what the clause is about are not read: the quoted title of an
agenda item ('the item entitled "General and complete disarmament"') and the name of a committee, commission
or office ("the Committee on Democracy, Human Rights and Humanitarian Questions"), unless a pattern names
that body whole.

A sub-clause in which no pattern matches inherits the topics of its chapeau (the operative clause it
continues): "URGES member states to bolster air defences: a. to ..." is about what the chapeau says. An
operative clause still without a topic ("Approves the report of the Secretary-General") inherits the
document's main topic, but only where one CAP major topic dominates the document's operative clauses.
Inherited topics say so (``inherited_via``) and where their phrase is (``inherited_from``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from pipelines.facts.literals import gate, literal_triggers

SEEDS_DIR = Path(__file__).resolve().parent.parent.parent / "dbt_project" / "seeds"

_GLYPHS = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u00ad"} | {"\u2019": "'", "\u2018": "'"})
# Footnotes a converter appended to the last clause ("[^3]: United Nations, Treaty Series") are furniture.
_FOOTNOTE = re.compile(r"\[\^\w+\]:")
_PATTERN_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])")
# The quoted title of an agenda item, and the name of a body: read as names, not as the clause's subject.
_TITLE = re.compile(r"\b(?:entitled|titled|on the theme)\s*[\"“«‘']([^\"”»’']{1,300})[\"”»’']")
_BODY_NAME = re.compile(
    r"\b(?:Sub-?[Cc]ommittee|Committee|Commission|Office|Directorate|Working Group)"
    r"\s+(?:on|for|of)\s+(?:the\s+)?[A-Z][\w'-]*(?:(?:,\s*|\s+and\s+|\s+of\s+(?:the\s+)?|\s+for\s+|\s+)[A-Z][\w'-]*)*")

# "the Joint Analysis, Training and Education Centre", "the Special Political and Decolonization Committee":
# a body named by its subjects
_CENTRE_NAME = re.compile(
    r"\b(?:[A-Z][\w'-]*,?\s+(?:and\s+|of\s+|for\s+|on\s+)?){1,8}(?:Centre|Center|Institute|College|Academy|Organi[sz]ation|Committee|Commission)\b"
    r"(?:\s+of\s+Excellence)?")


@dataclass(frozen=True)
class TopicMention:
    topic_key: str
    topic_label: str
    cap_major: int
    matched_phrase: str
    text_start: int
    text_end: int
    inherited_from: str | None = None  # the clause the phrase is in, when the topic is inherited
    inherited_via: str | None = None  # chapeau | document


@dataclass(frozen=True)
class _Pattern:
    topic_key: str
    label: str
    cap_major: int
    regex: re.Pattern
    # lower-case strings one of which every match contains (None: unknown): a clause runs only the
    # patterns whose triggers it holds, found in one pass of an Aho-Corasick automaton, not every pattern
    triggers: tuple[str, ...] | None = None


def _loose_hyphens(pattern: str) -> str:
    """Each hyphen between two letters, outside a character class, as an optional hyphen or space."""
    out, in_class = [], False
    for i, ch in enumerate(pattern):
        if ch == "[" and (i == 0 or pattern[i - 1] != "\\"):
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        if ch == "-" and not in_class and _PATTERN_HYPHEN.match(pattern, i):
            out.append(r"(?:-\s?|\s)?")
        else:
            out.append(ch)
    return "".join(out)


def _compile(pattern: str) -> re.Pattern:
    pattern = _loose_hyphens(pattern)
    pattern = re.sub(r"(?i)(co)(operat)", r"\1-?\2", pattern)
    # ASCII word boundaries and classes, so that "é" never ends a word inside a name
    return re.compile(rf"\b(?:{pattern})\b", re.I | re.A)


@lru_cache(maxsize=4)
def load_taxonomy(seeds_dir: Path = SEEDS_DIR) -> tuple[_Pattern, ...]:
    """The seed's patterns, compiled, in the seed's order."""
    with open(seeds_dir / "topic_taxonomy.csv", newline="", encoding="utf-8") as f:
        rows = [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]
    out = []
    for r in rows:
        if r["pattern"]:
            regex = _compile(r["pattern"])
            out.append(_Pattern(r["topic_key"], r["label"], int(r["cap_major"]), regex, literal_triggers(regex)))
    return tuple(out)


def _names(text: str, lower: str) -> list[tuple[int, int]]:
    """Spans of agenda-item titles and body names in ``text`` (``lower``: the text lower-cased), each
    pattern run only where the text holds one of its literals (``literals.gate``)."""
    spans: list[tuple[int, int]] = []
    for regex, group, may_match in _NAME_PATTERNS:
        if may_match(lower):
            spans += [m.span(group) for m in regex.finditer(text)]
    return spans


# (pattern, the group that is the name, its literals' test)
_NAME_PATTERNS = tuple((regex, group, gate(regex))
                       for regex, group in ((_TITLE, 1), (_BODY_NAME, 0), (_CENTRE_NAME, 0)))


_INDEXES: dict[int, tuple] = {}  # id(taxonomy) -> (taxonomy, index): hashing 661 patterns per clause is slow


def _trigger_index(taxonomy: tuple[_Pattern, ...]) -> tuple[ahocorasick.Automaton | None, tuple[int, ...]]:
    """(an automaton finding every trigger in a lower-cased text, valued with the patterns it triggers;
    the patterns without triggers)."""
    held = _INDEXES.get(id(taxonomy))
    if held is None or held[0] is not taxonomy:
        held = _INDEXES[id(taxonomy)] = (taxonomy, _build_index(taxonomy))
    return held[1]


def _build_index(taxonomy: tuple[_Pattern, ...]) -> tuple[ahocorasick.Automaton | None, tuple[int, ...]]:
    by_word: dict[str, set[int]] = {}
    for i, p in enumerate(taxonomy):
        for t in p.triggers or ():
            by_word.setdefault(t, set()).add(i)
    always = tuple(i for i, p in enumerate(taxonomy) if not p.triggers)
    if not by_word:
        return None, always
    # Aho-Corasick reports every occurrence of every trigger, overlapping ones included, in one pass in C:
    # a regex tried at each position of the clause cost more than the patterns it ruled out
    automaton = ahocorasick.Automaton()
    for word, patterns in by_word.items():
        automaton.add_word(word, tuple(sorted(patterns)))
    automaton.make_automaton()
    return automaton, always


def _candidates(lower: str, taxonomy: tuple[_Pattern, ...]) -> list[int]:
    automaton, always = _trigger_index(taxonomy)
    found = set(always)
    if automaton is not None:
        for _, patterns in automaton.iter(lower):
            found.update(patterns)
    return sorted(found)


def match_topics(text: str, taxonomy: tuple[_Pattern, ...] | None = None) -> list[TopicMention]:
    """One mention per topic whose patterns match ``text``, in order of first appearance."""
    footnote = _FOOTNOTE.search(text)
    if footnote:
        text = text[:footnote.start()]
    norm = text.translate(_GLYPHS)  # same length: offsets stay those of ``text``
    lower = norm.lower()
    names = None  # read at the first match: a clause that no pattern matches never needs them
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
    best: dict[str, TopicMention] = {}
    for i in _candidates(lower, taxonomy):
        p = taxonomy[i]
        for m in p.regex.finditer(norm):
            start, end = m.span()
            if start != end and names is None:
                names = _names(norm, lower)
            if start == end or any(s <= start and end <= e and (s, e) != (start, end) for s, e in names):
                continue
            found = TopicMention(p.topic_key, p.label, p.cap_major, text[start:end], start, end)
            held = best.get(p.topic_key)
            if held is None or (start, -(end - start), found.matched_phrase) < (
                    held.text_start, -(held.text_end - held.text_start), held.matched_phrase):
                best[p.topic_key] = found
            break
    return sorted(best.values(), key=lambda t: (t.text_start, t.topic_key))


def extract_topic_mentions(clauses: Sequence) -> list[list[TopicMention]]:
    """The topic mentions of each clause of one document (objects with ``ref``, ``kind``, ``parent_ref``,
    ``text``): a sub-clause without a match of its own inherits its chapeau's; an operative clause still
    without one, the document's main topic when one policy area dominates the document."""
    own = [match_topics(c.text) for c in clauses]
    by_ref = {c.ref: found for c, found in zip(clauses, own, strict=True)}
    out = []
    for c, found in zip(clauses, own, strict=True):
        if not found and c.kind == "sub_operative" and by_ref.get(c.parent_ref):
            found = [_inherited(t, c.parent_ref, "chapeau") for t in by_ref[c.parent_ref]]
            by_ref[c.ref] = found
        out.append(found)
    main = _main_topic([(c.ref, found) for c, found in zip(clauses, out, strict=True) if c.kind in _OPERATIVE])
    if main is not None:
        ref, topic = main
        out = [[_inherited(topic, ref, "document")] if not found and c.kind in _OPERATIVE else found
               for c, found in zip(clauses, out, strict=True)]
    return out


_OPERATIVE = frozenset({"operative", "sub_operative"})
# A document's main topic is inherited only where one CAP major topic is named in at least this share of
# the operative clauses that have a topic, and in at least _MAIN_MIN of them.
_MAIN_SHARE = 0.5
_MAIN_MIN = 3


def _inherited(t: TopicMention, ref: str, via: str) -> TopicMention:
    if t.inherited_from is not None:
        return t
    return TopicMention(t.topic_key, t.topic_label, t.cap_major, t.matched_phrase, t.text_start, t.text_end, ref, via)


def _main_topic(per_clause: list[tuple[str, list[TopicMention]]]) -> tuple[str, TopicMention] | None:
    """(clause ref of its first mention, first mention) of the commonest topic of the dominant CAP code."""
    with_topic = [found for _, found in per_clause if found]
    if len(with_topic) < _MAIN_MIN:
        return None
    codes: dict[int, int] = {}
    for found in with_topic:
        for code in {t.cap_major for t in found}:
            codes[code] = codes.get(code, 0) + 1
    code, count = max(codes.items(), key=lambda kv: (kv[1], -kv[0]))
    if count < _MAIN_MIN or count / len(with_topic) < _MAIN_SHARE:
        return None
    if sum(n == count for n in codes.values()) > 1:  # two areas tie: no main topic
        return None
    keys: dict[str, int] = {}
    for found in with_topic:
        for t in found:
            if t.cap_major == code:
                keys[t.topic_key] = keys.get(t.topic_key, 0) + 1
    key = max(sorted(keys), key=lambda k: keys[k])
    return next((t.inherited_from or ref, t) for ref, found in per_clause for t in found if t.topic_key == key)
