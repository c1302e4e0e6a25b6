"""How the clause-lineage step (``pipelines.facts.lineage.corpus_lineage``, the walk of the dbt model
fct_clause_lineage, on rows in memory) grows with the number of documents, measured in this process on the first N
documents of the synthetic corpus and extrapolated with the fitted exponent.

It also scores the lineage against the truth file: for every borrowed clause, whether its row against
the document it was borrowed from names the right clause and does not call it new.

    uv run python -m benchmarks.lineage_scaling --sizes 10,20,40
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time

from benchmarks.corpus import generate


def rows_for(parsed) -> tuple[list[dict], list[dict]]:
    from pipelines.facts import targets_frame
    from pipelines.facts.lineage_store import targets_by_clause

    docs, clauses = [], []
    # the generator writes one series in order: its position is its sequence (dim_documents' rule)
    for position, d in enumerate(parsed, start=1):
        m = d.document
        docs.append({"doc_id": m.doc_id, "adopted_on": m.adopted_on, "number": m.number, "doc_sequence": position})
        found = targets_by_clause(targets_frame(d))  # the clauses' raw_targets, as the warehouse holds them
        for c in d.clauses:
            clauses.append(
                {
                    "doc_id": m.doc_id,
                    "clause_ref": c.ref,
                    "kind": c.kind,
                    "text": c.text,
                    "lemma": c.lemma or c.lead_verb,
                    "intensifier": c.intensifier,
                    "addressee": c.addressee,
                    "strength": None,
                    "secondary_lemmas": list(c.secondary_lemmas),
                    "targets": found.get((m.doc_id, c.ref), ()),
                }
            )
    return docs, clauses


def measure(sizes: list[int], seed: int = 7) -> dict:
    from pipelines.facts.lineage import corpus_lineage
    from pipelines.parsing import parse_bytes

    largest = max(sizes)
    items = [(name, data, truth) for name, data, truth, _ in generate(largest, seed)]
    parsed = [parse_bytes(data, name)[0] for name, data, _ in items]
    points, recall = [], {}
    for n in sorted(sizes):
        docs, clauses = rows_for(parsed[:n])
        t0 = time.process_time()
        rows = corpus_lineage(docs, clauses).to_dicts()
        cpu = time.process_time() - t0
        points.append({"documents": n, "clauses": len(clauses), "cpu_seconds": round(cpu, 2), "rows": len(rows)})
        if n == largest:
            recall = score(rows, [t for _, _, t in items[:n]])
    fit = []
    for a, b in zip(points, points[1:], strict=False):
        if a["cpu_seconds"] > 0 and b["cpu_seconds"] > 0:
            fit.append(
                round(math.log(b["cpu_seconds"] / a["cpu_seconds"]) / math.log(b["documents"] / a["documents"]), 2)
            )
    exponent = fit[-1] if fit else None
    last = points[-1]
    extrapolated = {}
    if exponent:
        for n in (100, 1000, 10000):
            extrapolated[str(n)] = round(last["cpu_seconds"] * (n / last["documents"]) ** exponent, 1)
    return {"points": points, "exponents": fit, "extrapolated_cpu_seconds": extrapolated, "vs_truth": recall}


def score(rows: list[dict], truths: list[dict]) -> dict:
    by_pair = {(r["doc_id"], r["clause_ref"], r["matched_doc_id"]): r for r in rows}
    borrowed = found = right = 0
    for t in truths:
        for c in t["clauses"]:
            origin = c["derived_from"]
            if not origin:
                continue
            borrowed += 1
            row = by_pair.get((t["doc_id"], c["ref"], origin["doc_id"]))
            if row is None:
                continue
            found += 1
            right += row["label"] != "new" and row["matched_clause_ref"] == origin["ref"]
    return {
        "borrowed_clauses": borrowed,
        "rows_found": found,
        "matched_to_the_right_clause": round(right / borrowed, 4) if borrowed else None,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.lineage_scaling")
    p.add_argument("--sizes", default="10,20,40")
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    print(json.dumps(measure([int(x) for x in args.sizes.split(",")], args.seed), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
