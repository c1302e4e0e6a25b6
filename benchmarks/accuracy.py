"""Compare parser output with a truth file: clause refs, texts, kinds, lemmas, lead verbs, letters."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field


def norm(text: str | None) -> str | None:
    """The gold comparison rules: whitespace, quote style and doubled apostrophes do not count."""
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"'{2,}", "'", text)
    return " ".join(text.split())


@dataclass
class Score:
    counts: Counter = field(default_factory=Counter)
    misses: list = field(default_factory=list)  # a few examples of each kind of error, for the report

    def note(self, kind: str, example: dict) -> None:
        if sum(1 for m in self.misses if m["kind"] == kind) < 5:
            self.misses.append({"kind": kind, **example})

    def add_document(self, truth: dict, parsed: list[dict] | None) -> None:
        """``parsed``: the clauses of the parsed document as dicts (``Clause.as_dict()``), None on failure."""
        c = self.counts
        c["documents"] += 1
        expected = {x["ref"]: x for x in truth["clauses"]}
        c["truth_clauses"] += len(expected)
        if parsed is None:
            c["failed_documents"] += 1
            return
        got = {x["ref"]: x for x in parsed}
        c["parsed_clauses"] += len(got)
        matched = expected.keys() & got.keys()
        c["ref_matched"] += len(matched)
        if matched == expected.keys() == got.keys():
            c["documents_all_refs_right"] += 1
        for ref in expected.keys() - got.keys():
            self.note("ref_missing", {"doc_id": truth["doc_id"], "ref": ref})
        for ref in got.keys() - expected.keys():
            self.note("ref_extra", {"doc_id": truth["doc_id"], "ref": ref, "text": got[ref]["text"][:80]})
        for ref in matched:
            t, g = expected[ref], got[ref]
            if norm(t["text"]) == norm(g["text"]):
                c["text_exact"] += 1
            else:
                self.note(
                    "text",
                    {"doc_id": truth["doc_id"], "ref": ref, "want": t["text"][:120], "got": g["text"][:120]},
                )
            c["kind_right"] += t["kind"] == g["kind"]
            if t["kind"] == "sub_operative":
                c["lead_verb_total"] += 1
                if t["lead_verb"] == g.get("lead_verb"):
                    c["lead_verb_right"] += 1
                else:
                    self.note(
                        "lead_verb",
                        {
                            "doc_id": truth["doc_id"],
                            "ref": ref,
                            "want": t["lead_verb"],
                            "got": g.get("lead_verb"),
                        },
                    )
                c["letter_inferred_right"] += bool(t["letter_inferred"]) == bool(g.get("letter_inferred"))
            else:
                c["lemma_total"] += 1
                if t["lemma"] == g.get("lemma"):
                    c["lemma_right"] += 1
                else:
                    self.note(
                        "lemma",
                        {"doc_id": truth["doc_id"], "ref": ref, "want": t["lemma"], "got": g.get("lemma")},
                    )

    def add_metadata(self, truth: dict, adopted_on: str | None) -> None:
        self.counts["adopted_on_total"] += 1
        self.counts["adopted_on_right"] += truth["adopted_on"] == adopted_on

    def summary(self) -> dict:
        c = self.counts

        def ratio(a: str, b: str) -> float | None:
            return round(c[a] / c[b], 4) if c[b] else None

        return {
            "documents": c["documents"],
            "failed_documents": c["failed_documents"],
            "truth_clauses": c["truth_clauses"],
            "parsed_clauses": c["parsed_clauses"],
            "ref_recall": ratio("ref_matched", "truth_clauses"),
            "ref_precision": ratio("ref_matched", "parsed_clauses"),
            "documents_all_refs_right": ratio("documents_all_refs_right", "documents"),
            "text_exact_of_matched": ratio("text_exact", "ref_matched"),
            "kind_accuracy_of_matched": ratio("kind_right", "ref_matched"),
            "lemma_accuracy_of_matched": ratio("lemma_right", "lemma_total"),
            "lead_verb_accuracy_of_matched": ratio("lead_verb_right", "lead_verb_total"),
            "letter_inferred_accuracy_of_matched": ratio("letter_inferred_right", "lead_verb_total"),
            "adopted_on_accuracy": ratio("adopted_on_right", "adopted_on_total"),
        }
