"""Which body issued a text: names, symbols and formulas of the genre, normalised to one name per body.

Evidence, strongest first (``docmeta`` asks in this order): the opening formula ("The Security
Council,"), the subject of an adoption statement ("Adopted by the Security Council ..."), the
document's symbol (S/RES/..., A/RES/..., P10_TA(...)), a masthead or front matter naming the body,
and last, for a bare "The Assembly," the organisation the text speaks of.
"""

from __future__ import annotations

import re

UNSC = "UN Security Council"
UNGA = "UN General Assembly"
NATO_PA = "NATO Parliamentary Assembly"
EP = "European Parliament"
OSCE_PA = "OSCE Parliamentary Assembly"
PACE = "Parliamentary Assembly of the Council of Europe"

_ORG = r"(?:Organi[sz]ation\s+for\s+Security\s+and\s+Co-?\s?operation\s+in\s+Europe|OSCE)"
# (pattern, body); the more specific names come first, and a name is matched as a whole phrase.
NAMES: list[tuple[re.Pattern, str]] = [(re.compile(p, re.I), body) for p, body in [
    (r"\bNATO\s+Parliamentary\s+Assembly\b|\bNATO\s+PA\b|\bNorth\s+Atlantic\s+Assembly\b", NATO_PA),
    (r"\bParliamentary\s+Assembly\s+of\s+the\s+" + _ORG + r"|\b" + _ORG + r"\s+Parliamentary\s+Assembly\b"
     r"|\bOSCE\s+PA\b", OSCE_PA),
    (r"\bParliamentary\s+Assembly\s+of\s+the\s+Council\s+of\s+Europe\b|(?-i:\bPACE\b)"
     r"|\bCouncil\s+of\s+Europe\s+Parliamentary\s+Assembly\b|\bAssembl[ée]e\s+parlementaire\b", PACE),
    (r"\bEuropean\s+Parliament\b|\bParlement\s+europ[ée]en\b", EP),
    (r"\bSecurity\s+Council\b", UNSC),
    (r"\bGeneral\s+Assembly\b", UNGA),
    (r"\bHuman\s+Rights\s+Council\b", "UN Human Rights Council"),
    (r"\bEconomic\s+and\s+Social\s+Council\b", "UN Economic and Social Council"),
    (r"\bInter-?\s?Parliamentary\s+Union\b", "Inter-Parliamentary Union"),
    (r"\bCommittee\s+of\s+Ministers\b", "Committee of Ministers of the Council of Europe"),
    # NATO PA's plenary is the "Plenary Assembly" ("Adopted by the Plenary Assembly at its Spring Session")
    (r"\bPlenary\s+Assembly\b", NATO_PA),
]]

SYMBOLS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\bS/RES/\d"), UNSC),
    (re.compile(r"\bA/RES/"), UNGA),
    (re.compile(r"\bA/HRC/RES/"), "UN Human Rights Council"),
    (re.compile(r"\bE/RES/"), "UN Economic and Social Council"),
    (re.compile(r"\bP\d{1,2}_TA"), EP),
]

# What a bare "The Assembly," speaks of: the organisation whose members it addresses, by the names of
# it that the text counts. Each name opens with its first letter and checks the word boundary before it
# after the fact ("N(?<=\bN)" is "\bN"), and is a pattern of its own: a pattern that opens with one
# literal lets the regex engine jump from one occurrence of that letter to the next, where a leading
# "\b", or an alternation of names with different first letters, has it test every position of the
# whole document. No two names of a body can match overlapping text, so their counts add up to the count
# of their alternation.
_MENTIONS: list[tuple[tuple[re.Pattern, ...], str]] = [(tuple(map(re.compile, names)), body) for names, body in [
    ((r"N(?<=\bN)ATO\b", r"A(?<=\bA)llies\b", r"A(?<=\bA)llied\b", r"t(?<=\bt)he\s+Alliance\b"), NATO_PA),
    ((r"C(?<=\bC)ouncil\s+of\s+Europe\b", r"E(?<=\bE)uropean\s+Convention\s+on\s+Human\s+Rights\b",
      r"C(?<=\bC)ommittee\s+of\s+Ministers\b"), PACE),
    ((r"O(?<=\bO)SCE\b", r"p(?<=\bp)articipating\s+States\b"), OSCE_PA),
]]
BARE_ASSEMBLY = re.compile(r"^\W*(?:The\s+)?(?:Parliamentary\s+)?Assembly\b", re.I)


def body_named(text: str) -> tuple[str, int, int] | None:
    """The first body named in ``text``: (body, start, end) of the name."""
    best = None
    for pattern, body in NAMES:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[1]):
            best = (body, m.start(), m.end())
    return best


def body_of_symbol(symbol: str) -> str | None:
    return next((body for pattern, body in SYMBOLS if pattern.search(symbol)), None)


def body_by_mentions(text: str, min_count: int = 3) -> str | None:
    """For a text that names no body ("The Assembly,"): the organisation it speaks of, when one
    clearly dominates (at least ``min_count`` mentions and twice the next)."""
    counts = sorted(((sum(len(p.findall(text)) for p in names), body) for names, body in _MENTIONS), reverse=True)
    (top, body), (second, _) = counts[0], counts[1]
    return body if top >= min_count and top >= 2 * second else None

# a document symbol of the UN or EP kind (S/RES/902 (1994), A/80/L.11, S/2174, P10_TA(2025)0034)
PRINTED_SYMBOL_HINT = re.compile(r"\b(?:[A-Z]{1,4}/(?:[A-Z0-9.\-]+/)*[A-Z0-9.\-]*\d[A-Z0-9.\-]*(?:\s*\(\d{4}\))?"
                                 r"|P\d{1,2}_TA\S*)")
