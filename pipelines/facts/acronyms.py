"""Acronym definitions ("People's Republic of China (PRC)") and later bare mentions ("the PRC").

The expansion is the run of words right before the parenthesis whose initials spell the acronym. The
matcher reads the words backwards from the parenthesis and may:
- skip short function words (of, for, and, the, in, on, to, de, ...) or use their initial;
- use the initials of each part of a hyphenated word ("Long-Term" gives L and T);
- use more than the first letter of a word ("NATO" may give "N", "NA", ...);
- skip at most one capitalised word (cost 1), so "NATO Industrial Capacity Expansion Pledge (NICE)" and
  "NATO Integrated Cyber Defence Centre (NICC)" are found whole.
The first word of the expansion must give the acronym's first letter. Capitalised expansions are the
norm; an all-lowercase one ("critical undersea infrastructure (CUI)") is accepted only when every word
gives exactly its initial, which keeps ordinary words before a parenthesis from being taken as names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class AcronymDefinition:
    acronym: str
    expansion: str
    text_start: int  # start of the expansion
    text_end: int  # end of the closing parenthesis
    acronym_start: int
    acronym_end: int


_PAREN = re.compile(r"\((?P<acr>[A-Z][A-Za-z0-9&.\-]{1,11})\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*")
_FUNCTION = {"of", "for", "and", "the", "in", "on", "to", "de", "des", "du", "la", "le", "et", "&", "at", "a"}
_STOP_CHARS = re.compile(r"[;:.()\[\]\"“”]")
_MAX_WORDS = 14
_MAX_COST = 1.5


def _is_acronym(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2


def _letters(acr: str) -> str:
    return "".join(c for c in acr.lower() if c.isalpha())


def _options(word: str, lowercase_mode: bool):
    """(letters, cost) a word can contribute; "" means skipped."""
    w = word.lower()
    parts = [p for p in re.split(r"-", word) if p]
    opts: list[tuple[str, float]] = []
    if w in _FUNCTION:
        opts.append(("", 0.0))
        if not lowercase_mode:
            opts.append((w[0], 0.25))
        return opts
    if not lowercase_mode and not word[0].isupper():
        return []  # a lowercase content word ends a capitalised name
    opts.append((w[0], 0.0))
    if lowercase_mode:
        return opts
    if len(parts) > 1:
        opts.append(("".join(p[0].lower() for p in parts), 0.0))
        opts.append(("".join(p[0].lower() for p in parts[1:]), 0.5))  # "NATO-Ukraine Joint ..." keeps U only
    letters = re.sub(r"[^a-z]", "", w)
    for k in range(2, min(len(letters), 4) + 1):
        opts.append((letters[:k], 0.5 * (k - 1) if not word.isupper() else 0.1 * (k - 1)))
    opts.append(("", 1.0))
    return opts


def _match(words: list[str], acr: str, lowercase_mode: bool) -> tuple[float, int] | None:
    """Best (cost, start index) so that words[start:] spell ``acr``; words[start] gives its first letter."""
    n = len(words)
    opts = [_options(w, lowercase_mode) for w in words]

    @cache
    def best(i: int, j: int) -> float | None:
        # cost to spell acr[j:] with words[i:], every word used or skipped
        if i == n:
            return 0.0 if j == len(acr) else None
        results = []
        for letters, cost in opts[i]:
            if letters and not acr.startswith(letters, j):
                continue
            rest = best(i + 1, j + len(letters))
            if rest is not None:
                results.append(cost + rest)
        return min(results) if results else None

    found = None
    for start in range(n - 1, -1, -1):
        if not any(letters and acr.startswith(letters) for letters, _ in opts[start]):
            continue
        if words[start].lower() in _FUNCTION:
            continue
        costs = []
        for letters, cost in opts[start]:
            if letters and acr.startswith(letters):
                rest = best(start + 1, len(letters))
                if rest is not None:
                    costs.append(cost + rest)
        if costs:
            c = min(costs)
            if found is None or c < found[0] - 1e-9:
                found = (c, start)
    best.cache_clear()
    return found


def _definition(text: str, m: re.Match) -> AcronymDefinition | None:
    acr = m["acr"]
    if not _is_acronym(acr):
        return None
    target = _letters(acr)
    window_start = max(0, m.start() - 200)
    window = text[window_start : m.start()]
    stop = None
    for s in _STOP_CHARS.finditer(window):
        stop = s
    if stop:
        window_start += stop.end()
        window = text[window_start : m.start()]
    tokens = list(_WORD.finditer(window))[-_MAX_WORDS:]
    if not tokens:
        return None
    words = [t.group(0) for t in tokens]
    # Words must run up to the parenthesis (nothing but spaces in between).
    if window[tokens[-1].end() :].strip():
        return None
    for lowercase_mode in (False, True):
        if lowercase_mode and any(w[0].isupper() for w in words[-len(target) :]):
            continue
        found = _match(words, target, lowercase_mode)
        if not found:
            continue
        cost, start = found
        if lowercase_mode and cost > 0:
            continue
        if cost > _MAX_COST or len(words) - start < 2:
            continue
        exp_start = window_start + tokens[start].start()
        # "NATO-European Union (EU)": the expansion starts at the part of a compound that gives the
        # acronym's first letter, not at the compound ("European Union", never "NATO-European Union")
        first_parts = words[start].split("-")
        if len(first_parts) > 1 and first_parts[0][0].lower() != target[0]:
            exp_start += len(first_parts[0]) + 1
        exp_end = window_start + tokens[-1].end()
        return AcronymDefinition(acr, text[exp_start:exp_end], exp_start, m.end(), m.start() + 1, m.end() - 1)
    return None


def extract_acronym_definitions(text: str) -> list[AcronymDefinition]:
    """Every "Long Name (ABC)" definition in ``text``, in text order."""
    out = []
    for m in _PAREN.finditer(text):
        d = _definition(text, m)
        if d is not None:
            out.append(d)
    return out


def find_acronym_mentions(text: str, acronyms) -> list[tuple[str, int, int]]:
    """Bare, word-bounded mentions of the given acronyms: (acronym, start, end), in text order.

    Case-sensitive ("CAP" is not "cap"); a plural or possessive ending ("CUIs", "NSATU's") still counts.
    The acronym inside its own definition "(ABC)" is not a bare mention.
    """
    defined = {(d.acronym_start, d.acronym_end) for d in extract_acronym_definitions(text)}
    out = []
    for acr in sorted({a for a in acronyms if a in text}, key=len, reverse=True):  # absent ones cannot match
        rx = re.compile(rf"(?<![A-Za-z0-9&-]){re.escape(acr)}(?=(?:s|['’]s)?(?![A-Za-z0-9]))")
        for m in rx.finditer(text):
            if (m.start(), m.end()) in defined:
                continue
            if any(s <= m.start() < e for _, s, e in out):
                continue
            out.append((acr, m.start(), m.end()))
    return sorted(out, key=lambda x: x[1])


def mention_prefilter(acronyms: Iterable[str]) -> str:
    """A regular expression (RE2 syntax, for DuckDB's ``regexp_matches``) matching every text in which
    ``find_acronym_mentions`` can find one of ``acronyms`` (at least one): any of them as a plain substring, a superset
    of their word-bounded mentions. A definition "(ABC)" holds its acronym too, so the clauses that
    define an acronym pass as well. Characters other than letters and digits are hex escapes (RE2's
    ``\\x{..}``), so no acronym can change the expression's structure."""
    def literal(acronym: str) -> str:
        return "".join(c if c.isascii() and c.isalnum() else f"\\x{{{ord(c):x}}}" for c in acronym)

    return "|".join(sorted({literal(a) for a in acronyms if a}))


def link_acronym_mentions(
    definitions: Iterable[Mapping], clauses: Iterable[Mapping], doc_order: list[str]
) -> list[dict]:
    """Bare mentions of every defined acronym in every clause, linked to the acronym's first definition.

    ``definitions``: rows with doc_id, clause_ref, acronym (raw_acronyms); ``clauses``: rows with doc_id,
    clause_ref, ordinal, text; ``doc_order``: doc_ids oldest first (lineage.document_order). The first
    definition is the earliest by document order, then clause ordinal. Each mention says whether it comes
    after that definition (the usual case: defined once, used bare later, in the same document or the
    next ones) or before it (used bare before the texts define it). Offsets are in the clause text.
    """
    seq = {d: i for i, d in enumerate(doc_order)}
    clauses = [c for c in clauses if c["doc_id"] in seq]
    ordinal = {(c["doc_id"], c["clause_ref"]): int(c.get("ordinal") or 0) for c in clauses}

    def position(doc_id, clause_ref):
        return seq.get(doc_id, len(seq)), ordinal.get((doc_id, clause_ref), 0)

    first: dict[str, tuple] = {}
    for d in definitions:
        pos = position(d["doc_id"], d["clause_ref"])
        if d["acronym"] not in first or pos < first[d["acronym"]][0]:
            first[d["acronym"]] = (pos, d["doc_id"], d["clause_ref"])
    out = []
    for c in sorted(clauses, key=lambda c: position(c["doc_id"], c["clause_ref"])):
        for acronym, start, end in find_acronym_mentions(c.get("text") or "", first):
            pos, def_doc, def_clause = first[acronym]
            out.append(
                {
                    "doc_id": c["doc_id"],
                    "clause_ref": c["clause_ref"],
                    "acronym": acronym,
                    "mention_start": start,
                    "mention_end": end,
                    "defined_doc_id": def_doc,
                    "defined_clause_ref": def_clause,
                    "is_after_definition": position(c["doc_id"], c["clause_ref"]) >= pos,
                }
            )
    return out
