"""Run every benchmark and write benchmarks/results/*.json and docs/benchmarks.md.

    uv run python -m benchmarks.run            # the full run (make bench): 100/1,000/10,000 documents
    uv run python -m benchmarks.run --quick    # development: 20/50 documents, results/quick/
    uv run python -m benchmarks.run --only parse,spacy,gold,profile
    uv run python -m benchmarks.run --only e2e,incremental --e2e-sizes 10000,100000 --e2e-timeout 0
                                               # the scale run (make bench-100k): results in e2e_scale.json

Sections: corpus (generate), parse (our parser's single-core throughput and accuracy against the
truth file), spacy (the same documents through spaCy), gold (ours and spaCy on the hand-annotated
documents), profile (pyinstrument and cProfile of the parser), fixed (what every run pays, against
the floor of the stack), e2e (``resolutions run`` on growing
corpora), incremental (a rerun with nothing new and one new document, into every warehouse of
1,000 documents or more). Each comparison is measured in
the same run, one after the other, on the same documents.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import compare
from benchmarks.accuracy import Score
from benchmarks.corpus import ensure_corpus, load_truth

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
SECTIONS = ("corpus", "parse", "spacy", "gold", "profile", "pdf", "lineage", "fixed", "e2e", "incremental")
# e2e: corpus sizes for `resolutions run`; lineage: sizes for the in-process lineage scaling fit
SIZES = {
    "full": {
        "parse": 1000,
        "spacy": 1000,
        "trained": 100,
        "e2e": (100, 1000, 10000),
        "lineage": (10, 20, 40),
        "timeout": 900,
    },
    "quick": {
        "parse": 200,
        "spacy": 200,
        "trained": 20,
        "e2e": (20, 50),
        "lineage": (5, 10, 20),
        "timeout": 600,
    },
}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def corpus_dir(n: int, seed: int) -> Path:
    return BENCH / "corpus" / f"seed{seed}-n{n}"


def e2e_corpus_dir(n: int, seed: int) -> Path:
    return BENCH / "corpus" / f"seed{seed}-n{n}-publishable"


def documents(out: Path, limit: int | None = None) -> list[tuple[str, bytes, dict]]:
    truth = load_truth(out / "truth.jsonl")
    recs = list(truth.values())[:limit]
    return [(r["source_file"], (out / "raw" / r["source_file"]).read_bytes(), r) for r in recs]


def environment() -> dict:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    import spacy

    from benchmarks.baseline_spacy import lookups_available, trained_model_name

    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git("rev-parse", "--short", "HEAD"),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "spacy": spacy.__version__,
        "spacy_lookups_data": lookups_available(),
        "spacy_trained_model": trained_model_name(),
    }


# -- sections ---------------------------------------------------------------------------------------
def run_parse(out: Path) -> dict:
    docs = documents(out)
    compare.ours(docs[0][1], docs[0][0])  # warm the lexicon and regex caches
    speed = compare.timed(compare.ours, [(n, d) for n, d, _ in docs])
    score, split = Score(), compare.SplitScore()
    from pipelines.parsing import UnreadableDocument, parse_bytes

    for name, data, truth in docs:
        try:
            parsed = parse_bytes(data, name)
        except UnreadableDocument:
            parsed = []
        clauses = [c.as_dict() for c in parsed[0].clauses] if len(parsed) == 1 else None
        score.add_document(truth, clauses)
        score.add_metadata(truth, parsed[0].document.adopted_on if parsed else None)
        split.add(
            compare.ours(data, name),
            [(c["text"], c["lead_verb"] if c["kind"] == "sub_operative" else c["lemma"]) for c in truth["clauses"]],
        )
    return {
        "throughput": speed,
        "accuracy_vs_truth": score.summary(),
        "split_vs_truth": split.summary(),
        "examples_of_errors": score.misses[:25],
    }


def run_spacy(out: Path, n_blank: int, n_trained: int) -> dict:
    from benchmarks.baseline_spacy import SpacyBaseline, trained_model_name

    result: dict = {}
    docs = documents(out)
    for kind, limit in (("blank", n_blank), ("trained", n_trained)):
        if kind == "trained" and trained_model_name() is None:
            result[kind] = {"skipped": "no small trained English model installed (optional extra)"}
            continue
        t0 = time.perf_counter()
        base = SpacyBaseline(kind)
        load = time.perf_counter() - t0
        sample = docs[:limit]
        speed = compare.timed(base.segments_of, [(n, d) for n, d, _ in sample])
        split = compare.SplitScore()
        for name, data, truth in sample:
            split.add(
                base.segments_of(data, name),
                [(c["text"], c["lead_verb"] if c["kind"] == "sub_operative" else c["lemma"]) for c in truth["clauses"]],
            )
        ours_speed = compare.timed(compare.ours, [(n, d) for n, d, _ in sample])
        result[kind] = {
            "pipeline": base.model,
            "has_lemmatizer": base.has_lemmas,
            "load_seconds": round(load, 2),
            "throughput": speed,
            "ours_on_same_documents": ours_speed,
            "split_vs_truth": split.summary(),
        }
    return result


def run_gold(repeat: int = 20) -> dict:
    from benchmarks.baseline_spacy import SpacyBaseline, trained_model_name

    gold = compare.gold_documents()
    if not gold:
        return {"skipped": f"gold file not found at {compare.GOLD_PATH}"}
    systems = {"ours": compare.ours, "spacy_blank": SpacyBaseline("blank").segments_of}
    if trained_model_name():
        systems["spacy_trained"] = SpacyBaseline("trained").segments_of
        systems["spacy_trained_parser_sentences"] = SpacyBaseline("trained", clause_ends=False).segments_of
    result = {}
    for name, system in systems.items():
        split = compare.SplitScore()
        for fname, data, clauses in gold:
            split.add(system(data, fname), compare.gold_pairs(clauses))
        reps = repeat if not name.startswith("spacy_trained") else max(2, repeat // 10)
        result[name] = {
            "accuracy": split.summary(),
            "throughput": compare.timed(system, [(f, d) for f, d, _ in gold], repeat=reps),
        }
    return result


def run_profile(out: Path, results: Path, limit: int) -> dict:
    import cProfile
    import pstats

    from pyinstrument import Profiler

    docs = [(n, d) for n, d, _ in documents(out, limit)]
    compare.ours(docs[0][1], docs[0][0])
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for name, data in docs:
        compare.ours(data, name)
    profiler.stop()
    (results / "profile_parse.txt").write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    prof = cProfile.Profile()
    prof.enable()
    for name, data in docs:
        compare.ours(data, name)
    prof.disable()
    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values())
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:20]
    top = [
        {
            "function": f"{Path(f).name}:{line} {fn}",
            "self_seconds": round(v[2], 3),
            "self_share": round(v[2] / total, 3),
            "calls": v[1],
        }
        for (f, line, fn), v in rows
    ]
    return {"documents": len(docs), "self_time_top": top, "pyinstrument_report": "profile_parse.txt"}


# -- main ---------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="small corpora, results in benchmarks/results/quick/")
    p.add_argument("--only", help=f"comma-separated sections of {','.join(SECTIONS)}")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--e2e-timeout", type=float, help="seconds one `resolutions run` may take (0: no limit)")
    p.add_argument("--e2e-sizes", help="comma-separated corpus sizes for e2e and incremental instead of the "
                   "mode's; their results go to e2e_scale.json, not e2e.json")
    args = p.parse_args(argv)
    mode = "quick" if args.quick else "full"
    sizes = dict(SIZES[mode])
    if args.e2e_sizes:
        sizes["e2e"] = tuple(int(n) for n in args.e2e_sizes.split(","))
    only = set(args.only.split(",")) if args.only else set(SECTIONS)
    unknown = only - set(SECTIONS)
    if unknown:
        p.error(f"unknown sections: {', '.join(sorted(unknown))}")
    results = BENCH / "results" / ("quick" if args.quick else "")
    results.mkdir(parents=True, exist_ok=True)

    def save(name: str, data: dict) -> None:
        data = {**data, "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}
        (results / f"{name}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")

    if only == set(SECTIONS):  # a partial rerun keeps the environment of the run it updates
        save("environment", environment() | {"mode": mode, "seed": args.seed})
    parse_n = sizes["parse"]
    log(f"corpus: seed {args.seed}, {parse_n} documents for parsing, {sizes['e2e']} for end to end")
    corpora = {"parse": ensure_corpus(parse_n, args.seed, corpus_dir(parse_n, args.seed))}
    for n in sorted(sizes["e2e"]):
        corpora[str(n)] = ensure_corpus(n, args.seed, e2e_corpus_dir(n, args.seed), holdout=1, publishable=True)
    # every corpus of the seed is described, whichever sizes this run generated (they do not change)
    described = results / "corpus.json"
    save("corpus", (json.loads(described.read_text()) if described.exists() else {}) | corpora)
    if "parse" in only:
        log("parse: our parser, one core")
        save("parse", run_parse(corpus_dir(parse_n, args.seed)))
    if "spacy" in only:
        log("spacy: blank + sentencizer + lookup lemmatiser, and a small trained model if installed")
        save("spacy", run_spacy(corpus_dir(parse_n, args.seed), sizes["spacy"], sizes["trained"]))
    if "gold" in only:
        log("gold: ours and spaCy on the hand-annotated documents")
        save("gold", run_gold())
    if "profile" in only:
        log("profile: pyinstrument and cProfile of the parser")
        save("profile", run_profile(corpus_dir(parse_n, args.seed), results, min(parse_n, 200)))
    if "pdf" in only:
        from benchmarks import pdf_extract

        log("pdf: pypdfium2 and pdfplumber on the same PDFs (pages/s, clauses recovered)")
        save("pdf", pdf_extract.run())
    if "fixed" in only:
        from benchmarks import fixed_costs

        log("fixed: the floor of the stack (imports, an empty dbt build) and the two samples' run")
        save("fixed_costs", fixed_costs.run())
    if "lineage" in only:
        from benchmarks import lineage_scaling

        log(f"lineage: corpus_lineage on {sizes['lineage']} documents")
        save("lineage", lineage_scaling.measure(list(sizes["lineage"]), args.seed))
    if only & {"e2e", "incremental"}:
        from benchmarks import e2e

        timeout = args.e2e_timeout if args.e2e_timeout is not None else sizes["timeout"]
        e2e_results = e2e.run_all(
            sizes["e2e"], args.seed, e2e_corpus_dir, results, "e2e" in only, "incremental" in only, timeout or None
        )
        save("e2e_scale" if args.e2e_sizes else "e2e", e2e_results)
    from benchmarks import report

    target = results / "benchmarks.md" if args.quick else ROOT / "docs" / "benchmarks.md"
    target.write_text(report.render(results, report.kept_sections(target.read_text() if target.exists() else "")))
    log(f"wrote {results.relative_to(ROOT)}/*.json and {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
