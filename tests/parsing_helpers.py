"""Shared helpers for parser tests: gold normalisation and span invariants."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# the sample documents' gold parse, kept in the repository so the gold tests run in any clone
GOLD_PATH = ROOT / "tests" / "fixtures" / "gold" / "seeds.gold.json"
RAW_DIR = ROOT / "raw"
MARKUP = set("*_#\\<>/=\"'`-–—•|")


def load_gold() -> dict:
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))


def norm(value):
    """Gold comparison rules: whitespace, quote style and doubled apostrophes do not count."""
    if isinstance(value, list):
        return sorted(norm(v) for v in value)
    if not isinstance(value, str):
        return value
    value = unicodedata.normalize("NFKC", value)
    value = value.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    value = re.sub(r"'{2,}", "'", value)
    return " ".join(value.split())


def assert_spans_disjoint(doc) -> None:
    spans = sorted((c.char_start, c.char_end, c.ref) for c in doc.clauses)
    for (s1, e1, r1), (s2, e2, r2) in zip(spans, spans[1:], strict=False):
        assert s1 <= e1, f"clause {r1} has a reversed span"
        assert e1 <= s2, f"clauses {r1} [{s1},{e1}) and {r2} [{s2},{e2}) overlap"


def uncovered_body_chars(doc, source: str) -> list[int]:
    """Offsets of body characters that are in no clause span and no issue span (markup excluded)."""
    covered = bytearray(len(source) + 1)
    for c in doc.clauses:
        covered[c.char_start:c.char_end] = b"\x01" * (c.char_end - c.char_start)
    for i in doc.issues:
        if i.char_end > i.char_start:
            covered[i.char_start:i.char_end] = b"\x01" * (i.char_end - i.char_start)
    body = range(doc.document.body_start, doc.document.body_end)
    formula_end = doc.document.body_start
    if doc.document.opening_formula:
        at = source.find(doc.document.opening_formula, doc.document.body_start)
        if at >= 0:
            formula_end = at + len(doc.document.opening_formula)
    if doc.document.source_format in ("html", "markdown"):
        # tags, comments and entities are markup, not body text
        for m in re.finditer(r"<!--.*?-->|<(script|style|head)\b.*?</\1\s*>|<[^>]*>|&#?\w+;?", source, re.S | re.I):
            covered[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return [i for i in body if i >= formula_end and not covered[i] and not source[i].isspace()
            and source[i] not in MARKUP]
