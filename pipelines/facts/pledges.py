"""Mentions of the pledges of seed ``pledges.csv`` in clause text ("the Defence Investment Pledge").

A pledge's ``aliases`` are one regular expression matched case-insensitively and word-bounded
(``\\b(?:aliases)\\b``; ``(?-i:NICE)`` for an acronym that must keep its case). Where the names of two
pledges overlap ("Hague Defence Investment Pledge" holds "Defence Investment Pledge") the longest match
wins. A clause mentions a pledge once, at its first mention.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipelines.facts import literals

SEEDS_DIR = Path(__file__).resolve().parent.parent.parent / "dbt_project" / "seeds"


@dataclass(frozen=True)
class PledgeMention:
    pledge_id: str
    mention_text: str
    text_start: int
    text_end: int


@lru_cache(maxsize=4)
def load_pledges(seeds_dir: Path = SEEDS_DIR) -> tuple[tuple[str, re.Pattern], ...]:
    """(pledge_id, compiled aliases) in the seed's order."""
    with open(seeds_dir / "pledges.csv", newline="", encoding="utf-8") as f:
        rows = [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]
    # ASCII word boundaries and classes, as in the RE2 the aliases were written for
    return tuple((r["pledge_id"], re.compile(rf"\b(?:{r['aliases']})\b", re.I | re.A)) for r in rows if r["aliases"])


@lru_cache(maxsize=4)
def _gates(pledges: tuple[tuple[str, re.Pattern], ...]) -> tuple[Callable[[str], bool], ...]:
    return tuple(literals.gate(regex) for _, regex in pledges)


def match_pledges(text: str, pledges: tuple[tuple[str, re.Pattern], ...] | None = None) -> list[PledgeMention]:
    """The first mention of each pledge named in ``text``, in order of appearance."""
    pledges = pledges if pledges is not None else load_pledges()
    lower = text.lower()
    # a pledge is looked for only where the text holds one of its literals: most clauses name no pledge,
    # which substring tests tell at a fraction of the cost of a regex scan per pledge
    named = [p for p, may_match in zip(pledges, _gates(pledges), strict=True) if may_match(lower)]
    if not named:
        return []
    spans = [
        PledgeMention(pid, m.group(), m.start(), m.end())
        for pid, regex in named
        for m in regex.finditer(text)
        if m.end() > m.start()
    ]
    kept = [
        s
        for s in spans
        if not any(
            o.pledge_id != s.pledge_id
            and o.text_start <= s.text_start
            and o.text_end >= s.text_end
            and o.text_end - o.text_start > s.text_end - s.text_start
            for o in spans
        )
    ]
    first: dict[str, PledgeMention] = {}
    for s in sorted(kept, key=lambda s: s.text_start):
        first.setdefault(s.pledge_id, s)
    return sorted(first.values(), key=lambda s: (s.text_start, s.pledge_id))


def extract_pledge_mentions(clause_texts: Iterable[str]) -> list[list[PledgeMention]]:
    """The pledge mentions of each clause text."""
    return [match_pledges(text) for text in clause_texts]
