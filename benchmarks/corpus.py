"""Deterministic synthetic corpus of parliamentary resolutions, with a truth file.

    uv run python -m benchmarks.corpus --n 1000 --seed 7 --out benchmarks/corpus/n1000

writes OUT/raw/<files> (.txt, .md, .html in NATO PA, UN and European Parliament styles), OUT/truth.jsonl
(one line per document: the clause refs, kinds, lemmas, lead verbs and clean texts a careful reader
would give, the defects written into the file, and for borrowed clauses the clause they came from)
and OUT/manifest.json. ``--holdout K`` writes documents N..N+K-1 to OUT/holdout/ instead (the "one new
document" of the incremental benchmark). The first N documents are identical for any larger N.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from collections import Counter
from pathlib import Path
from random import Random

from benchmarks.compose import DocSpec, Planner
from benchmarks.render import clean, render

VERSION = 3  # bump when the same seed would give different documents


def truth_record(doc: DocSpec, applied: dict, size: int, sha256: str) -> dict:
    clauses = []
    for top in doc.tops:
        clauses.append(
            {
                "ref": top.ref,
                "kind": top.kind,
                "parent_ref": None,
                "lemma": top.lemma,
                "lead_phrase": top.lead,
                "lead_verb": None,
                "letter_inferred": None,
                "text": clean(doc, top.final),
                "key": top.key,
                "derived_from": top.origin,
            }
        )
        for sub in top.subs:
            clauses.append(
                {
                    "ref": sub.ref,
                    "kind": "sub_operative",
                    "parent_ref": top.ref,
                    "lemma": None,
                    "lead_phrase": None,
                    "lead_verb": sub.verb,
                    "letter_inferred": sub.letter_inferred,
                    "text": clean(doc, sub.final),
                    "key": sub.key,
                    "derived_from": sub.origin,
                }
            )
    return {
        "doc_id": doc.doc_id,
        "source_file": doc.file_name,
        "style": doc.style,
        "format": doc.fmt,
        "bytes": size,
        "sha256": sha256,
        "doc_type": doc.doc_type,
        "number": doc.number,
        "title": doc.title,
        # NATO texts state the date only in the adoption footnote; UN and EP texts in their header
        "adopted_on": doc.adopted_on.isoformat() if doc.style != "nato" or applied["footnote"] else None,
        "parent_doc": doc.parent,
        "defects": applied,
        "clauses": clauses,
    }


def generate(n: int, seed: int, holdout: int = 0, publishable: bool = False):
    """Yield (file_name, bytes, truth record, is_holdout) for documents 0..n+holdout-1."""
    planner = Planner(seed, nato_only=publishable)
    for k in range(n + holdout):
        doc = planner.plan(k)
        data, applied = render(doc, Random(f"{seed}:{k}:render"), publishable)
        yield (
            doc.file_name,
            data,
            truth_record(doc, applied, len(data), hashlib.sha256(data).hexdigest()),
            k >= n,
        )


def write_corpus(n: int, seed: int, out: Path, holdout: int = 0, publishable: bool = False) -> dict:
    raw, held = out / "raw", out / "holdout"
    for d in (raw, held):
        if d.exists():
            shutil.rmtree(d)
    raw.mkdir(parents=True)
    if holdout:
        held.mkdir(parents=True)
    t0 = time.perf_counter()
    stats: Counter = Counter()
    total_bytes = clauses = 0
    with (
        open(out / "truth.jsonl", "w", encoding="utf-8") as truth,
        open(out / "holdout-truth.jsonl", "w", encoding="utf-8") as held_truth,
    ):
        for name, data, record, is_holdout in generate(n, seed, holdout, publishable):
            (held if is_holdout else raw).joinpath(name).write_bytes(data)
            (held_truth if is_holdout else truth).write(json.dumps(record, ensure_ascii=False) + "\n")
            if is_holdout:
                continue
            total_bytes += len(data)
            clauses += len(record["clauses"])
            stats[f"style:{record['style']}"] += 1
            stats[f"format:{record['format']}"] += 1
            d = record["defects"]
            stats["defect:comma_marker"] += bool(d["comma_marker"])
            stats["defect:missing_letters"] += bool(d["missing_letters"])
            stats["defect:misread_letters"] += bool(d["misread_letters"])
            stats["defect:doubled_apostrophes"] += bool(d["doubled_apostrophes"])
            stats["defect:footnote"] += bool(d["footnote"])
            stats["defect:page_breaks"] += bool(d.get("page_breaks"))
            stats["defect:hyphenation"] += bool(d.get("hyphenations"))
            stats["defect:cp1252"] += d["encoding"] == "cp1252"
            stats["borrowed_from_parent"] += bool(record["parent_doc"])
    manifest = {
        "generator_version": VERSION,
        "n": n,
        "seed": seed,
        "holdout": holdout,
        "publishable": publishable,
        "bytes": total_bytes,
        "clauses": clauses,
        "seconds": round(time.perf_counter() - t0, 2),
        "counts": dict(sorted(stats.items())),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def ensure_corpus(n: int, seed: int, out: Path, holdout: int = 0, publishable: bool = False) -> dict:
    """Reuse OUT when it holds this very corpus (same generator version, n, seed, holdout, variant)."""
    manifest = out / "manifest.json"
    if manifest.exists():
        m = json.loads(manifest.read_text())
        key = ("generator_version", "n", "seed", "holdout", "publishable")
        if tuple(m.get(k) for k in key) == (VERSION, n, seed, holdout, publishable):
            return m
    return write_corpus(n, seed, out, holdout, publishable)


def load_truth(path: Path) -> dict[str, dict]:
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            out[rec["doc_id"]] = rec
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, required=True, help="number of documents")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--out", type=Path, required=True, help="output folder (benchmarks/corpus/ is git-ignored)")
    p.add_argument("--holdout", type=int, default=0, help="extra documents written to OUT/holdout/")
    p.add_argument(
        "--publishable",
        action="store_true",
        help="leave out the variants today's parser or blocking checks reject (see render.render)",
    )
    args = p.parse_args(argv)
    if args.n < 1:
        p.error("--n must be at least 1")
    m = write_corpus(args.n, args.seed, args.out, args.holdout, args.publishable)
    print(f"{m['n']} documents, {m['clauses']} clauses, {m['bytes'] / 1e6:.1f} MB in {m['seconds']} s -> {args.out}")
    for key, value in m["counts"].items():
        print(f"  {key:32s} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
