"""Side-by-side measures of clause splitters: our parser and the spaCy baselines.

Every system yields, per document, a list of segments ``(text, lemma)``: the clause text without its
marker and the lemma of its lead (top-level clauses) or of its head verb (sub-clauses). Texts are
compared under the gold rules (``accuracy.norm``).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from benchmarks.accuracy import norm

ROOT = Path(__file__).resolve().parent.parent
GOLD_PATH = ROOT / "tests" / "fixtures" / "gold" / "seeds.gold.json"
GOLD_RAW = ROOT / "raw"
PREFIX = 40  # characters of a clause's start that locate it among a system's segments

Segments = list[tuple[str, str | None]]


def ours(data: bytes, name: str) -> Segments:
    from pipelines.parsing import UnreadableDocument, parse_bytes

    try:
        docs = parse_bytes(data, name)
    except UnreadableDocument:
        return []
    return [(c.text, c.lead_verb if c.kind == "sub_operative" else c.lemma) for d in docs for c in d.clauses]


def gold_documents() -> list[tuple[str, bytes, list[dict]]]:
    """(file name, bytes, gold clauses) of the hand-annotated documents, if shared/ is there."""
    if not GOLD_PATH.exists():
        return []
    gold = json.loads(GOLD_PATH.read_text(encoding="utf-8"))
    out = []
    for path in sorted(GOLD_RAW.iterdir()):
        stem = path.name.rsplit(".", 1)[0]
        if stem in gold:
            out.append((path.name, path.read_bytes(), gold[stem]["clauses"]))
    return out


def gold_pairs(clauses: list[dict]) -> list[tuple[str, str | None]]:
    """Gold clauses as (text, expected lemma): ``lead_verb`` for sub-clauses, ``lemma`` otherwise."""
    out = []
    for c in clauses:
        lemma = c.get("lead_verb") if c.get("kind") == "sub_operative" else c.get("lemma")
        out.append((c["text"], lemma))
    return out


class SplitScore:
    """Clause split (exact text after normalisation, as multisets) and lead-lemma accuracy."""

    def __init__(self) -> None:
        self.c: Counter = Counter()

    def add(self, predicted: Segments, expected: list[tuple[str, str | None]]) -> None:
        c = self.c
        pred = Counter(norm(t) for t, _ in predicted)
        want = Counter(norm(t) for t, _ in expected)
        c["predicted"] += sum(pred.values())
        c["expected"] += sum(want.values())
        c["exact"] += sum((pred & want).values())
        by_start: dict[str, str | None] = {}
        for t, lemma in predicted:
            by_start.setdefault(norm(t)[:PREFIX].lower(), lemma)
        for t, lemma in expected:
            if lemma is None:
                continue
            c["lemma_total"] += 1
            key = norm(t)[:PREFIX].lower()
            if key in by_start:
                c["start_found"] += 1
                c["lemma_right"] += by_start[key] == lemma

    def summary(self) -> dict:
        c = self.c
        p = c["exact"] / c["predicted"] if c["predicted"] else 0.0
        r = c["exact"] / c["expected"] if c["expected"] else 0.0
        return {
            "clauses_expected": c["expected"],
            "segments_predicted": c["predicted"],
            "split_precision": round(p, 4),
            "split_recall": round(r, 4),
            "split_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "lead_lemma_accuracy": round(c["lemma_right"] / c["lemma_total"], 4) if c["lemma_total"] else None,
            "lead_starts_found": round(c["start_found"] / c["lemma_total"], 4) if c["lemma_total"] else None,
        }


def timed(system: Callable[[bytes, str], Segments], docs: Iterable[tuple[str, bytes]], repeat: int = 1) -> dict:
    """Throughput of ``system`` over ``docs`` in this process (one core): CPU and wall time."""
    docs = list(docs)
    size = sum(len(d) for _, d in docs)
    segments = 0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for _ in range(repeat):
        for name, data in docs:
            segments += len(system(data, name))
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    mb = size * repeat / 1e6
    return {
        "documents": len(docs) * repeat,
        "megabytes": round(mb, 3),
        "segments": segments,
        "cpu_seconds": round(cpu, 3),
        "wall_seconds": round(wall, 3),
        "mb_per_cpu_second": round(mb / cpu, 4) if cpu else None,
        "segments_per_cpu_second": round(segments / cpu, 1) if cpu else None,
        "mb_per_wall_second": round(mb / wall, 4) if wall else None,
    }
