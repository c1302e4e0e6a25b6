"""The parser on fifty hand-annotated real UN resolutions (tests/fixtures/real_parse/, read by people).

The floors below are what the parser reaches today; they only go up. The goal of the genre (clause F1,
kind and lead accuracy, metadata accuracy, each >= 0.97) is tracked by ``python -m tests.real_parse_scoring``,
which prints every miss.
"""

import json

import pytest

from tests.real_parse_scoring import CORPUS, fixtures, key, report, score_all

KINDS = {"preambular", "operative", "sub_operative"}
FLOORS = {"f1": 0.99, "recall": 0.98, "precision": 0.99, "kind": 0.99, "lemma": 0.99}


@pytest.fixture(scope="module")
def scores():
    return score_all()


def test_there_are_at_least_forty_annotated_documents():
    assert len(fixtures()) >= 40


@pytest.mark.parametrize("path", fixtures(), ids=lambda p: p.stem)
def test_each_fixture_describes_its_document(path):
    """The annotation itself is checked against the text: every clause's first words occur in the
    source, in document order, refs are unique and kinds are of the genre."""
    fixture = json.loads(path.read_text(encoding="utf-8"))
    source = key((CORPUS / fixture["source"]).read_text(encoding="utf-8"))
    refs = [c["ref"] for c in fixture["clauses"]]
    assert len(refs) == len(set(refs)), "a ref appears twice"
    cursor = 0
    for c in fixture["clauses"]:
        assert c["kind"] in KINDS, c
        at = source.find(key(c["text_start"]), cursor)
        assert at >= 0, f"clause {c['ref']}: {c['text_start']!r} is not in the text after the previous clause"
        cursor = at
    for c in fixture["clauses"]:
        parent = c["ref"].rsplit(".", 1)[0] if "." in c["ref"] else None
        assert (c["kind"] == "sub_operative") == (parent is not None and parent in refs), c["ref"]


def test_clause_recall_and_precision_do_not_fall(scores):
    total, _ = scores
    print(report(total))
    assert total.f1 >= FLOORS["f1"], report(total)
    assert total.recall >= FLOORS["recall"], report(total)
    assert total.precision >= FLOORS["precision"], report(total)


def test_kind_and_lead_accuracy_do_not_fall(scores):
    total, _ = scores
    assert total.share(total.kind_right) >= FLOORS["kind"], report(total)
    assert total.share(total.lemma_right) >= FLOORS["lemma"], report(total)
