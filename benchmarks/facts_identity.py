"""Fact extractor identity check and CPU benchmark.

Parses the documents of the given folders once (cached in a pickle under /tmp, so the parser's speed
and concurrent edits to it do not matter), then runs, timing only the extractor calls:
``extract_targets(text)``, ``extract_deadlines(text, adopted_on)``, ``extract_acronym_definitions(text)``,
``find_acronym_mentions(text, <acronyms the document defines>)`` on every clause, and
``extract_clause_facts(doc)`` on every document. ``--save FILE`` writes every output (JSON lines);
``--check FILE`` compares against such a file, prints the first differences and exits 1 on any.

    uv run python -m benchmarks.facts_identity --save /tmp/facts_baseline.jsonl
    uv run python -m benchmarks.facts_identity --check /tmp/facts_baseline.jsonl --repeat 3
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import pickle
import sys
import time
from datetime import date
from pathlib import Path

from benchmarks import snapshot

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = [ROOT / "benchmarks" / "corpus" / "seed7-n1000" / "raw", ROOT / "raw"]


def _cache_path(dirs: list[Path]) -> Path:
    key = hashlib.sha256("\n".join(str(d.resolve()) for d in dirs).encode()).hexdigest()[:12]
    return Path("/tmp") / f"facts_identity_docs_{key}.pkl"


def load_docs(dirs: list[Path], refresh: bool = False) -> list[tuple[str, object]]:
    """(file key, ParsedDocument) for every readable document, parsed once and cached."""
    cache = _cache_path(dirs)
    if cache.exists() and not refresh:
        with open(cache, "rb") as f:
            return pickle.load(f)
    from pipelines.parsing import UnreadableDocument, parse_bytes

    files = sorted(p for d in dirs for p in d.iterdir() if p.is_file())
    docs = []
    for p in files:
        try:
            parsed = parse_bytes(p.read_bytes(), p.name)
        except UnreadableDocument:
            continue
        for i, doc in enumerate(parsed):
            docs.append((f"{p.parent.name}/{p.name}#{i}", doc))
    with open(cache, "wb") as f:
        pickle.dump(docs, f, protocol=pickle.HIGHEST_PROTOCOL)
    return docs


def _plain(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)  # exact, and NaN-safe
    if isinstance(value, bytes):
        return value.hex()  # raw_clause_bands.band_key
    return value


def _clear_caches() -> None:
    """Per-text memos of the extractors, so that each timed pass starts cold (if the code has any)."""
    import pipelines.facts as facts

    clear = getattr(facts, "clear_text_caches", None)
    if clear is not None:
        clear()


def run(docs, repeat: int = 1) -> tuple[dict[str, dict], dict[str, float], int]:
    from pipelines.facts import (
        _adoption_date,
        extract_acronym_definitions,
        extract_clause_facts,
        extract_deadlines,
        extract_targets,
        find_acronym_mentions,
    )

    clauses = [(key, doc, c) for key, doc in docs for c in doc.clauses]
    adopted = {key: _adoption_date(doc.document.adopted_on) for key, doc in docs}
    best: dict[str, float] = {}
    results: dict[str, dict] = {}
    for _ in range(repeat):
        out: dict[str, dict] = {key: {"clauses": {}} for key, _ in docs}
        cpu: dict[str, float] = {}

        _clear_caches()
        t0 = time.process_time()
        targets = [extract_targets(c.text) for _, _, c in clauses]
        cpu["extract_targets"] = time.process_time() - t0

        _clear_caches()
        t0 = time.process_time()
        deadlines = [extract_deadlines(c.text, adopted[key]) for key, _, c in clauses]
        cpu["extract_deadlines"] = time.process_time() - t0

        _clear_caches()
        t0 = time.process_time()
        definitions = [extract_acronym_definitions(c.text) for _, _, c in clauses]
        cpu["extract_acronym_definitions"] = time.process_time() - t0

        defined: dict[str, set[str]] = {}
        for (key, _, _), defs in zip(clauses, definitions, strict=True):
            defined.setdefault(key, set()).update(d.acronym for d in defs)
        _clear_caches()
        t0 = time.process_time()
        mentions = [find_acronym_mentions(c.text, defined.get(key, ())) for key, _, c in clauses]
        cpu["find_acronym_mentions"] = time.process_time() - t0

        _clear_caches()
        t0 = time.process_time()
        frames = [extract_clause_facts(doc) for _, doc in docs]
        cpu["extract_clause_facts"] = time.process_time() - t0

        for (key, _, c), t, d, a, m in zip(clauses, targets, deadlines, definitions, mentions, strict=True):
            slot = out[key]["clauses"].setdefault(c.ref, [])
            slot.append({"targets": _plain(t), "deadlines": _plain(d), "acronyms": _plain(a), "mentions": _plain(m)})
        for (key, _), f in zip(docs, frames, strict=True):
            out[key]["frames"] = {name: _plain(frame.to_dicts()) for name, frame in f.items()}
            out[key]["frame_dtypes"] = {name: [str(t) for t in frame.dtypes] for name, frame in f.items()}
        results = out
        for k, v in cpu.items():
            best[k] = min(best.get(k, v), v)
    return results, best, len(clauses)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path, help="folders to parse (default: n1000 corpus and raw/)")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--save", type=Path, help="write every output (JSON lines)")
    mode.add_argument("--check", type=Path, help="compare against a saved file; exit 1 on any difference")
    ap.add_argument("--repeat", type=int, default=1, help="run the extractors N times, report the best CPU")
    ap.add_argument("--refresh", action="store_true", help="re-parse instead of using the cached documents")
    args = ap.parse_args(argv)

    docs = load_docs(args.dirs or DEFAULT_DIRS, args.refresh)
    results, cpu, n = run(docs, args.repeat)
    print(f"{len(docs)} documents, {n} clauses (best of {args.repeat}):")
    for name, sec in cpu.items():
        print(f"  {name:28s} {sec:7.2f} CPU s  {1000 * sec / max(n, 1):7.3f} ms/clause")

    if args.save:
        snapshot.save(args.save, results, "doc")
        print(f"outputs written to {args.save}")
        return 0
    if args.check:
        return snapshot.check(args.check, results, "doc", "document")
    return 0


if __name__ == "__main__":
    sys.exit(main())
