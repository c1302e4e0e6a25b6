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
