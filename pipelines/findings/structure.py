"""Sequence conventions of the genre: top-level numbers run 1..n, sub-clause letters a, b, ..., z, aa, bb.

Each function returns ``(clause_ref, detail)`` per break: one row per break, not one per later clause
(a skipped letter is one break, and the list goes on from the letter that was printed).
"""

from __future__ import annotations

import re

from pipelines.parsing.letters import ROMAN, index_of, letter_at
from pipelines.parsing.model import Clause

_NUMBER = re.compile(r"[0-9]+")


def numbering_breaks(clauses: list[Clause]) -> list[tuple[str, str]]:
    """Top-level clauses with a numeric ref, in document order: each number follows its predecessor.
    A text that leaves its preamble unnumbered is checked on its numbered part only."""
    out = []
    previous: int | None = None
    for c in clauses:
        if c.parent_ref is not None or not _NUMBER.fullmatch(c.ref):
            continue
        number = int(c.ref)
        expected = (previous or 0) + 1
        if number != expected:
            detail = (f"first clause is numbered {number}, expected 1" if previous is None
                      else f"clause {number} follows clause {previous}, expected {expected}")
            out.append((c.ref, detail))
        previous = number
    return out


def _style(suffixes: list[str]) -> str:
    if len(suffixes) > 1 and suffixes[0] == "i" and suffixes[1] == "ii":
        return "roman"
    if all(_NUMBER.fullmatch(s) for s in suffixes):
        return "numeric"
    return "letters"


def _expected(style: str, position: int) -> str:
    if style == "numeric":
        return str(position)
    if style == "roman":
        return ROMAN[position - 1] if position <= len(ROMAN) else ""
    return letter_at(position - 1)


def _position_of(style: str, suffix: str) -> int | None:
    """Where ``suffix`` sits in its list's own numbering: 'c' is 3, 'bb' is 28, 'iv' is 4, '12' is 12."""
    if style == "numeric":
        return int(suffix) if _NUMBER.fullmatch(suffix) else None
    if style == "roman":
        return ROMAN.index(suffix) + 1 if suffix in ROMAN else None
    index = index_of(suffix)
    return None if index is None else index + 1


def lettering_breaks(clauses: list[Clause]) -> list[tuple[str, str]]:
    """Sub-clauses of each top-level clause: lettered a, b, ... (or numbered 12.1, 12.2, or roman i, ii,
    recognised by their first two items), without gap or repeat. Deeper levels are not checked."""
    top = {c.ref for c in clauses if c.parent_ref is None}
    lists: dict[str, list[Clause]] = {}
    for c in clauses:
        if c.parent_ref in top:
            lists.setdefault(c.parent_ref, []).append(c)
    out = []
    for parent, children in lists.items():
        suffixes = [c.ref[len(parent) + 1:] for c in children]
        style = _style(suffixes)
        previous_ref: str | None = None
        previous_position: int | None = None
        for position, (child, suffix) in enumerate(zip(children, suffixes, strict=True), start=1):
            expected = _expected(style, position)
            number = _position_of(style, suffix)
            broken = suffix != expected and (
                previous_ref is None or number is None or previous_position is None
                or number != previous_position + 1)
            if broken and previous_ref is None:
                detail = f"first sub-clause of clause {parent} is {child.ref}, expected {parent}.{expected}"
                out.append((child.ref, detail))
            elif broken:
                out.append((child.ref, f"sub-clause {child.ref} follows {previous_ref} in clause {parent} ({style})"))
            previous_ref, previous_position = child.ref, number
    return out
