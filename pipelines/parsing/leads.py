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
from itertools import islice

from lemminflect import getAllLemmas, getLemma

from pipelines.lexicon import LeadEntry, Lexicon

TOKEN = re.compile(r"[A-Za-z][A-Za-z’'\-]*[A-Za-z]|[A-Za-z]")
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz’'-")  # what a TOKEN is made of
# "The Assembly", "The Parliamentary Assembly therefore", as PACE texts open numbered sentences
SUBJECT = re.compile(
    r"^(?:We(?:,\s+the\s+[^,]{3,120},)?\s+"  # "We, the Heads of State and Government, reaffirm"
    # the body's whole name first ("The Parliamentary Assembly is concerned"), else the article alone
    r"|(?:The|This|It)\s+(?:(?:[A-Z][a-z]+)\s+){0,2}(?:Assembly|Parliament|Council|Committee|Conference|Congress)\b"
    r"|(?:The|This|It)\s+)"
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


_BODY_AS_SUBJECT = re.compile(r"\b(?:Assembly|Parliament|Council|Committee|Conference|Congress)\b|^We\b")
_OPENS_WITH_SUBJECT = re.compile(r"(?:The|This|It|We)[\s,]")
_COPULA = re.compile(r"(is|are|remains|was)\s+")


@dataclass(frozen=True)
class _LexTables:
    """What the lead finder derives from a lexicon, computed once per lexicon instead of per clause."""

    # intensifiers_before by first word, each as (words, word count) in the lexicon's order: only
    # the phrases whose first word opens the clause can match it
    before: dict[str, tuple[tuple[list[str], int], ...]]
    ing_starters: frozenset[str]  # first words of preambular phrases that end in "-ing"
    # finds an ing_starter in lower-cased text, inside a longer word too ("denoting"): opening with the
    # literal "ing", the pattern lets the regex engine jump from one "ing" to the next
    starter_hint: re.Pattern
    after_heads: tuple[str, ...]  # intensifiers_after, each followed by a space
    after_len: int  # characters to lower-case to compare those (0: all of them, for non-ASCII phrases)


@lru_cache(maxsize=8)
def _tables(lex: Lexicon) -> _LexTables:
    before: dict[str, list[tuple[list[str], int]]] = {}
    for p in lex.intensifiers_before:
        before.setdefault(p.split()[0], []).append((p.split(), len(p.split())))
    starters = frozenset(p.split()[0] for p, e in lex.entries.items()
                         if e.position == "preambular" and p.split()[0].endswith("ing"))
    after = tuple(p + " " for p in lex.intensifiers_after)
    after_len = max((len(p) for p in after), default=0) if all(p.isascii() for p in after) else 0
    hint = re.compile("ing(?:" + "|".join(f"(?<={re.escape(w)})" for w in sorted(starters)) + ")")
    return _LexTables({w: tuple(v) for w, v in before.items()}, starters, hint, after, after_len)


def analyse_top(text: str, lex: Lexicon, emphasised: Callable[[int], bool] | None = None) -> LeadInfo:
    """Analyse a top-level clause text (marker removed)."""
    info = LeadInfo()
    tables = _tables(lex)
    offset = 0
    subject = SUBJECT.match(text)
    if subject and subject.end() > 0 and _OPENS_WITH_SUBJECT.match(text):
        offset = subject.end()
        # "The Assembly is deeply concerned": skip the copula, the adjective is the lead
        copula = _COPULA.match(text, offset)
        if copula:
            offset = copula.end()
    # One tokenisation of the clause, read lazily: the lead needs only its first few tokens after
    # the subject; the coordinated-lead search below continues the same scan over the rest.
    # A scan from the subject's end reads the tokens of the whole clause that start there or later,
    # unless one token runs across that point (a token character on each side of it).
    straddled = offset > 0 and text[offset - 1] in _TOKEN_CHARS and text[offset:offset + 1] in _TOKEN_CHARS
    scan = TOKEN.finditer(text, 0 if straddled else offset)
    limit = lex.max_words + 4
    if not straddled:
        toks = list(islice(scan, limit))
    else:
        toks = []
        for t in scan:
            if t.start() >= offset:
                toks.append(t)
                if len(toks) == limit:
                    break
    if not toks:
        return info
    words = list(map(str.lower, map(re.Match.group, toks)))

    intensifier = None
    i = 0
    for phrase_words, n in tables.before.get(words[0], ()):
        if words[:n] == phrase_words and len(words) > n and _lead_at(words[n:], lex):
            intensifier, i = " ".join(t.group() for t in toks[:n]), n
            break
    if intensifier is None and words[0].endswith("ly") and len(words) > 1 and _lead_at(words[1:], lex):
        intensifier, i = toks[0].group(), 1

    entry = lex.longest_lead_in_tokens(words, start=i)
    glued = None if entry else glued_lead(words[i], lex)
    if glued is not None:
        # "Notingthat the situation": the lead as printed, glued to the word after it
        entry, n_chars = glued
        info.entry, info.in_lexicon, info.lemma, info.kind = entry, True, entry.lemma, entry.position
        info.lead_phrase = text[toks[i].start():toks[i].start() + n_chars]
        info.lead_end = toks[i].start() + n_chars
        return info
    inflected = None if entry else _inflected_lead(words, i, lex)
    if entry:
        n = len(entry.phrase.split())
        end = toks[i + n - 1].end()
        info.entry, info.in_lexicon = entry, True
        info.lemma = entry.lemma
        info.kind = entry.position
    elif inflected is not None:
        info.lemma, last = inflected
        end = toks[last].end()
        info.in_lexicon = False
        info.kind = "preambular"
    else:
        word = toks[i].group()
        end = toks[i].end()
        info.in_lexicon = False
        info.lemma, info.kind = _rule_lemma(word)
        if info.lemma is None and offset and text.startswith("We") and is_base_verb(word.lower()):
            # "We reaffirm", "We, the Heads of State, call upon": a declaration's own voice, operative
            info.lemma, info.kind = word.lower(), "operative"
            if i + 1 < len(words) and f"{info.lemma} {words[i + 1]}" in _lemmas(lex):
                info.lemma = f"{info.lemma} {words[i + 1]}"
                end = toks[i + 1].end()
        if info.lemma is None:
            return info
    if toks[i].group().isupper() and len(toks[i].group()) >= 3:
        info.kind = "operative"  # NATO texts write operative verbs in capitals: "URGES"
    if offset and _BODY_AS_SUBJECT.search(text, 0, offset):
        # "1. The Assembly is deeply concerned ...": the numbered sentences of a PACE-style text are its
        # operative part by convention, whatever their verb (the verb stays the lemma)
        info.kind = "operative"
    if intensifier is None:
        rest = text[end:].lstrip()
        gap = len(text) - end - len(rest)
        after = AFTER_INTENSIFIER.match(rest)
        if after:
            intensifier = after.group(1)
            end = end + gap + after.end()
        elif entry and entry.position == "preambular":
            # lower-casing a prefix as long as the longest phrase plus its space is enough for
            # ASCII phrases (lower-casing is per character, bar the final sigma, never ASCII)
            lowered = rest[: tables.after_len].lower() if tables.after_len else rest.lower()
            for phrase in lex.intensifiers_after if lowered.startswith(tables.after_heads) else ():
                if lowered.startswith(phrase + " "):
                    intensifier = rest[: len(phrase)]
                    end = end + gap + len(phrase)
                    break
    start = toks[0].start()
    info.lead_phrase = text[start:end]
    info.intensifier = intensifier.lower() if intensifier else None
    info.lead_end = end
    if info.kind == "operative" and (entry is None or entry.verb_class in DIRECTIVE_CLASSES):
        info.addressee = addressee_after(text[end:])
    if info.kind == "preambular":
        primary_emphasised = emphasised(toks[i].start()) if emphasised else False
        if len(toks) < limit or end <= toks[-1].end():
            # Most clauses hold no word that can open a coordinated lead: find that out from the
            # word strings alone (findall and lower-casing in C) before building match objects.
            # The scan is exhausted or stopped after toks[-1], so findall from there reads the rest.
            later_words = [w for t, w in zip(toks, words, strict=True) if t.start() >= end]
            # the rest is tokenised only when it holds a starter's letters, or the words before it hold
            # a starter (_secondary_leads_in then reads all the words)
            if len(toks) == limit and (tables.starter_hint.search(text[toks[-1].end():].lower())
                                       or not tables.ing_starters.isdisjoint(later_words)):
                later_words.extend(map(str.lower, TOKEN.findall(text, toks[-1].end())))
            if tables.ing_starters.isdisjoint(later_words):
                return info
            # every token the scan has left starts after toks[-1], hence after the lead
            later = [t for t in toks if t.start() >= end]
            later.extend(scan)
        else:
            later = [t for t in toks if t.start() >= end]
            later.extend(t for t in scan if t.start() >= end)
            later_words = None
        _secondary_leads_in(text, later, lex, info, emphasised if primary_emphasised else None, later_words)
    return info


# Words that sit inside a lead without changing it: "Taking note further of", "Having also heard",
# "Also taking note with appreciation of".
_INSERTED = frozenset({"also", "further", "again", "once", "moreover", "furthermore", "with", "appreciation",
                       "satisfaction", "concern", "interest"})
_AUXILIARIES = frozenset({"having", "being"})


def _inflected_lead(words: list[str], i: int, lex: Lexicon) -> tuple[str, int] | None:
    """``(lemma, index of the lead's last word)`` for a preambular lead the lexicon lists in another form:
    a perfect or passive participle ("Having taken note of" is "taking note of", lemma "take note"),
    or words inserted into a listed phrase ("Taking note further of"). Without a listed phrase, a
    participle after "Having"/"Being" gives its own lemma ("Having studied": "study"). None otherwise."""
    j = i
    auxiliary = j < len(words) and words[j] in _AUXILIARIES
    if auxiliary:
        j += 1
    while j < len(words) and (words[j] in _INSERTED or (words[j].endswith("ly") and len(words[j]) > 4)):
        j += 1
    if j >= len(words):
        return None
    head = words[j]
    if not auxiliary and not is_participle(head):
        return None
    lemma = verb_lemma(head)
    rest = [(k, w) for k, w in enumerate(words[j + 1:j + 1 + lex.max_words + 2], start=j + 1) if w not in _INSERTED]
    for tail, entry in _by_head_lemma(lex).get(lemma, ()):
        if [w for _, w in rest[:len(tail)]] == list(tail):
            return entry.lemma, rest[len(tail) - 1][0] if tail else j
    return (lemma, j) if auxiliary else None


@lru_cache(maxsize=8)
def _by_head_lemma(lex: Lexicon) -> dict[str, tuple[tuple[tuple[str, ...], LeadEntry], ...]]:
    """Preambular lexicon phrases that open with a participle, by that participle's lemma, longest
    first: "taking note of" under "take" as (("note", "of"), entry)."""
    out: dict[str, list[tuple[tuple[str, ...], LeadEntry]]] = {}
    for phrase, entry in lex.entries.items():
        words = phrase.split()
        if entry.position == "preambular" and is_participle(words[0]):
            out.setdefault(verb_lemma(words[0]), []).append((tuple(words[1:]), entry))
    return {k: tuple(sorted(v, key=lambda t: -len(t[0]))) for k, v in out.items()}


# What a lead is glued to when a converter dropped the space after it: "Notingthat", "Recallingthe"
_GLUE_TAILS = ("that", "the", "its", "their", "with", "also", "further", "all", "in", "on", "by", "to", "a", "an")


def glued_lead(word: str, lex: Lexicon) -> tuple[LeadEntry, int] | None:
    """``(entry, length of the lead)`` when ``word`` is a one-word lexicon lead glued to a function word."""
    w = word.lower()
    for tail in _GLUE_TAILS:
        if len(w) > len(tail) + 3 and w.endswith(tail):
            entry = lex.entries.get(w[: -len(tail)])
            if entry is not None:
                return entry, len(w) - len(tail)
    return None


def _lead_at(words: list[str], lex: Lexicon) -> bool:
    return lex.longest_lead_in_tokens(words) is not None or _rule_lemma(words[0])[0] is not None


# Adjectives that open preambular clauses but have no adjective ending (-ed, -ful, -ous): mostly -ant/-ent
# words, most words so ending being nouns ("Supplement"). segment.py's lead shapes read this list too.
LEAD_ADJECTIVES = frozenset({"indignant", "confident", "cognizant", "cognisant", "vigilant", "insistent",
                             "reluctant", "hesitant", "observant", "appreciative", "conscious", "patient"})


def _rule_lemma(word: str) -> tuple[str | None, str]:
    """Lemma and kind for a lead the lexicon does not know, from its form."""
    w = word.lower()
    if is_participle(w):
        return participle_lemma(w), "preambular"
    if len(w) > 3 and w.endswith("ed"):
        return w, "preambular"  # adjectival leads keep their form: "convinced", "alarmed"
    if len(w) > 5 and (w.endswith(("ous", "ful")) or w in LEAD_ADJECTIVES):
        return w, "preambular"  # adjectives likewise: "desirous", "indignant", "confident"
    if word.isupper() and len(w) >= 3 and w.endswith("s"):
        return third_person_lemma(w), "operative"
    if word[0].isupper() and len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return third_person_lemma(w), "operative"
    return None, "preambular"


def is_participle(w: str) -> bool:
    """"-ing" forms whose stem has a vowel: "bringing" yes, "bring" and "sing" no."""
    return len(w) > 4 and w.endswith("ing") and bool(re.search(r"[aeiouy]", w[:-3]))


@lru_cache(maxsize=1 << 16)  # pure, asked for the same words again and again
def is_base_verb(w: str) -> bool:
    """A verb in its base form in lemminflect's dictionary ("reaffirm", "prohibit"), not a guess."""
    return w in getAllLemmas(w, upos="VERB").get("VERB", ())


@lru_cache(maxsize=1 << 16)  # pure, asked for the same words again and again
def verb_lemma(w: str) -> str:
    """The base form of an inflected verb ("taken" -> "take", "studied" -> "study", "taking" -> "take"),
    from lemminflect's English verb tables; the spelling rules below for a word they do not list."""
    found = getLemma(w, upos="VERB")
    if found and found[0] and found[0] != w:
        return found[0]
    return participle_lemma(w) if is_participle(w) else w


@lru_cache(maxsize=1 << 16)  # pure, asked for the same words again and again
def participle_lemma(w: str) -> str:
    found = getLemma(w, upos="VERB")
    if found and found[0] and found[0] != w:
        return found[0]
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


def addressee_after(rest: str) -> str | None:
    """Who a directive lead addresses: the words after it up to the infinitive of the call ("to" and a
    verb: "all parties to the conflict to exercise" ends before "to exercise"), without an inserted
    phrase ("the Secretary-General, within sixty days, to develop"); None for a that-clause ("Demands
    that all parties ...") or a chapeau's colon alone."""
    rest = rest.strip()
    rest = re.sub(r"^(?:(?:again|also|further|once\s+again|once\s+more)\s+)*(?:(?:on|upon|to)\s+)?", "", rest)
    if re.match(r"(?:also\s+|further\s+)?that\b", rest, re.I):
        return None
    end = len(rest)
    # "Recommends to the General Assembly that the State be admitted": a that-clause after the
    # addressee ends it (a relative "that" goes on: "those that have not yet done so")
    complement = _COMPLEMENT_THAT.search(rest)
    if complement:
        end = complement.start()
    for m in _ADDRESSEE_END.finditer(rest):
        if m.group().strip() != "to" or _infinitive_follows(rest, m.end()):
            end = min(end, m.start())
            break
    addressee = rest[:end].strip(" ,;:")
    addressee = _INSERTED_PHRASE.sub("", _FOOTNOTE_MARK.sub("", addressee))
    addressee = re.sub(r"\s+to$", "", addressee)
    return addressee or None


_COMPLEMENT_THAT = re.compile(r"\s+that\s+(?=(?:the|a|an|all|its|their|this|these|any|each|such|[A-Z])\b)")
_FOOTNOTE_MARK = re.compile(r"\[\^?\d+\]")  # "Weapons[^5]": a converter's footnote reference
# ", within sixty days,", ", in full accord with the framework document," between an addressee and its verb
_INSERTED_PHRASE = re.compile(
    r",\s+(?:within|in|through|when|pursuant|on|by|after|before|as|at|under|with|without|if|acting|upon)\s+"
    r"(?:[\w’'\-]+\s+){0,14}?(?:[\w’'\-]+|\(\d{4}\))\s*,?$")


def _infinitive_follows(text: str, at: int) -> bool:
    """True when a verb (after adverbs) follows position ``at``: "to exercise", "to strictly abide"."""
    for word in islice(TOKEN.finditer(text, at), 3):
        w = word.group().lower()
        verb = is_base_verb(w) or is_base_verb(w.replace("-", ""))
        if not verb and (w.endswith("ly") and len(w) > 4 or w in SKIPPED_ADVERBS):
            continue  # "to strictly abide"
        return verb
    return False


def _secondary_leads(text: str, start: int, lex: Lexicon, info: LeadInfo,
                     emphasised: Callable[[int], bool] | None) -> None:
    """Coordinated statements inside a preambular clause: "..., and welcoming ...".

    Where the source marks leads typographically (bold in converter output), only marked words
    count. Otherwise a lexicon participle counts after a coordinating boundary; after "while", verbs
    of emphasis ("while stressing") qualify the statement they follow rather than open a new one.
    """
    _secondary_leads_in(text, [t for t in tokens(text) if t.start() >= start], lex, info, emphasised)


def _secondary_leads_in(text: str, toks: list[re.Match], lex: Lexicon, info: LeadInfo,
                        emphasised: Callable[[int], bool] | None, words: list[str] | None = None) -> None:
    """``_secondary_leads`` over the clause tokens that follow the lead (``words``: their lower-cased
    text, when the caller has it)."""
    if words is None:
        words = [t.group().lower() for t in toks]
    # coordinated leads are participles that open a preambular lexicon phrase: only those words
    # can start one, so the lexicon is asked about them alone
    starters = _tables(lex).ing_starters
    resume = 0  # a lead found covers its words: the search resumes after them
    for k in [k for k, w in enumerate(words) if w in starters]:
        if k < resume:
            continue
        entry = lex.longest_lead_in_tokens(words, "preambular", start=k)
        if not entry:
            continue
        n = len(entry.phrase.split())
        tok = toks[k]
        if emphasised is not None:
            ok = emphasised(tok.start())
        else:
            boundary = _BOUNDARY.search(text, 0, tok.start())  # the text before the word ends with one
            ok = boundary is not None
            if ok and "while" in boundary.group() and entry.verb_class in WHILE_QUALIFIER_CLASSES:
                ok = False
        if ok:
            info.secondary_leads.append(text[tok.start():toks[k + n - 1].end()])
            info.secondary_lemmas.append(entry.lemma)
        resume = k + n


def sub_clause_verb(text: str, lex: Lexicon) -> str | None:
    """The head action verb of a sub-clause: "to further modernise" -> "modernise"."""
    # only the first few words matter: tokenise lazily instead of the whole sub-clause
    scan = TOKEN.finditer(text)
    toks: list[re.Match] = []
    words: list[str] = []

    def has(n: int) -> bool:
        """True when the text has at least n words (reading them as needed)."""
        while len(words) < n:
            t = next(scan, None)
            if t is None:
                return False
            toks.append(t)
            words.append(t.group().lower())
        return True

    i = 1 if has(2) and words[0] in ("and", "or") and words[1] == "to" else 0  # "and to report ..."
    if has(i + 2) and words[i] == "not" and words[i + 1] == "to":
        i += 2  # "not to allow ...": the action is the verb, negated by the item's own words
    elif has(i + 1) and words[i] == "to":
        i += 1
    while has(i + 1) and (words[i] in SKIPPED_ADVERBS or (words[i].endswith("ly") and len(words[i]) > 4)):
        i += 1
    if not has(i + 1):
        return None
    verb = words[i]
    if i == 0 and not _verb_like(verb, lex) and not _imperative(toks[0].group(), words, has):
        return None  # "(a) The implementation of ...": a noun phrase, no action verb
    if i == 0 and toks[0].group()[0].isupper() and has(2) and words[1] in _NOUN_ITEM_PREPOSITIONS:
        return None  # "(c) Support for veterans", "(d) Access to education": a noun heads the item
    if is_participle(verb):
        entry = lex.entries.get(verb)
        verb = entry.lemma if entry else participle_lemma(verb)
    elif i == 0 and toks[0].group()[0].isupper() and verb.endswith("s") and not verb.endswith("ss"):
        verb = third_person_lemma(verb)
    if has(i + 2) and (words[i + 1] in PARTICLES or f"{verb} {words[i + 1]}" in _lemmas(lex)):
        verb = f"{verb} {words[i + 1]}"  # "to call upon": the lexicon's "call upon", as its leads say it
    return verb


# What follows an imperative item's verb ("Prohibit the sale", "Ensure that", "Establish a"), as opposed
# to a noun item's preposition ("Support for", "Access to", "Review of")
_OBJECT_STARTS = frozenset("the a an that all its their any every appropriate effective further measures steps "
                           "national such this these those adequate sufficient full new and".split())


_NOUN_ITEM_PREPOSITIONS = frozenset({"for", "of", "to", "in", "on", "with", "from", "by", "between", "among"})


def _imperative(first: str, words: list[str], has: Callable[[int], bool]) -> bool:
    """An item led by a verb in the base form: "investigate attacks" after a chapeau ending "to:",
    or a capitalised imperative with its object ("Prohibit the sale of arms")."""
    if not is_base_verb(words[0]):
        return False
    if first[0].islower():
        return True
    return has(2) and words[1] in _OBJECT_STARTS


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
