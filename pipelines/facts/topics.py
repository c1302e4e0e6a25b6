"""Topic mentions in clause text, from the patterns of the seed ``topic_taxonomy.csv``.

Each pattern is a regular expression matched case-insensitively and word-bounded
(``\\b(?:pattern)\\b``; a pattern may switch case sensitivity for a part with ``(?-i:...)``). A topic
keeps one mention per clause: the earliest match of any of its patterns, the longest where two start at
the same place.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent.parent / "dbt_project" / "seeds"


@dataclass(frozen=True)
class TopicMention:
    topic_key: str
    topic_label: str
    matched_phrase: str
    text_start: int
    text_end: int


@dataclass(frozen=True)
class _Pattern:
    topic_key: str
    label: str
    regex: re.Pattern


@lru_cache(maxsize=4)
def load_taxonomy(seeds_dir: Path = SEEDS_DIR) -> tuple[_Pattern, ...]:
    """The seed's patterns, compiled, in the seed's order."""
    with open(seeds_dir / "topic_taxonomy.csv", newline="", encoding="utf-8") as f:
        rows = [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]
    # ASCII word boundaries and classes, as in the RE2 the patterns were written for
    return tuple(_Pattern(r["topic_key"], r["label"], re.compile(rf"\b(?:{r['pattern']})\b", re.I | re.A))
                 for r in rows if r["pattern"])


def match_topics(text: str, taxonomy: tuple[_Pattern, ...] | None = None) -> list[TopicMention]:
    """One mention per topic whose patterns match ``text``, in order of first appearance."""
    best: dict[str, TopicMention] = {}
    for p in taxonomy if taxonomy is not None else load_taxonomy():
        m = p.regex.search(text)
        if m is None:
            continue
        found = TopicMention(p.topic_key, p.label, m.group(), m.start(), m.end())
        held = best.get(p.topic_key)
        if held is None or (found.text_start, -len(found.matched_phrase), found.matched_phrase) < (
                held.text_start, -len(held.matched_phrase), held.matched_phrase):
            best[p.topic_key] = found
    return sorted(best.values(), key=lambda t: (t.text_start, t.topic_key))


def extract_topic_mentions(clause_texts: Iterable[str]) -> list[list[TopicMention]]:
    """The topic mentions of each clause text (the texts of one document, in order)."""
    return [match_topics(text) for text in clause_texts]
