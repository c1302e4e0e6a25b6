"""Lead phrases: what opens a clause, its lemma, intensifier, addressee and coordinated leads.

The lexicon (a dbt seed) is consulted first; a lead it does not know still parses by grammar: an
opening participle or adjective is preambular, an opening finite verb (third person, or in capitals
as NATO texts write it) is operative. Such leads get a rule-made lemma and are reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from pipelines.lexicon import LeadEntry, Lexicon

TOKEN = re.compile(r"[A-Za-z][A-Za-z’'\-]*[A-Za-z]|[A-Za-z]")
# "The Assembly", "The Parliamentary Assembly therefore", as PACE texts open numbered sentences
SUBJECT = re.compile(
    r"^(?:The|This|It)\s+(?:(?:[A-Z][a-z]+)\s+){0,2}?(?:Assembly|Parliament|Council|Committee|Conference|Congress)?"
    r"\s*(?:,?\s*(?:therefore|also|further|again|thus|hence|accordingly|consequently|furthermore),?\s+)*",
)
AFTER_INTENSIFIER = re.compile(
    r"^(in the (?:strongest|firmest|clearest|most \w+)(?: possible)? (?:terms|manner|way)"
    r"|with (?:deep|grave|great|serious) \w+)\b",
    re.I,
)
PARTICLES = {"up", "out", "down", "forward", "off", "back"}
SKIPPED_ADVERBS = {"further", "also", "still", "then", "jointly", "now", "once", "again", "both", "not", "fully"}
DIRECTIVE_CLASSES = {"urge", "request"}
WHILE_QUALIFIER_CLASSES = {"stress"}
_BOUNDARY = re.compile(r"(?:[,;:]\s*(?:and\s+)?(?:while\s+)?(?:also\s+)?|\s(?:and|while)\s+(?:also\s+)?)$")
_ADDRESSEE_END = re.compile(r":|\s+to\s+(?=[a-z])|;|\.\s*$")


@dataclass
class LeadInfo:
    kind: str = "preambular"
    lead_phrase: str | None = None
    lemma: str | None = None
    intensifier: str | None = None
    in_lexicon: bool | None = None
    entry: LeadEntry | None = None
    lead_end: int = 0  # offset in the clause text just after the lead phrase
    secondary_leads: list[str] = field(default_factory=list)
    secondary_lemmas: list[str] = field(default_factory=list)
    addressee: str | None = None


def tokens(text: str) -> list[re.Match]:
    return list(TOKEN.finditer(text))


def analyse_top(text: str, lex: Lexicon, emphasised: Callable[[int], bool] | None = None) -> LeadInfo:
    """Analyse a top-level clause text (marker removed)."""
    info = LeadInfo()
    offset = 0
    subject = SUBJECT.match(text)
    if subject and subject.end() > 0 and re.match(r"^(?:The|This|It)\s", text):
        offset = subject.end()
        # "The Assembly is deeply concerned": skip the copula, the adjective is the lead
        copula = re.match(r"(is|are|remains|was)\s+", text[offset:])
        if copula:
            offset += copula.end()
    toks = [t for t in tokens(text) if t.start() >= offset][: lex.max_words + 4]
    if not toks:
        return info
    words = [t.group().lower() for t in toks]

    intensifier = None
    i = 0
    for phrase in lex.intensifiers_before:
        n = len(phrase.split())
        if words[:n] == phrase.split() and len(words) > n and _lead_at(words[n:], lex):
            intensifier, i = " ".join(t.group() for t in toks[:n]), n
            break
    if intensifier is None and words[0].endswith("ly") and len(words) > 1 and _lead_at(words[1:], lex):
        intensifier, i = toks[0].group(), 1

    entry = lex.longest_lead(words[i:])
    if entry:
        n = len(entry.phrase.split())
        end = toks[i + n - 1].end()
        info.entry, info.in_lexicon = entry, True
        info.lemma = entry.lemma
        info.kind = entry.position
    else:
        word = toks[i].group()
        end = toks[i].end()
        info.in_lexicon = False
        info.lemma, info.kind = _rule_lemma(word)
        if info.lemma is None:
            return info
    if toks[i].group().isupper() and len(toks[i].group()) >= 3:
        info.kind = "operative"  # NATO texts write operative verbs in capitals: "URGES"
    after = AFTER_INTENSIFIER.match(text[end:].lstrip())
    if after and intensifier is None:
        intensifier = after.group(1)
        end = end + (len(text[end:]) - len(text[end:].lstrip())) + after.end()
    if intensifier is None:
        for phrase in lex.intensifiers_after:
            rest = text[end:].lstrip()
            if rest.lower().startswith(phrase + " ") and entry and entry.position == "preambular":
                intensifier = rest[: len(phrase)]
                end = end + (len(text[end:]) - len(rest)) + len(phrase)
                break
    start = toks[0].start()
    info.lead_phrase = text[start:end]
    info.intensifier = intensifier.lower() if intensifier else None
    info.lead_end = end
    if info.kind == "operative" and (entry is None or entry.verb_class in DIRECTIVE_CLASSES):
        info.addressee = _addressee(text[end:])
    if info.kind == "preambular":
        primary_emphasised = emphasised(toks[i].start()) if emphasised else False
        _secondary_leads(text, end, lex, info, emphasised if primary_emphasised else None)
    return info


def _lead_at(words: list[str], lex: Lexicon) -> bool:
    return lex.longest_lead(words) is not None or _rule_lemma(words[0])[0] is not None


def _rule_lemma(word: str) -> tuple[str | None, str]:
    """Lemma and kind for a lead the lexicon does not know, from its form."""
    w = word.lower()
    if is_participle(w):
        return participle_lemma(w), "preambular"
    if len(w) > 3 and w.endswith("ed"):
        return w, "preambular"  # adjectival leads keep their form: "convinced", "alarmed"
    if word.isupper() and len(w) >= 3 and w.endswith("s"):
        return third_person_lemma(w), "operative"
    if word[0].isupper() and len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return third_person_lemma(w), "operative"
    return None, "preambular"


def is_participle(w: str) -> bool:
    """"-ing" forms whose stem has a vowel: "bringing" yes, "bring" and "sing" no."""
    return len(w) > 4 and w.endswith("ing") and bool(re.search(r"[aeiouy]", w[:-3]))


def participle_lemma(w: str) -> str:
    stem = w[:-3]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsfz":
        return stem[:-1]  # committing -> commit
    if re.search(r"(?:is|iz|ys|yz|v|c|ur|[^aeiou]g|[aeiou][^aeiouwxy]at|os|us|[^aeiou]l)$", stem) and not stem.endswith(
        ("eat", "oat", "ount")
    ):
        return stem + "e"  # recognising -> recognise, urging -> urge
    return stem


def third_person_lemma(w: str) -> str:
    if re.search(r"(?:ss|sh|ch|x|zz)es$", w):
        return w[:-2]
    if w.endswith("ies"):
        return w[:-3] + "y"
    return w[:-1]


def _addressee(rest: str) -> str | None:
    rest = rest.strip()
    rest = re.sub(r"^(?:on|upon)\s+", "", rest)
    m = _ADDRESSEE_END.search(rest)
    addressee = (rest[: m.start()] if m else rest).strip(" ,;:")
    addressee = re.sub(r"\s+to$", "", addressee)
    return addressee or None


def _secondary_leads(text: str, start: int, lex: Lexicon, info: LeadInfo,
                     emphasised: Callable[[int], bool] | None) -> None:
    """Coordinated statements inside a preambular clause: "..., and welcoming ...".

    Where the source marks leads typographically (bold in converter output), only marked words
    count. Otherwise a lexicon participle counts after a coordinating boundary; after "while", verbs
    of emphasis ("while stressing") qualify the statement they follow rather than open a new one.
    """
    toks = [t for t in tokens(text) if t.start() >= start]
    words = [t.group().lower() for t in toks]
    k = 0
    while k < len(toks):
        if not words[k].endswith("ing"):  # coordinated leads are participles
            k += 1
            continue
        entry = lex.longest_lead(words, "preambular", start=k)
        if not entry or not entry.phrase.split()[0].endswith("ing"):
            k += 1
            continue
        n = len(entry.phrase.split())
        tok = toks[k]
        before = text[:tok.start()]
        if emphasised is not None:
            ok = emphasised(tok.start())
        else:
            boundary = _BOUNDARY.search(before)
            ok = boundary is not None
            if ok and "while" in boundary.group() and entry.verb_class in WHILE_QUALIFIER_CLASSES:
                ok = False
        if ok:
            info.secondary_leads.append(text[tok.start():toks[k + n - 1].end()])
            info.secondary_lemmas.append(entry.lemma)
        k += n


def sub_clause_verb(text: str, lex: Lexicon) -> str | None:
    """The head action verb of a sub-clause: "to further modernise" -> "modernise"."""
    toks = tokens(text)
    words = [t.group().lower() for t in toks]
    i = 0
    if words and words[0] == "to":
        i = 1
    while i < len(words) and (words[i] in SKIPPED_ADVERBS or (words[i].endswith("ly") and len(words[i]) > 4)):
        i += 1
    if i >= len(words):
        return None
    verb = words[i]
    if i == 0 and not _verb_like(verb, lex):
        return None  # "(a) The implementation of ...": a noun phrase, no action verb
    if is_participle(verb):
        entry = lex.entries.get(verb)
        verb = entry.lemma if entry else participle_lemma(verb)
    elif i == 0 and toks[0].group()[0].isupper() and verb.endswith("s") and not verb.endswith("ss"):
        verb = third_person_lemma(verb)
    if i + 1 < len(words) and words[i + 1] in PARTICLES:
        verb = f"{verb} {words[i + 1]}"
    return verb


COMMON_ACTION_VERBS = frozenset(
    "adopt agree allocate assist build commit complete consider continue contribute cooperate coordinate "
    "counter create deliver deploy develop engage enhance ensure establish expand explore facilitate finalise "
    "finalize focus foster help implement improve include increase invest maintain make meet mobilise mobilize "
    "modernise modernize monitor prepare prevent promote protect provide pursue raise ratify reduce reinforce "
    "remain report respect review seek share step strengthen submit support sustain take upgrade use work".split()
)


def _verb_like(word: str, lex: Lexicon) -> bool:
    if word in COMMON_ACTION_VERBS or is_participle(word):
        return True
    lemmas = _lemmas(lex)
    return word in lemmas or (word.endswith("s") and third_person_lemma(word) in lemmas | COMMON_ACTION_VERBS)


@lru_cache(maxsize=8)
def _lemmas(lex: Lexicon) -> frozenset[str]:
    return frozenset(e.lemma for e in lex.entries.values())
