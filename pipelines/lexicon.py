"""The lead-phrase lexicon, shared with dbt: ``dbt_project/seeds/lead_lexicon.csv`` and
``lead_intensifiers.csv``. Analysts edit those seeds; the parser and the marts read the same rows."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent / "dbt_project" / "seeds"


@dataclass(frozen=True)
class LeadEntry:
    phrase: str  # lower case, as it opens a clause ("condemning", "calls on")
    position: str  # preambular | operative
    lemma: str
    verb_class: str
    stance: str
    strength: int


@dataclass(frozen=True, eq=False)  # identity hash: one cached instance per seeds folder
class Lexicon:
    entries: dict[str, LeadEntry]  # phrase -> entry
    intensifiers_before: tuple[str, ...]  # longest first
    intensifiers_after: tuple[str, ...]
    max_words: int
    intensifier_deltas: dict[str, int]  # phrase -> the largest strength it adds, before or after the verb

    def longest_lead(self, words: list[str], position: str | None = None, start: int = 0) -> LeadEntry | None:
        """The longest lexicon phrase that the lower-cased ``words[start:]`` start with."""
        for n in range(min(self.max_words, len(words) - start), 0, -1):
            entry = self.entries.get(" ".join(words[start:start + n]))
            if entry and (position is None or entry.position == position):
                return entry
        return None

    def longest_lead_in_tokens(self, words: list[str], position: str | None = None,
                               start: int = 0) -> LeadEntry | None:
        """``longest_lead`` for words without whitespace (tokens of the text), which is what the
        parser passes: such a run of n words can only equal a phrase of n words opening with
        ``words[start]``, so only those phrase lengths are looked up."""
        if start >= len(words):
            return None
        lengths = _phrase_lengths(self).get(words[start])
        if not lengths:
            return None
        avail = len(words) - start
        for n in lengths:
            if n <= avail:
                entry = self.entries.get(" ".join(words[start:start + n]))
                if entry and (position is None or entry.position == position):
                    return entry
        return None

    def is_lead_word(self, word: str) -> bool:
        return word.lower() in self._first_words

    @property
    def _first_words(self) -> frozenset[str]:
        return frozenset(p.split()[0] for p in self.entries)


@lru_cache(maxsize=8)
def _phrase_lengths(lex: Lexicon) -> dict[str, tuple[int, ...]]:
    """First word of a phrase -> the word counts of the phrases it opens, longest first."""
    out: dict[str, set[int]] = {}
    for phrase in lex.entries:
        words = phrase.split()
        out.setdefault(words[0], set()).add(len(words))
    return {w: tuple(sorted(ns, reverse=True)) for w, ns in out.items()}


@lru_cache(maxsize=4)
def load_lexicon(seeds_dir: Path = SEEDS_DIR) -> Lexicon:
    """The seeds as stored: their phrases are canonical (lower case, single spaces), which the seeds'
    dbt tests hold, so nothing here or in the models normalises them again."""
    entries: dict[str, LeadEntry] = {}
    with open(seeds_dir / "lead_lexicon.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            entry = LeadEntry(row["phrase"], row["position"], row["lemma"], row["verb_class"], row["stance"],
                              int(row["strength"]))
            # the same phrase can be listed for both positions; the first listing wins
            entries.setdefault(row["phrase"], entry)
    before, after, deltas = [], [], {}
    with open(seeds_dir / "lead_intensifiers.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            (before if row["position"] == "before" else after).append(row["phrase"])
            deltas[row["phrase"]] = max(deltas.get(row["phrase"], 0), int(row["strength_delta"]))
    by_len = lambda xs: tuple(sorted(set(xs), key=lambda p: -len(p.split())))  # noqa: E731
    return Lexicon(entries, by_len(before), by_len(after), max(len(p.split()) for p in entries), deltas)
