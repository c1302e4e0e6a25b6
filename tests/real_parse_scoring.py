"""Scores the parser against the hand-annotated real documents of ``tests/fixtures/real_parse/``.

Each fixture was written by reading the document (clauses with ref, kind, lead lemma and the first words
of their text; metadata), see ``tests/fixtures/real_parse/README.md``. A parsed clause matches an
annotated one when its text begins with the annotated first words (letters and digits only, case
folded); matching runs in document order, so a clause split in two or two clauses merged into one cost
recall and precision, as they cost an analyst.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.parsing import parse_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "real_parse"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
_NOT_WORD = re.compile(r"[\W_]+")
KEY_CHARS = 40
# fixture metadata key -> DocumentMeta attribute ("number" is the number as the body cites it, "80/14")
METADATA_FIELDS = {"body": "issuing_body", "symbol": "symbol", "number": "number_as_printed",
                   "adopted_on": "adopted_on", "title": "title", "is_draft": "is_draft"}


def key(text: str) -> str:
    return _NOT_WORD.sub("", text).casefold()


@dataclass
class Score:
    annotated: int = 0
    parsed: int = 0
    matched: int = 0
    kind_right: int = 0
    lemma_right: int = 0
    ref_right: int = 0
    metadata: dict[str, list[int]] = field(default_factory=lambda: {
        name: [0, 0] for name in METADATA_FIELDS})
    misses: list[str] = field(default_factory=list)
    metadata_misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("annotated", "parsed", "matched", "kind_right", "lemma_right", "ref_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for k, (right, total) in other.metadata.items():
            self.metadata[k][0] += right
            self.metadata[k][1] += total
        self.misses.extend(other.misses)
        self.metadata_misses.extend(other.metadata_misses)

    @property
    def recall(self) -> float:
        return self.matched / self.annotated if self.annotated else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.parsed if self.parsed else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def share(self, right: int) -> float:
        return right / self.matched if self.matched else 0.0


def fixtures() -> list[Path]:
    return sorted(FIXTURES.glob("*.json"))


def score_document(fixture_path: Path) -> Score:
    fixture = json.loads(fixture_path.read_text(encoding="utf-8"))
    source = CORPUS / fixture["source"]
    docs = parse_bytes(source.read_bytes(), source.name)
    clauses = [c for d in docs for c in d.clauses]
    s = Score(annotated=len(fixture["clauses"]), parsed=len(clauses))
    keys = [key(c.text) for c in clauses]
    cursor = 0
    for want in fixture["clauses"]:
        prefix = key(want["text_start"])[:KEY_CHARS]
        hit = next((i for i in range(cursor, len(clauses)) if keys[i].startswith(prefix)), None)
        if hit is None:
            s.misses.append(f"{fixture_path.stem} {want['ref']}: {want['text_start'][:50]!r} not found")
            continue
        got = clauses[hit]
        cursor = hit + 1
        s.matched += 1
        s.kind_right += got.kind == want["kind"]
        # a sub-item's lead is its action verb ("(a) To renew ..."); a top-level clause's is its lemma
        got_lemma = got.lead_verb if got.kind == "sub_operative" else got.lemma
        s.lemma_right += (got_lemma or None) == (want["lemma"] or None)
        s.ref_right += got.ref == want["ref"]
    meta = fixture["metadata"]
    doc = docs[0].document if docs else None
    for name, attr in METADATA_FIELDS.items():
        got_value = getattr(doc, attr) if doc else None
        want_value = meta.get(name)
        right = (key(got_value or "") == key(want_value or "")) if name == "title" else got_value == want_value
        s.metadata[name][0] += right
        s.metadata[name][1] += 1
        if not right:
            s.metadata_misses.append(f"{fixture_path.stem} {name}: got {got_value!r}, want {want_value!r}")
    return s


def score_all() -> tuple[Score, dict[str, Score]]:
    total = Score()
    per_doc = {}
    for path in fixtures():
        s = score_document(path)
        per_doc[path.stem] = s
        total.add(s)
    return total, per_doc


def report(total: Score) -> str:
    meta = ", ".join(f"{k} {r / n:.3f}" for k, (r, n) in total.metadata.items() if n)
    return (f"{len(fixtures())} documents, {total.annotated} annotated clauses, {total.parsed} parsed: "
            f"recall {total.recall:.3f}, precision {total.precision:.3f}, F1 {total.f1:.3f}; of matched: "
            f"kind {total.share(total.kind_right):.3f}, lemma {total.share(total.lemma_right):.3f}, "
            f"ref {total.share(total.ref_right):.3f}; metadata: {meta}")


if __name__ == "__main__":
    t, docs = score_all()
    print(report(t))
    for line in t.misses + t.metadata_misses:
        print("  ", line)
