"""Entity mentions in clause text: states, organisations and their organs, regions, programmes.

Matching is on tokens, the way dictionary taggers do it: an alias matches whole words only ("EU" in
"non-EU", never in "neutral"), case-sensitively (proper names are capitalised: "Chad", not "chad"),
with any apostrophe or hyphen glyph, and leftmost-longest ("Republic of Korea" inside "Democratic
People's Republic of Korea" is North Korea, "Guinea" inside "Papua New Guinea" is not Guinea). A hyphenated
alias also matches with the hyphen lost ("SecretaryGeneral", as text extraction prints it), a demonym in
the plural ("Cambodians"), a state's name after its form of state ("People's Republic of Benin").

Resolutions name a body once and then call it by its head noun: "the Council", "the Force", "the
Court". A capitalised head noun after "the" is a mention of the document's own body when the body has that
head (in a Security Council text "the Council" is the Security Council), otherwise of the entity with that
head named last in the document. Only clause text is read, so page headers never give a mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from pipelines.facts.gazetteer import Entity, load_gazetteer

_TOKEN = re.compile(r"\w+|[^\w\s]")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_HYPHENS = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u00ad"} | {"\u2019": "'", "\u2018": "'"})

# The nouns a resolution calls a named body by, once named ("the Council", "the Force").
HEADS = frozenset({"Council", "Assembly", "Force", "Committee", "Court", "Agency", "Mission", "Commission",
                   "Conference", "Tribunal", "Parliament", "Union", "Alliance", "Board", "Fund",
                   "Programme", "Office", "Organization", "Organisation"})
# A head that, never named in the document, still has one referent in the genre.
_HEAD_DEFAULTS = {"Alliance": "NATO"}
_BEFORE_ANAPHOR = frozenset({"the", "The", "this", "This"})
_NOT_AFTER_ANAPHOR = frozenset({"of", "on", "for", "-"})  # "the Council of Europe" names another body
# A state's name before these nouns names an instrument or a meeting ("Beijing Declaration"), not the state.
_INSTRUMENT_NOUNS = frozenset({"Declaration", "Platform", "Accord", "Accords", "Agreement", "Agreements", "Protocol",
                               "Summit", "Process", "Format", "Document", "Principles", "Guidelines", "Consensus"})
# Footnotes that a converter appended to the last clause ("[^3]: United Nations, Treaty Series") are furniture.
_FOOTNOTE = re.compile(r"\[\^\w+\]:")
_HEAD_END = frozenset({"of", "on", "for", "in", "against", "to"})
# Forms of state printed before a state's short name ("Kingdom of Lesotho", "People's Republic of Benin").
_FORM_HEADS = frozenset({"Republic", "Kingdom", "State", "Principality", "Duchy", "Sultanate", "Federation",
                         "Commonwealth", "Union", "Emirate"})
_FORM_ADJECTIVES = frozenset({"People", "'", "s", "Democratic", "Socialist", "Federal", "Islamic", "United",
                              "Arab", "Popular", "Federative", "Plurinational", "Bolivarian", "Hashemite",
                              "Independent", "Cooperative", "Oriental", "Grand"})


@dataclass(frozen=True)
class Mention:
    entity_name: str
    entity_type: str
    iso3: str | None
    mention_text: str
    text_start: int
    text_end: int


def _norm(token: str) -> str:
    return token.translate(_HYPHENS)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return list(zip(*_token_columns(text), strict=True))


def _token_columns(text: str) -> tuple[list[str], list[int], list[int]]:
    """The tokens of ``text``, their start offsets and their end offsets. A split on the token pattern
    alternates the text between tokens with the tokens, so the offsets are running sums of the pieces'
    lengths: three lists built in C instead of a match object per token."""
    # every glyph _HYPHENS maps is one non-word character mapped to another, so the normalised text has
    # the same tokens at the same offsets: normalising it once is normalising each token
    pieces = _TOKEN_SPLIT.split(_norm(text))
    offsets = list(accumulate(map(len, pieces), initial=0))
    return pieces[1::2], offsets[1:-1:2], offsets[2::2]


def _variants(alias: str, entity: Entity) -> list[tuple[str, ...]]:
    toks = tuple(t for t, _, _ in _tokens(alias))
    out = [toks]
    if "-" in toks:  # "Secretary-General" printed "SecretaryGeneral"
        joined = re.sub(r"(?<=\w)-(?=\w)", "", _norm(alias))
        out.append(tuple(t for t, _, _ in _tokens(joined)))
    if entity.entity_type == "state" and len(toks) == 1 and re.search(r"(an|i)$", toks[0]):
        out.append((toks[0] + "s",))  # demonyms in the plural: "Cambodians", "Israelis"
    return out


@lru_cache(maxsize=4)
def _index(aliases_key: int = 0) -> dict[str, list[tuple[tuple[str, ...], Entity]]]:
    """First token -> [(alias tokens, entity)], longest first."""
    by_first: dict[str, list[tuple[tuple[str, ...], Entity]]] = {}
    for alias, entity in load_gazetteer().items():
        for toks in _variants(alias, entity):
            if toks:
                by_first.setdefault(toks[0], []).append((toks, entity))
    for entries in by_first.values():
        entries.sort(key=lambda e: -len(e[0]))
    return by_first


def _head(toks: Iterable[str]) -> str | None:
    head = None
    for t in toks:
        if t in _HEAD_END and head:
            break
        if t in HEADS:
            head = t
    return head


def _form_start(words: list[str], i: int) -> int:
    """First token of the form of state printed before the state name at token i ("People's Republic of")."""
    j = i
    if i >= 2 and words[i - 1] == "of":
        k = i - 3 if words[i - 2] == "the" else i - 2
        if k >= 0 and words[k] in _FORM_HEADS:
            j = k
    if words[j] not in _FORM_HEADS:
        return i
    while j > 0 and words[j - 1] in _FORM_ADJECTIVES:
        j -= 1
    while words[j] in {"'", "s"}:  # never start inside "People's"
        j += 1
    return j


def find_named(text: str) -> list[tuple[Entity, int, int, tuple[str, ...]]]:
    """Named mentions in ``text``: (entity, token start, token end, alias tokens), leftmost-longest."""
    return _named_in(_token_columns(text)[0])


def _named_in(words: list[str]) -> list[tuple[Entity, int, int, tuple[str, ...]]]:
    """``find_named`` on text already tokenised (the tokens of ``_token_columns``)."""
    index = _index()
    out = []
    last_end = 0
    # only a token that opens an alias can open a mention; one inside the mention before it cannot
    for i in [i for i, w in enumerate(words) if w in index]:
        if i < last_end:
            continue
        for toks, entity in index[words[i]]:
            if tuple(words[i:i + len(toks)]) == toks:
                start = max(last_end, _form_start(words, i)) if entity.entity_type == "state" else i
                last_end = i + len(toks)
                out.append((entity, start, last_end, toks))
                break
    return out


class DocumentMentions:
    """Mentions clause by clause, in document order, remembering which body each head noun names."""

    def __init__(self, body: str | None = None):
        self.last_named: dict[str, Entity] = {}
        self.body: Entity | None = None
        self.body_head: str | None = None
        if body:
            named = find_named(body)
            if named:
                self.body, _, _, toks = named[-1]
                self.body_head = _head(toks)

    def _anaphor(self, head: str) -> Entity | None:
        if head == self.body_head:
            return self.body
        if head in self.last_named:
            return self.last_named[head]
        if head in {"Organization", "Organisation"} and self.body and self.body.name.startswith("UN "):
            return _entity_named("United Nations")  # the Charter's name for the UN
        if head in _HEAD_DEFAULTS:
            return _entity_named(_HEAD_DEFAULTS[head])
        return None

    def clause(self, text: str) -> list[Mention]:
        footnote = _FOOTNOTE.search(text)
        if footnote:
            text = text[:footnote.start()]
        words, starts, ends = _token_columns(text)
        named = {start: (entity, end, toks) for entity, start, end, toks in _named_in(words)}
        out: list[Mention] = []
        unknown: set[str] = set()  # heads of bodies named in this clause that the gazetteer lacks
        skip_to = 0  # the tokens of a mention are read as that mention only
        # only where a mention starts or a head noun stands is there anything to read
        for i in sorted(named.keys() | {i for i, w in enumerate(words) if w in HEADS}):
            if i < skip_to:
                continue
            if i in named:
                entity, end, toks = named[i]
                skip_to = end
                after = words[end] if end < len(words) else ""
                if entity.entity_type == "state" and after in _INSTRUMENT_NOUNS:
                    continue
                if (out and out[-1].entity_name == entity.name and i >= 1 and words[i - 1] == "("
                        and after == ")" and out[-1].text_end + 2 >= starts[i - 1]):
                    continue  # "United Nations Protection Force (UNPROFOR)": the acronym's definition
                out.append(Mention(entity.name, entity.entity_type, entity.iso3,
                                   text[starts[i]:ends[end - 1]], starts[i], ends[end - 1]))
                head = _head(toks)
                if head and entity.entity_type in {"organ", "organisation"}:
                    self.last_named[head] = entity
                continue
            word = words[i]
            if i > 0 and words[i - 1][:1].isupper() and words[i - 1] not in _BEFORE_ANAPHOR:
                unknown.add(word)  # "the Supreme National Council": "the Council" in this clause is that body
            elif (word not in unknown and i > 0 and words[i - 1] in _BEFORE_ANAPHOR
                    and (i + 1 == len(words) or words[i + 1] not in _NOT_AFTER_ANAPHOR)):
                entity = self._anaphor(word)
                if entity is not None:
                    out.append(Mention(entity.name, entity.entity_type, entity.iso3, text[starts[i]:ends[i]],
                                       starts[i], ends[i]))
        return out


@lru_cache(maxsize=64)
def _entity_named(name: str) -> Entity | None:
    # the gazetteer is read once per process (load_gazetteer is cached), so the entity of a name is too:
    # the scan over every alias ran for each anaphor ("the Organization", "the Alliance")
    return next((e for e in load_gazetteer().values() if e.name == name), None)


def extract_entity_mentions(clause_texts: Iterable[str], body: str | None = None) -> list[list[Mention]]:
    """The mentions of each clause text, in document order (the texts of one document)."""
    doc = DocumentMentions(body)
    return [doc.clause(text) for text in clause_texts]
