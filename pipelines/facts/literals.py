"""Literal strings that every match of a regex holds, to rule texts out before scanning them.

A pattern that opens with a word boundary or a look-behind, or matches case-insensitively, gives the
regex engine nothing to skip ahead to: it is tried at every position of the text. Substring tests of
the lower-cased text for the literals that every match must hold cost a fraction of that, and a text
without any of them cannot match.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator


def _required(items) -> set[str] | None:
    """Literal strings one of which every match of the parsed regex ``items`` contains, or None."""
    from re import _constants as c  # the stdlib regex parser's own opcodes

    best: set[str] | None = None
    run: list[str] = []

    def better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
        """The rarer requirement: one long word beats several, a longer shortest member beats a shorter."""
        if not a:
            return b
        if not b:
            return a

        def score(x: set[str]) -> tuple[bool, int]:
            return (len(x) == 1 and len(next(iter(x)).strip()) >= 4, min(len(w.strip()) for w in x))

        return a if score(a) >= score(b) else b

    for op, arg in list(items) + [(None, None)]:
        if op is c.LITERAL:
            run.append(chr(arg).lower())
            continue
        if run:
            best = better(best, {"".join(run)})
            run = []
        if op is c.SUBPATTERN:
            best = better(best, _required(arg[-1]))
        elif op is c.BRANCH:
            alts = [_required(a) for a in arg[1]]
            if all(alts):
                best = better(best, set().union(*alts))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            best = better(best, _required(arg[2]))
    return best if best and min(map(len, best)) >= 2 else None


def literal_triggers(regex: re.Pattern) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match of ``regex`` holds (None: unknown), so that a caller can
    rule a text out with substring tests of its lower-cased form instead of a regex scan."""
    try:
        from re import _parser

        found = _required(_parser.parse(regex.pattern, regex.flags))
    except Exception:  # noqa: BLE001 - a private parser of the standard library; without it, try every clause
        return None
    if not found or not all(t.isascii() for t in found):
        # a character outside ASCII may lower-case differently in a text than alone (a final sigma)
        return None
    return tuple(sorted(found))


# plain ints: an operator on the re.RegexFlag enum runs Python code, slower than the whole test
_IGNORECASE, _CASE_FLAGS = int(re.IGNORECASE), int(re.IGNORECASE | re.ASCII)


def _always(lower: str) -> bool:
    return True


def gate(regex: re.Pattern) -> Callable[[str], bool]:
    """A test of a lower-cased text (``str.lower``) that is False only when ``regex`` cannot match the text:
    substring tests for its literals (each a fast search in C; a regex alternation of them is slower, its
    first letters being common ones). Made once per pattern (module level): deriving the literals parses
    the pattern."""
    triggers = literal_triggers(regex)
    if not triggers:
        return _always
    # Unicode case folding matches letters that lower-casing does not give ("\u212a" for "k"): then only
    # an ASCII text is ruled out
    unicode_folding = regex.flags & _CASE_FLAGS == _IGNORECASE

    def may_match(lower: str) -> bool:
        return holds_any(lower, triggers) or (unicode_folding and not lower.isascii())

    return may_match


def holds_any(lower: str, literals: Iterable[str]) -> bool:
    """Whether ``lower`` holds one of ``literals``: a loop of substring tests, not ``any()`` over a
    generator, whose frame costs more than the tests themselves on a clause."""
    for t in literals:
        if t in lower:
            return True
    return False


class CaseBlind:
    """A re.IGNORECASE pattern run case-sensitively on the lower-cased text when the text is ASCII, as
    itself otherwise: the same matches and spans, since its letters are all lower case and case changes
    nothing for ``\\w``, ``\\s`` and ``\\b``; several times faster on a long alternation of words, which the
    regex engine then dismisses by their first letter instead of trying each one case-blind. A pattern
    with an upper-case letter (``\\S``, ``\\W``, ``\\B`` included) or an inline flag runs as itself always."""

    __slots__ = ("regex", "lowered")

    def __init__(self, regex: re.Pattern):
        self.regex = regex
        bare = re.sub(r"\(\?P(?:<\w+>|=\w+\))", "", regex.pattern)  # group names may have capitals
        eligible = (regex.flags & _IGNORECASE and not any(c.isupper() for c in bare)
                    and re.search(r"\(\?[a-zA-Z-]", bare) is None)
        self.lowered = re.compile(regex.pattern, regex.flags & ~_IGNORECASE) if eligible else None

    def _pick(self, text: str) -> tuple[re.Pattern, str]:
        if self.lowered is not None and text.isascii():
            return self.lowered, text.lower()
        return self.regex, text

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        regex, scanned = self._pick(text)
        return regex.search(scanned, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match]:
        regex, scanned = self._pick(text)
        return regex.finditer(scanned, pos, endpos)
