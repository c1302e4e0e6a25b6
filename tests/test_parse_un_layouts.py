"""Genre rules seen in real UN texts, on variants written here: preambular leads the lexicon does not
list (by their shape), and annexes after the operative part."""

import pytest

from pipelines.parsing import parse_bytes

FORMULA = "The Security Council,\n\n"
CLOSE = "\n\n1. Decides to remain seized of the matter.\n"


def parse(text: str):
    (doc,) = parse_bytes(text.encode(), "variant.txt")
    return doc


@pytest.mark.parametrize("lead,lemma", [
    ("Having taken note of the report of the Secretary-General", "take note"),
    ("Taking note further of the letter of the Permanent Representative", "take note"),
    ("Also taking note with appreciation of the efforts of the mediator", "take note"),
    ("Having studied the report of the Secretary-General", "study"),
    ("Having also heard the statement of the representative", "hear"),
    ("Acting under Chapter VII of the Charter of the United Nations", "act"),
    ("Paying tribute to the efforts of the Organization of African Unity", "pay"),
    ("Grieved at the tragic loss of life", "grieved"),
    ("Desirous of reaching a just and lasting solution", "desirous"),
    ("Indignant at the illegal entry into the territory", "indignant"),
])
def test_a_preambular_lead_outside_the_lexicon_opens_its_own_clause(lead, lemma):
    doc = parse(f"{FORMULA}Recalling its earlier resolutions,\n\n{lead},{CLOSE}")
    kinds = [(c.kind, c.lemma) for c in doc.clauses]
    assert kinds == [("preambular", "recall"), ("preambular", lemma), ("operative", "decide")], kinds


def test_a_heading_that_opens_with_a_participle_is_not_a_lead():
    doc = parse("Protecting journalists\n\nThe Assembly,\n\n1. Calls on member States to protect journalists.\n")
    assert [c.text.split()[0] for c in doc.clauses] == ["Calls"]


def test_an_annex_after_the_operative_part_is_kept_out_of_the_clauses():
    body = (f"{FORMULA}Recalling its earlier resolutions,\n\n1. Approves the changes set out in Annex A to this"
            "\nresolution;\n\n2. Decides to remain seized of the matter.\n\nAnnex A\n\nChemical section:\n\n"
            "(1) Quantities of equipment greater than the limit;\n\n3. Equipment designed for disposal.\n")
    doc = parse(body)
    assert [c.ref for c in doc.clauses] == ["pp1", "1", "2"]
    (annex,) = [i for i in doc.issues if i.kind == "annex"]
    assert doc.source_text[annex.char_start:].startswith("Annex A")
    assert annex.char_end == len(doc.source_text.rstrip())


@pytest.mark.parametrize("line", ["annex.", "Annexes, agenda item 19, document A/35/89.",
                                  "Annex B of this resolution;"])
def test_a_line_that_only_mentions_an_annex_does_not_end_the_text(line):
    doc = parse(f"{FORMULA}1. Takes note of the report;\n\n{line}\n\n2. Decides to remain seized of the matter.\n")
    assert "2" in [c.ref for c in doc.clauses]
    assert not [i for i in doc.issues if i.kind == "annex"]


def test_a_footnote_reference_after_the_comma_still_ends_the_paragraph():
    doc = parse("The Security Council,\n\nHaving examined the application of the Republic, 35\n"
                "Recommends to the General Assembly that the Republic be admitted to membership.\n")
    assert [(c.kind, c.lemma) for c in doc.clauses] == [("preambular", "examine"), ("operative", "recommend")]


@pytest.mark.parametrize("verb,lemma", [("Finds", "find"), ("Resolves", "resolve"), ("Authorizes", "authorize")])
def test_an_unnumbered_operative_paragraph_after_a_formula_without_comma(verb, lemma):
    doc = parse(f"The Security Council\n{verb} that the State fulfils the conditions laid down in the Charter and\n"
                "therefore recommends that it be admitted.\n")
    assert [(c.kind, c.lemma) for c in doc.clauses] == [("operative", lemma)]


def test_lettered_paragraphs_with_no_clause_above_them_are_the_paragraphs_of_the_text():
    doc = parse("The Security Council\n\n(a) Resolves that the dispute be taken off the list of matters of which\n"
                "the Council is seized ; and\n\n(b) Requests that the Secretary-General place all records at the\n"
                "disposal of the General Assembly.\n")
    assert [(c.ref, c.kind, c.marker_as_written, c.lemma) for c in doc.clauses] == [
        ("1", "operative", "(a)", "resolve"), ("2", "operative", "(b)", "request")]


def test_a_plural_noun_at_a_paragraph_start_is_not_an_operative_verb():
    doc = parse(f"{FORMULA}1. Calls upon all States to act;\n\nStates that have not yet done so are invited to\n"
                "sign the Treaty.\n\n2. Decides to remain seized of the matter.\n")
    assert [c.ref for c in doc.clauses] == ["1", "2"]
