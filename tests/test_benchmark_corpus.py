"""The synthetic benchmark corpus: deterministic, all three formats, and parseable to its truth file."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.accuracy import Score
from benchmarks.corpus import generate, main
from pipelines.parsing import UnreadableDocument, parse_bytes


def test_the_same_seed_gives_the_same_files_and_truth():
    first = [(name, data, truth) for name, data, truth, _ in generate(12, seed=3)]
    again = [(name, data, truth) for name, data, truth, _ in generate(12, seed=3)]
    assert first == again
    other = [data for _, data, _, _ in generate(12, seed=4)]
    assert other != [data for _, data, _ in first]


def test_a_smaller_corpus_is_the_start_of_a_larger_one():
    small = [data for _, data, _, _ in generate(8, seed=3)]
    large = [data for _, data, _, _ in generate(12, seed=3)]
    assert large[:8] == small


def test_corpus_has_txt_md_and_html_in_three_styles_with_borrowed_clauses():
    records = [truth for _, _, truth, _ in generate(40, seed=7)]
    assert {r["format"] for r in records} == {"txt", "md", "html"}
    assert {r["style"] for r in records} == {"nato", "un", "ep"}
    assert any(c["derived_from"] for r in records for c in r["clauses"])


def test_cli_writes_raw_files_truth_manifest_and_holdout(tmp_path, capsys):
    assert main(["--n", "5", "--seed", "2", "--out", str(tmp_path), "--holdout", "1"]) == 0
    assert len(list((tmp_path / "raw").iterdir())) == 5
    assert len(list((tmp_path / "holdout").iterdir())) == 1
    truth = [json.loads(line) for line in (tmp_path / "truth.jsonl").read_text().splitlines()]
    assert [t["source_file"] for t in truth] == sorted(p.name for p in (tmp_path / "raw").iterdir())
    assert json.loads((tmp_path / "manifest.json").read_text())["n"] == 5
    assert "5 documents" in capsys.readouterr().out


def test_parser_recovers_the_truth_files_clause_refs():
    score = Score()
    for name, data, truth, _ in generate(40, seed=11):
        try:
            docs = parse_bytes(data, name)
        except UnreadableDocument:
            docs = []
        score.add_document(truth, [c.as_dict() for c in docs[0].clauses] if len(docs) == 1 else None)
    summary = score.summary()
    print(
        f"ref recall {summary['ref_recall']:.4f}, precision {summary['ref_precision']:.4f} "
        f"over {summary['truth_clauses']} clauses"
    )
    assert summary["failed_documents"] == 0
    assert summary["ref_recall"] >= 0.95
    assert summary["ref_precision"] >= 0.95


def test_make_bench_keeps_the_hand_measured_sections_of_docs_benchmarks(tmp_path):
    """`make bench` rewrites docs/benchmarks.md from its results: the sections measured apart from it
    (between the markers) come back in the new file, after the goals."""
    from benchmarks import report

    existing = (Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md").read_text()
    kept = report.kept_sections(existing)
    assert kept.startswith(report.KEPT_BEGIN) and report.KEPT_END in kept
    assert "## Speed goals of issue #17" in kept and "## Real documents" in kept
    rendered = report.render(tmp_path, kept)  # no results: every generated section says so
    assert kept in rendered
    assert rendered.index("## Against the goals") < rendered.index(kept) < rendered.index("## Parse throughput")
    assert report.kept_sections(rendered) == kept
    assert report.kept_sections("# Benchmarks\n\nnothing kept\n") == ""


def _measured(published: float | None, peak: float, exit_code: int = 0) -> dict:
    return {"wall_seconds": (published or 50.0) + 3, "published_at_seconds": published, "peak_tree_rss_mb": peak,
            "max_process_rss_mb": peak / 2, "exit_code": exit_code, "timed_out": False}


def test_bench_runs_one_new_document_into_every_warehouse_of_a_thousand_or_more(tmp_path, monkeypatch):
    """run_all's order of runs and the shape the report reads: a full build per size, then a rerun and
    one new document into each warehouse of at least INCREMENTAL_FROM documents (and the largest)."""
    from benchmarks import e2e

    calls = []
    published = {"full-n100": 20.0, "full-n1000": 40.0, "full-n10000": 200.0, "incremental-n1000": 10.0,
                 "incremental-n10000": 30.0}

    def fake_run(raw, warehouse, label, results, timeout):
        calls.append(label)
        return _measured(published.get(label, 5.0), 100.0)

    monkeypatch.setattr(e2e, "run_available", lambda: None)
    monkeypatch.setattr(e2e, "measured_run", fake_run)
    monkeypatch.setattr(e2e, "WORK", tmp_path / "work")

    def corpus_dir(n, seed):
        d = tmp_path / f"c{n}"
        (d / "raw").mkdir(parents=True, exist_ok=True)
        (d / "holdout").mkdir(exist_ok=True)
        (d / "holdout" / f"held-{n}.txt").write_text("x")
        return d

    out = e2e.run_all((10000, 100, 1000), 7, corpus_dir, tmp_path, True, True)
    assert calls == ["full-n100", "full-n1000", "full-n10000", "unchanged-n1000", "incremental-n1000",
                     "unchanged-n10000", "incremental-n10000"]
    assert set(out["incremental"]) == {"1000", "10000"}
    one = out["incremental"]["1000"]["one_new_document"]
    assert one["new_document"] == "held-1000.txt" and one["ratio_to_full_build"] == 0.25
    assert (tmp_path / "work" / "n1000" / "raw" / "held-1000.txt").exists()


def test_bench_report_judges_each_goal_from_its_own_figures():
    """The goals table of docs/benchmarks.md: each verdict follows the figure it is about (here some
    met, some missed), and a scale run adds the 100,000-document rows."""
    from benchmarks import report

    fixed = {report.SAMPLES_RUN: {"wall": 18.0, "cpu": 22.0}}
    parse = {"throughput": {"mb_per_cpu_second": 2.5}}
    full_1k, full_10k = _measured(48.0, 900.0), _measured(110.0, 1900.0)
    inc_1k = _measured(11.0, 600.0) | {"new_document": "a.txt", "ratio_to_full_build": 11.0 / 48.0}
    inc_10k = _measured(24.0, 1500.0) | {"new_document": "b.txt", "ratio_to_full_build": 24.0 / 110.0}
    e2e = {"runs": {"1000": full_1k, "10000": full_10k},
           "incremental": {"1000": {"into_documents": 1000, "unchanged_rerun": _measured(None, 300.0),
                                    "one_new_document": inc_1k},
                           "10000": {"into_documents": 10000, "unchanged_rerun": _measured(None, 300.0),
                                     "one_new_document": inc_10k}}}
    scale = {"runs": {"10000": full_10k, "100000": _measured(1200.0, 3500.0)},
             "time_growth": [{"from": 10000, "to": 100000, "ratio": 10.3, "exponent": 1.01}]}
    table = report.goals(fixed, parse, {}, {}, e2e, scale)
    rows = {line.split(" | ")[0].lstrip("| "): line for line in table.splitlines()}
    assert rows["the 2 samples, fresh warehouse"].endswith("**met** |")
    assert rows["one new document into 1,000, until published"].endswith("**met** |")
    assert rows["10,000 documents, full build until published"].endswith("**met** |")
    assert rows["peak memory of the 10,000-document build (whole process tree)"].endswith("**met** |")
    assert rows["one new document into 10,000, until published"].endswith("**not met** |")
    assert rows["100,000 documents, full build until published"].endswith("**met** |")
    assert rows["peak memory of the 100,000-document build (whole process tree)"].endswith("**not met** |")
    assert rows["growth of the wall time, to 100,000 documents"].endswith("**met** |")
    assert rows["parse throughput (one core)"].endswith("**not met** |")
    # the share of the full build counts as well as the seconds
    inc_1k["ratio_to_full_build"] = 0.3
    table = report.goals(fixed, parse, {}, {}, e2e, scale)
    rows = {line.split(" | ")[0].lstrip("| "): line for line in table.splitlines()}
    assert rows["one new document into 1,000, until published"].endswith("**not met** |")
