"""Commitment actions: one row per action an operative clause asks for or decides.

A commitment is an operative clause that calls on someone (or on the body itself) to act; an *action*
is each thing it asks for. "Calls upon States to sign and ratify the Treaty and to report by 2026" is
one commitment with three actions (sign, ratify, report), each with its own addressee, deadline and
words. The rules are about the genre's grammar, not about any text:

- a clause is cut into *calls*: its lead ("Requests the Secretary-General") and every further
  operative lead coordinated with it (", and authorizes him", "; further requests the Committee");
- a call's actions are its infinitives ("to V ..., to W ... and to X"), the verbs coordinated with
  them ("to sign and ratify"), the verbs of a that-clause ("Demands that all parties cooperate ...
  and take ..."), or, for the body's own acts without an infinitive ("Approves the report"), the
  lead itself; purpose clauses ("in order to", "so as to") and relative clauses are not actions;
- the action under "continue", "keep", "remain" or an adverb "further" is the verb it governs
  ("to continue to bolster" -> bolster), flagged as a continuation; so are the actions of a repeated
  call ("Reiterates its call", "Calls again upon", "Reaffirms its intention");
- each action has an addressee and an ``addressee_kind``: ``self`` (the adopting body acts),
  ``member_states``, ``named_body`` (an organ, official, agency, committee, mission), ``named_state``
  or ``other``; a sub-clause inherits the call of the clause it belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import polars as pl
from lemminflect import getAllLemmas

from pipelines.facts.deadlines import Deadline, extract_deadlines
from pipelines.facts.entities import find_named
from pipelines.facts.literals import CaseBlind
from pipelines.frames import rows_frame
from pipelines.lexicon import Lexicon, load_lexicon
from pipelines.parsing.leads import (
    PARTICLES,
    SKIPPED_ADVERBS,
    addressee_after,
    is_base_verb,
    is_participle,
    third_person_lemma,
    verb_lemma,
)
from pipelines.parsing.model import Clause, ParsedDocument

ADDRESSEE_KINDS = ("self", "member_states", "named_body", "named_state", "other")

# lead classes whose calls name who must act; the others are the body's own acts or statements
_DIRECTIVE_CLASSES = frozenset({"urge", "request"})
# lead classes whose object, when no infinitive follows, is an act of the body itself ("Approves the report")
_SELF_ACT_LEMMAS = frozenset({"decide", "resolve", "adopt", "approve", "confirm", "establish", "proclaim"})
# "Reiterates its call upon States to ...", "Renews its appeal to all parties to ...": a repeated directive
_REPEATED_CALL = re.compile(r"(?:its|their)\s+(?:\w+\s+)?(?:calls?|requests?|appeals?|demands?|invitation|"
                            r"encouragement|urging)\s+(?:up)?(?:on|to)?\s*", re.I)
# "reaffirms its intention to review": the body commits itself
_OWN_INTENT = re.compile(r"(?:its|their|our)\s+(?:\w+\s+)?(?:intention|determination|decision|readiness|"
                         r"willingness|resolve|commitment|will)\s+to\s+", re.I)
# leads that say the call is repeated
_REPEATING_LEMMAS = frozenset({"reiterate", "reaffirm", "renew", "recall"})
_AGAIN = re.compile(r"\b(?:again|anew|once more|reiterat\w*|renew\w*)\b", re.I)
# verbs an item may open with before "to" ("2.3. seek to ..."), as opposed to a noun ("Access to ...")
_TO_VERBS = frozenset({"seek", "strive", "endeavour", "endeavor", "undertake", "commit", "refrain", "aim", "work"})
# verbs that carry an action on: the action is the verb they govern
_CARRYING_ON = frozenset({"continue", "keep", "remain", "maintain", "sustain", "pursue"})

# verbs whose action is the verb with its words: "take place", "come into force", "live up to"
PHRASAL_ACTIONS = ("take into account", "take into consideration", "take place", "take note", "take forward",
                   "come into force", "enter into force", "live up to", "carry out", "follow up", "set up",
                   "make use", "make available", "give priority", "pay attention", "bring to justice")
_WORD = re.compile(r"[A-Za-z][A-Za-z’'\-]*[A-Za-z]|[A-Za-z]")
_MODALS = frozenset({"shall", "should", "will", "must"})
_HEDGES = frozenset({"may", "might", "can", "could", "would"})  # possibility, not an obligation
# words after which the rest of a call is not a further action of it
_PURPOSE = re.compile(
    r"\b(?:in\s+order\s+(?:to|that)|so\s+as\s+to|with\s+a\s+view\s+to|so\s+that|in\s+such\s+a\s+way|"
    r"aim(?:ed|ing)\s+at|with\s+the\s+aim\s+of|for\s+the\s+purpose\s+of|including\s+by|including|"
    r"which|whose|who|whom|where|whereby|while|whilst|thereby)\b",
    re.I,
)
_COORD_TO = re.compile(r"(?:[,;]\s*(?:and\s+|or\s+|as\s+well\s+as\s+)?|\s+(?:and|or)\s+|\s+as\s+well\s+as\s+)"
                       r"(?:(?:also|further|then|thereafter|subsequently|in\s+particular|particularly|especially|"
                       r"notably|inter\s+alia)\s*,?\s+)?(?P<neg>not\s+)?to\s+(?=[a-z])", re.I)
# "or" offers an alternative ("refrain or desist"), not a further action
_COORD_VERB = re.compile(r"(?:,\s*(?:and)?|\s+and)\s+(?=(?P<w>[a-z][a-z\-]*)\b)")
_OBJECT_WORDS = frozenset(
    "the a an that all its their his her any every appropriate effective further measures steps necessary "
    "national such this these those adequate sufficient full new concrete urgent immediate them it him "
    "with to in on for from by into under upon between against within".split())
_PRONOUNS = frozenset({"him", "her", "them", "it", "they", "he", "she"})
_GENERIC_STATES = re.compile(
    r"\b(?:States|Governments|governments|countries|Allies|Member\s+States|member\s+states|nations|"
    r"States\s+Parties|States\s+parties|host\s+(?:country|countries|State|States)|"
    r"parliaments|national\s+parliaments|those\s+that|those\s+which|those\s+who)\b"
)
_ORGAN_WORDS = re.compile(
    r"\b(?:Secretary-General|Secretary\s+General|Secretariat|Committee|Commission|Council|Mission|Force|"
    r"Agency|Office|Conference|Co-Presidents?|President|Chair(?:man|person)?|Rapporteur|High\s+Commissioner|"
    r"Board|Court|Tribunal|Programme|Fund|Panel|Group|Envoy|Representative|Coordinator|Bureau|Organization|"
    r"Organisation|Authority|Institute|Bank|Parliament|Assembly|Union|Alliance|Observer|Operation|Agencies|"
    r"organs|agencies|bodies|institutions|Headquarters|Command)\b"
)


@dataclass(frozen=True)
class Action:
    ordinal: int
    operative_lemma: str | None
    action_lemma: str
    action_text: str
    verb_text: str  # the verb as written ("continue to bolster")
    is_continuation: bool
    addressee: str | None
    addressee_kind: str
    deadline: Deadline | None
    text_start: int  # span of the action's words in the clause text
    text_end: int


@dataclass
class _Call:
    lemma: str | None
    verb_class: str | None
    addressee: str | None
    start: int  # where the call's complement starts (after lead and addressee)
    end: int
    repeated: bool = False
    item: bool = False  # a lettered item: "(a) That the host country take ..." is a mandate
    actions: list[tuple[str, bool, int, int, str | None]] = field(default_factory=list)


def _words(text: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    return list(_WORD.finditer(text, start, len(text) if end is None else end))


@lru_cache(maxsize=4096)
def _is_noun(word: str) -> bool:
    return bool(getAllLemmas(word, upos="NOUN"))


@lru_cache(maxsize=4096)
def _base_verb(word: str) -> bool:
    """A verb in its base form; hyphenated and British spellings of the genre count ("co-operate",
    "operationalise")."""
    if is_base_verb(word) or ("-" in word and is_base_verb(word.replace("-", ""))):
        return True
    if word.endswith("ise") and is_base_verb(word[:-3] + "ize"):
        return True
    # a word the dictionary does not know that ends like a verb of the genre ("operationalise")
    return len(word) > 6 and word.endswith(("ise", "ize")) and not getAllLemmas(word)


@lru_cache(maxsize=4)
def _operative_leads(lex: Lexicon) -> dict[str, tuple[str, str]]:
    """Operative lead phrase (lower case) -> (lemma, verb class)."""
    return {p: (e.lemma, e.verb_class) for p, e in lex.entries.items() if e.position == "operative"}


@lru_cache(maxsize=4)
def _operative_classes(lex: Lexicon) -> dict[str, str]:
    """Operative lemma -> verb class (the last listing of a lemma wins, as a dict built in order)."""
    return {e.lemma: e.verb_class for e in lex.entries.values() if e.position == "operative"}


@lru_cache(maxsize=4)
def _secondary_lead_pattern(lex: Lexicon) -> re.Pattern:
    phrases = sorted(_operative_leads(lex), key=len, reverse=True)
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases if p not in ("is", "remains"))
    return re.compile(
        r"(?:[,;]\s*(?:and\s+)?|\s+and\s+)(?:(?:also|further|again|once\s+again|strongly|therefore|"
        rf"accordingly|firmly)\s+)*(?P<lead>{alternatives}|authori[sz]es)\b(?P<again>\s+again)?",
        re.I,
    )


@lru_cache(maxsize=4)
def _base_form_leads(lex: Lexicon) -> dict[str, tuple[str, str]]:
    """Operative leads in the base form an item uses ("To call upon", "To request") -> (lemma, class)."""
    return {e.lemma: (e.lemma, e.verb_class) for e in lex.entries.values()
            if e.position == "operative" and e.verb_class in _DIRECTIVE_CLASSES}


@lru_cache(maxsize=4)
def _base_form_lead_pattern(lex: Lexicon) -> re.Pattern:
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+")
                            for p in sorted(_base_form_leads(lex), key=len, reverse=True))
    return re.compile(rf"\s*(?:and\s+)?to\s+(?P<lead>{alternatives})\b(?!\s+(?:to|that)\b)", re.I)


def _lead_of(phrase: str, lex: Lexicon) -> tuple[str, str]:
    phrase = " ".join(phrase.lower().split())
    found = _operative_leads(lex).get(phrase)
    if found:
        return found
    word = phrase.split()[-1] if phrase else ""
    return third_person_lemma(word) if word.endswith("s") else word, "other"


def _infinitive_at(text: str, pos: int, end: int, item: bool = False) -> tuple[str, bool, int, int] | None:
    """The verb after "to" at ``pos`` (adverbs skipped): (lemma, carried on, verb start, verb end)."""
    words = _words(text, pos, end)
    continued = False
    i = 0
    while i < len(words) and (words[i].group().lower() in SKIPPED_ADVERBS or _adverb(words[i].group())):
        continued |= words[i].group().lower() == "further"
        i += 1
    if i >= len(words):
        return None
    w = words[i].group()
    # an item may open with its verb capitalised ("8.1. Ratify the Convention")
    if not (w[0].islower() or item and i == 0 and not w.isupper()) or not _base_verb(w.lower()):
        return None
    nxt = words[i + 1].group().lower() if i + 1 < len(words) else ""
    if item and (nxt in ("of", "for") or nxt == "to" and w.lower() not in _CARRYING_ON | _TO_VERBS):
        return None  # "(c) Support for veterans", "(d) Access to education": a noun heads the item
    return _carried(text, words, i, end, continued)


def _adverb(word: str) -> bool:
    return word.islower() and word.endswith("ly") and len(word) > 4 and not _base_verb(word)


def _carried(text: str, words: list[re.Match], i: int, end: int, continued: bool) -> tuple[str, bool, int, int]:
    """The action at ``words[i]``: the verb governed by a verb of carrying on, particles joined."""
    verb = words[i].group().lower()
    start, stop = words[i].start(), words[i].end()
    phrasal = _phrasal_at(words, i)
    if phrasal:
        return phrasal[0], continued, start, phrasal[1]
    if verb in _CARRYING_ON and i + 1 < len(words) and words[i + 1].group().lower() in PARTICLES:
        # "to keep up pressure": the phrasal verb is the action, continuing
        return f"{verb} {words[i + 1].group().lower()}", True, start, words[i + 1].end()
    if verb in _CARRYING_ON and i + 1 < len(words):
        j = i + 1
        while j < len(words) and _adverb(words[j].group()):
            j += 1  # "remain actively seized"
        if j < len(words) and words[j].group().lower() == "to":
            j += 1
            while j < len(words) and (_adverb(words[j].group()) or words[j].group().lower() in SKIPPED_ADVERBS):
                j += 1
            if j < len(words) and _base_verb(words[j].group().lower()):
                return _carried(text, words, j, end, True)[0], True, start, words[j].end()
        elif j < len(words):
            w2 = words[j].group().lower()
            if is_participle(w2) and j == i + 1:
                return verb_lemma(w2), True, start, words[j].end()
            if verb == "remain" and (w2.endswith("ed") or w2 in ("seized", "committed", "engaged", "open")):
                return f"remain {w2}", True, start, words[j].end()
            if verb == "keep" and w2 == "under":  # "keep under (continuous) review"
                review = next((k for k in (j + 1, j + 2) if k < len(words) and words[k].group().lower() == "review"),
                              None)
                if review is not None:
                    return "review", True, start, words[review].end()
        return verb, True, start, stop
    if i + 1 < len(words) and words[i + 1].group().lower() in PARTICLES and words[i + 1].start() - stop <= 1:
        verb = f"{verb} {words[i + 1].group().lower()}"
        stop = words[i + 1].end()
    return verb, continued, start, stop


def _phrasal_at(words: list[re.Match], i: int) -> tuple[str, int] | None:
    """A phrasal action opening at ``words[i]``, adverbs inside skipped ("take fully into account")."""
    head = words[i].group().lower()
    for phrase in PHRASAL_ACTIONS:
        parts = phrase.split()
        if verb_lemma(head) != parts[0] and head != parts[0]:
            continue
        j, k = i + 1, 1
        while k < len(parts) and j < len(words):
            w = words[j].group().lower()
            if w == parts[k]:
                k += 1
            elif not _adverb(words[j].group()):
                break
            j += 1
        if k == len(parts):
            return phrase, words[j - 1].end()
    return None


def _coordinated_verbs(text: str, verb_end: int, end: int) -> list[tuple[str, bool, int, int]]:
    """Verbs coordinated with the verb ending at ``verb_end`` ("to sign and ratify", "counter, deter and
    respond"): only verbs that directly follow it, before its object."""
    out = []
    pos = verb_end
    while True:
        m = _COORD_VERB.match(text, pos, end)
        if not m:
            return out
        w = m.group("w")
        words = _words(text, m.end(), end)
        if not words or not _base_verb(w) or w in ("and", "or"):
            return out
        lemma, continued, s, e = _carried(text, words, 0, end, False)
        out.append((lemma, continued, s, e))
        pos = e


def _that_clause_actions(text: str, pos: int, end: int, subjunctive: bool
                         ) -> tuple[str | None, list[tuple[str, bool, int, int]], bool, str | None]:
    """(subject, actions, passive) of a that-clause: "that all States shall take", "that the weapons be
    returned", and with ``subjunctive`` (after a directive or a decision) "that all parties cooperate
    fully ... and take ...". A hedge ("may affect") is not an action; a condition ("if ..., the Council
    will reconvene") is not the subject."""
    words = _words(text, pos, end)
    conditional = bool(words) and words[0].group().lower() in ("if", "when", "unless", "should", "whenever")
    boundary = re.compile(r";|,\s*and\s+that\b").search(text, pos, end)
    if any(w.group().lower() in _MODALS for w in words[1:] if not boundary or w.start() < boundary.start()):
        subjunctive = False  # "products subject to ... shall be immune": the modal's verb, not "subject"
    for i, m in enumerate(words):
        w = m.group()
        low = w.lower()
        if i == 0:
            continue
        if low in _HEDGES:
            return None, [], False, None
        modal = low in _MODALS
        verb_at = i + 1 if modal else i
        if modal:
            # "shall, while under Iraqi title, be immune": skip an inserted phrase
            inserted = re.match(r"\s*,[^,;]{1,80},", text[m.end():end])
            if inserted:
                verb_at = next((k for k in range(i + 1, len(words))
                                if words[k].start() >= m.end() + inserted.end()), len(words))
            while verb_at < len(words) and not _base_verb(words[verb_at].group().lower()) \
                    and words[verb_at].group().lower() not in ("be", "not", "also", "further"):
                verb_at += 1
        elif conditional or not subjunctive or not (
                w[0].islower() and _base_verb(low) and words[i - 1].group().lower() not in _DETERMINERS
                and not low.endswith("s") and not _is_noun_after_adjective(words, i)):
            continue
        while verb_at < len(words) and (words[verb_at].group().lower() in ("not", "also", "further", "fully",
                                                                          "forthwith")
                                        or _adverb(words[verb_at].group())):
            verb_at += 1
        if verb_at >= len(words):
            return None, [], False, None
        subject = text[words[0].start():m.start()].strip(" ,")
        if conditional and "," in subject:
            subject = subject.rsplit(",", 1)[1].strip()
        verb = words[verb_at].group().lower()
        passive = False
        if verb == "be" and verb_at + 1 < len(words):
            k = verb_at + 1
            while k < len(words) and _adverb(words[k].group()):
                k += 1
            nxt = words[k].group().lower() if k < len(words) else ""
            if nxt.endswith(("ed", "en", "wn")) or nxt and verb_lemma(nxt) != nxt:  # "be returned", "be met"
                passive = True
                first = (verb_lemma(nxt), False, words[k].start(), words[k].end())
            else:
                first = (f"be {nxt}".strip(), False, words[verb_at].start(), words[min(k, len(words) - 1)].end())
        else:
            first = _carried(text, words, verb_at, end, False)
        actions = [first, *_coordinated_verbs(text, first[3], end)]
        actions += _later_coordinated_verbs(text, actions[-1][3], end)
        return subject or None, actions, passive, low if modal else None
    return None, [], False, None


def _is_noun_after_adjective(words: list[re.Match], i: int) -> bool:
    """"the host country", "armed forces": a base-verb spelling inside a noun phrase."""
    if i + 1 >= len(words):
        return False
    nxt = words[i + 1].group()
    return _is_noun(words[i].group().lower()) and nxt[0].islower() and nxt.lower() not in _OBJECT_WORDS \
        and _is_noun(nxt.lower()) and not _base_verb(nxt.lower())


_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "of", "to", "and", "or", "all", "any",
                          "this", "that", "these", "those", "in", "on", "by", "for", "with", "such", "each"})


def _later_coordinated_verbs(text: str, pos: int, end: int) -> list[tuple[str, bool, int, int]]:
    """Verbs of the same subject after an object: "cooperate fully with the Force and take all steps"."""
    out = []
    stop = _stop_at(text, pos, end)
    for m in re.finditer(r"(?:,\s*and|\s+and|,)\s+(?P<w>[a-z][a-z\-]*)\b", text[:stop]):
        if m.start() < pos:
            continue
        w = m.group("w")
        if not _base_verb(w) or w.endswith("s") or w in _MODALS or w in _HEDGES:
            continue
        words = _words(text, m.start("w"), stop)
        nxt = words[1].group().lower() if len(words) > 1 else ""
        if _is_noun(w) and nxt not in _OBJECT_WORDS and not _adverb(nxt):
            continue
        lemma, continued, s, e = _carried(text, words, 0, stop, False)
        out.append((lemma, continued, s, e))
    return out


_PURPOSE_SEARCH = CaseBlind(_PURPOSE)  # searched from every infinitive of every operative clause


def _stop_at(text: str, pos: int, end: int) -> int:
    m = _PURPOSE_SEARCH.search(text, pos, end)
    return m.start() if m else end


def _infinitive_chain(text: str, pos: int, end: int, item: bool = False) -> list[tuple[str, bool, int, int]]:
    """The infinitives coordinated with the one at ``pos`` ("to V ..., to W ... and to X") and the
    verbs coordinated with each; the chain stops at a purpose or relative clause."""
    first = _infinitive_at(text, pos, end, item)
    if first is None:
        return []
    actions = [first, *_coordinated_verbs(text, first[3], end)]
    cursor = actions[-1][3]
    while True:
        stop = _stop_at(text, cursor, end)
        m = _COORD_TO.search(text, cursor, stop)
        if not m:
            return actions
        nxt = _infinitive_at(text, m.end(), end)
        if nxt is None or _closes_insertion(text, cursor, m):
            cursor = m.end()
            continue
        actions.append(nxt)
        actions += _coordinated_verbs(text, nxt[3], end)
        cursor = actions[-1][3]


_INSERTION_OPENERS = re.compile(r"\s*(?:as|in|including|notably|particularly|for\s+example|e\.g\.|inter\s+alia|"
                                r"where|when|if|under|through|with|without|among|within)\b", re.I)


def _closes_insertion(text: str, cursor: int, m: re.Match) -> bool:
    """", as expressed in the Plan, to achieve": the comma closes an inserted phrase, and the infinitive
    belongs to the noun before it ("efforts ... to achieve"), not to the list of actions."""
    if not m.group().lstrip().startswith(","):
        return False
    comma = text.rfind(",", cursor, m.start())
    return comma >= 0 and bool(_INSERTION_OPENERS.match(text, comma + 1))


def _calls(clause_text: str, lead_end: int, lemma: str | None, verb_class: str | None,
           addressee: str | None, lex: Lexicon) -> list[_Call]:
    """The clause cut at every further operative lead coordinated with its own."""
    pattern = _secondary_lead_pattern(lex)
    calls = [_Call(lemma, verb_class, addressee, lead_end, len(clause_text))]
    for m in pattern.finditer(clause_text, lead_end):
        # a lead inside an infinitive ("to request the ...") is not a lead of the clause
        if re.search(r"\bto\s*$", clause_text[:m.start("lead")]):
            continue
        sec_lemma, sec_class = _lead_of(m.group("lead"), lex)
        if sec_class == "other" and sec_lemma.startswith("authori"):
            sec_class = "request"
        calls[-1].end = m.start()
        start = m.end()
        sec_addressee = None
        if sec_class in _DIRECTIVE_CLASSES:
            sec_addressee = addressee_after(clause_text[start:])
            if sec_addressee:
                found = clause_text.find(sec_addressee, start)
                start = found + len(sec_addressee) if found >= 0 else start
            if sec_addressee and sec_addressee.lower() in _PRONOUNS:
                sec_addressee = calls[-1].addressee
        calls.append(_Call(sec_lemma, sec_class, sec_addressee, start, len(clause_text),
                           repeated=bool(m.group("again"))))
    return calls


def addressee_kind(addressee: str | None, body: str | None) -> str:
    """``self``, ``member_states``, ``named_body``, ``named_state`` or ``other`` for an addressee as written."""
    if not addressee:
        return "other"
    bare = re.sub(r"^(?:the|this|its)\s+", "", addressee.strip(), flags=re.I)
    if body and (bare.casefold() == body.casefold() or bare.casefold() == body.split()[-1].casefold()):
        return "self"
    if _GENERIC_STATES.search(addressee):
        return "member_states"
    kinds = {entity.entity_type for entity, *_ in find_named(addressee)}
    if "state" in kinds and not _ORGAN_WORDS.search(re.sub(r"Government", "", addressee)):
        return "named_state"
    if kinds & {"organ", "organisation", "organization"} or _ORGAN_WORDS.search(addressee):
        return "named_body"
    if "state" in kinds:
        return "named_state"
    return "other"


def extract_actions(clause: Clause, parent: Clause | None, body: str | None, adopted_on: date | None,
                    lex: Lexicon | None = None) -> list[Action]:
    """The actions of an operative or sub-operative clause (``parent``: the operative clause a
    sub-clause belongs to); [] for a preambular clause or a clause that asks for nothing."""
    if clause.kind == "preambular":
        return []
    lex = lex or load_lexicon()
    text = clause.text
    head = parent if clause.kind == "sub_operative" and parent is not None else clause
    lemma = head.lemma
    verb_class = _lead_of(head.lead_phrase, lex)[1] if head.lead_phrase else None
    if head.lead_phrase and verb_class == "other":
        # "Calls again upon": the lead's particle after an inserted adverb
        after = head.text[_lead_end(head.text, head.lead_phrase):]
        particle = re.match(r"\s+(?:(?:again|also|further|once\s+again|once\s+more)\s+)+(upon|on|for|to)\b", after)
        if particle:
            lemma, verb_class = _lead_of(f"{head.lead_phrase} {particle.group(1)}", lex)
    if head.lead_phrase and lemma and verb_class == "other":
        verb_class = _operative_classes(lex).get(lemma, "other")
    if clause.kind == "sub_operative":
        calls = [_Call(lemma, verb_class, head.addressee, 0, len(text), item=True)]
        # under the body's own decision, an item that opens with a call of its own is the body's call on
        # others ("Decides: (a) To call upon the parties concerned to implement ..."); under a call on
        # others ("URGES X: to encourage Allies to develop ...") the item's verb is X's action
        inner = _base_form_lead_pattern(lex).match(text) if verb_class == "decide" else None
        if inner:
            inner_lemma, inner_class = _base_form_leads(lex)[" ".join(inner.group("lead").lower().split())]
            at = inner.end()
            inner_addressee = addressee_after(text[at:]) if inner_class in _DIRECTIVE_CLASSES else None
            if inner_addressee and text.find(inner_addressee, at) >= 0:
                at = text.find(inner_addressee, at) + len(inner_addressee)
            calls = [_Call(inner_lemma, inner_class, inner_addressee, at, len(text))]
    else:
        lead_end = _lead_end(text, clause.lead_phrase)
        start = lead_end
        if clause.addressee and verb_class in _DIRECTIVE_CLASSES:
            found = text.find(clause.addressee, lead_end)
            if found >= 0:
                start = found + len(clause.addressee)
        addressee = clause.addressee if verb_class in _DIRECTIVE_CLASSES else None
        calls = _calls(text, start, lemma, verb_class, addressee, lex)
        calls[0].repeated = bool(_AGAIN.search(text[:start] if start else ""))
    # urgency and "as soon as possible" set no date, and a start ("beginning on") is not a deadline
    deadlines = [d for d in extract_deadlines(text, adopted_on) if d.deadline_kind in _DEADLINE_PRIORITY]
    out: list[Action] = []
    for call in calls:
        found = _call_actions(text, call, body)
        repeated = call.repeated or (call.lemma in _REPEATING_LEMMAS)
        for k, (act_lemma, continued, s, e, subject, kind) in enumerate(found):
            # verbs coordinated directly ("to sustain and increase support") share their words
            later = next((f for f in found[k + 1:] if not _DIRECTLY_COORDINATED.match(text, e, f[2])), None)
            if later is None and k + 1 < len(found) and _DIRECTLY_COORDINATED.match(text, e, found[k + 1][2]):
                span_end = call.end
            else:
                span_end = later[2] if later else call.end
            action_end = _action_end(text, s, span_end)
            span_start = call.start if k == 0 else s  # "Directs X, within sixty days, to develop"
            # a deadline in a purpose clause ("in order to report by ...") is not this action's
            own = [d for d in deadlines if span_start <= d.text_start < max(action_end, s + 1)]
            # a printed date wins over one computed from a period ("for six months, that is, until 19 October")
            deadline = min(own, key=lambda d: (_DEADLINE_PRIORITY[d.deadline_kind], d.text_start), default=None)
            out.append(Action(len(out) + 1, call.lemma, act_lemma, text[s:action_end].strip(" ,;:."),
                              text[s:e], continued or repeated, subject, kind, deadline, s, action_end))
    return out


_DEADLINE_PRIORITY = {"expiry": 0, "date": 0, "year": 1, "period": 2, "session": 3, "event": 3}
_DIRECTLY_COORDINATED = re.compile(r"(?:\s*,)?\s*(?:and|or)?\s*$")


def _lead_end(text: str, lead_phrase: str | None) -> int:
    if not lead_phrase:
        return 0
    at = text.lower().find(lead_phrase.lower())
    return at + len(lead_phrase) if at >= 0 else 0


def _action_end(text: str, start: int, end: int) -> int:
    stop = _stop_at(text, start, end)
    return max(start + 1, min(stop, end))


def _call_actions(text: str, call: _Call, body: str | None) -> list[tuple[str, bool, int, int, str | None, str]]:
    pos, end = call.start, call.end
    rest = text[pos:end]
    pos += len(rest) - len(rest.lstrip(" ,;:"))
    rest = text[pos:end]
    if not rest.strip(" ,;:."):
        return []  # a chapeau: its lettered items are the actions
    directive = call.verb_class in _DIRECTIVE_CLASSES
    decides = call.verb_class == "decide"
    self_acting = decides or call.lemma in _SELF_ACT_LEMMAS
    repeated_call = _REPEATED_CALL.match(rest)
    if repeated_call:
        # "Reiterates its call upon all States to ratify": the call is repeated, to whom it was made
        after = rest[repeated_call.end():]
        who = addressee_after(after)
        at = pos + repeated_call.end() + (after.find(who) + len(who) if who and after.find(who) >= 0 else 0)
        to_again = re.match(r"\s*,?\s*(?:not\s+)?to\s+", text[at:end])
        if who and to_again:
            chain = _infinitive_chain(text, at + to_again.end(), end)
            if chain:
                kind = addressee_kind(who, body)
                return [(lemma, True, s, e, who, kind) for lemma, _, s, e in chain]
    own = _OWN_INTENT.match(rest)
    if own:
        chain = _infinitive_chain(text, pos + own.end(), end)
        if chain:
            return [(lemma, cont, s, e, body, "self") for lemma, cont, s, e in chain]
    to = re.match(r"(?:(?:also|further|again)\s+)?(?P<neg>not\s+)?to\s+", rest, re.I)
    if directive or self_acting:
        who, kind = (call.addressee, addressee_kind(call.addressee, body)) if directive else (body, "self")
        if not to and directive:
            # the infinitive after an inserted phrase: "Directs the Secretary-General, within sixty days, to develop"
            to = re.match(r"[^;:]{0,160}?,\s*(?:(?:also|further)\s+)?(?P<neg>not\s+)?to\s+(?=[a-z])", rest)
        if to:
            chain = _infinitive_chain(text, pos + to.end(), end)
            if chain:
                return [(lemma, cont, s, e, who, kind) for lemma, cont, s, e in chain]
        elif call.item:
            # an item after a chapeau that ends in "to:" ("calls on member States to: 8.1. ratify ...")
            chain = _infinitive_chain(text, pos, end, item=True)
            if chain:
                return [(lemma, cont, s, e, who, kind) for lemma, cont, s, e in chain]
    that = re.match(r"(?:(?:also|further|moreover|furthermore)\s+)?that\s+", rest, re.I)
    if that:
        out = []
        cursor = pos + that.end()
        while cursor < end:
            subject, chain, passive, modal = _that_clause_actions(text, cursor, end,
                                                                  directive or decides or call.item)
            if not chain:
                break
            if modal == "will" and not (directive or decides) and addressee_kind(subject, body) != "self":
                break  # "Notes that the Council will represent": a forecast, not an obligation
            if passive or not subject:
                who, kind = (body, "self") if decides else (None, "other")
            else:
                kind = addressee_kind(subject, body)
                who = body if kind == "self" else subject
                if kind == "other" and decides and not _is_actor(subject):
                    who, kind = body, "self"
            out += [(lemma, cont, s, e, who, kind) for lemma, cont, s, e in chain]
            nxt = re.compile(r"(?:[,;]\s*)?\band\s+that\s+", re.I).search(text, chain[-1][3], end)
            if not nxt:
                break
            cursor = nxt.end()
        return out
    if self_acting and call.lemma and not to and call.verb_class != "decide":
        return [(call.lemma, False, pos, end, body, "self")]
    return []


def _is_actor(subject: str) -> bool:
    """A that-clause subject that can act ("all States", "the parties"), not a thing ("an election")."""
    return bool(re.search(r"\b(?:parties|States|Governments?|forces|authorities|members|Council|Committee|"
                          r"Secretary-General|Mission|countries|leaders|sides|groups)\b", subject))


def extract_document_actions(clauses: Iterable[Clause], body: str | None, adopted_on: date | None
                             ) -> list[tuple[Clause, list[Action]]]:
    """``extract_actions`` for every clause of a document, sub-clauses read under their operative clause."""
    clauses = list(clauses)
    by_ref = {c.ref: c for c in clauses}
    out = []
    for clause in clauses:
        parent = None
        if clause.kind == "sub_operative":
            parent = by_ref.get(clause.parent_ref or "")
            while parent is not None and parent.kind == "sub_operative":
                parent = by_ref.get(parent.parent_ref or "")
        out.append((clause, extract_actions(clause, parent, body, adopted_on)))
    return out


RAW_COMMITMENT_ACTIONS_SCHEMA = {
    "doc_id": pl.String,
    "clause_ref": pl.String,
    "action_ordinal": pl.Int32,
    "operative_lemma": pl.String,
    "action_lemma": pl.String,
    "action_text": pl.String,
    "verb_text": pl.String,
    "is_continuation": pl.Boolean,
    "addressee": pl.String,
    "addressee_kind": pl.String,
    "deadline_kind": pl.String,
    "deadline_text": pl.String,
    "deadline_date": pl.Date,
    "char_start": pl.Int64,
    "char_end": pl.Int64,
}


def commitment_action_frame(doc: ParsedDocument, adopted_on: date | None) -> pl.DataFrame:
    """The ``raw_commitment_actions`` rows of a parsed document (offsets in the decoded source text)."""
    meta = doc.document
    body = meta.issuing_body or meta.adopted_by
    rows = []
    for clause, actions in extract_document_actions(doc.clauses, body, adopted_on):
        for a in actions:
            start, end = clause.source_span(a.text_start, a.text_end)
            rows.append({
                "doc_id": meta.doc_id,
                "clause_ref": clause.ref,
                "action_ordinal": a.ordinal,
                "operative_lemma": a.operative_lemma,
                "action_lemma": a.action_lemma,
                "action_text": a.action_text,
                "verb_text": a.verb_text,
                "is_continuation": a.is_continuation,
                "addressee": a.addressee,
                "addressee_kind": a.addressee_kind,
                "deadline_kind": a.deadline.deadline_kind if a.deadline else None,
                "deadline_text": a.deadline.deadline_text if a.deadline else None,
                "deadline_date": a.deadline.deadline_date if a.deadline else None,
                "char_start": start,
                "char_end": end,
            })
    return rows_frame(rows, RAW_COMMITMENT_ACTIONS_SCHEMA)
