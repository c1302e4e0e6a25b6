"""Commitment actions (pipelines/facts/commitments.py) on constructed variants of the genre's grammar
and on real clauses of ../shared/corpus, through the parser as production runs it."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.facts.commitments import addressee_kind, extract_document_actions
from pipelines.parsing import parse_text
from pipelines.parsing.leads import addressee_after

ADOPTED = date(2024, 3, 15)


def _actions(clauses_text: str, opening: str = "The Security Council,") -> dict[str, list]:
    """Actions per clause ref of a small document: an opening formula, one preambular clause, the clauses."""
    text = f"Resolution 9999 (2024)\n\nAdopted by the Security Council on 15 March 2024\n\n{opening}\n\n" \
           f"Recalling its earlier resolutions,\n\n{clauses_text}\n"
    doc = parse_text(text, "constructed.txt")
    doc = doc[0] if isinstance(doc, list) else doc
    return {c.ref: acts for c, acts in extract_document_actions(doc.clauses, "Security Council", ADOPTED)}


def _lemmas(acts) -> list[str]:
    return [a.action_lemma for a in acts]


def test_one_commitment_per_action_each_with_its_own_deadline():
    acts = _actions("1. Calls upon all States to sign and ratify the Treaty and to report to the Committee "
                    "by 31 December 2026;")["1"]
    assert _lemmas(acts) == ["sign", "ratify", "report"]
    assert {a.addressee for a in acts} == {"all States"}
    assert {a.addressee_kind for a in acts} == {"member_states"}
    assert [a.deadline.deadline_date if a.deadline else None for a in acts] == [None, None, date(2026, 12, 31)]


@pytest.mark.parametrize("clause, lemma", [
    ("Requests the Secretary-General to continue to bolster the capacity of the Office;", "bolster"),
    ("Requests the Secretary-General to continue supporting the Office;", "support"),
    ("Requests the Secretary-General to further strengthen the Office;", "strengthen"),
    ("Requests the Secretary-General to keep under review the situation;", "review"),
])
def test_the_action_under_a_verb_of_carrying_on_is_the_verb_it_governs(clause, lemma):
    (action,) = _actions(f"1. {clause}")["1"]
    assert (action.action_lemma, action.is_continuation) == (lemma, True)
    assert action.addressee_kind == "named_body"


@pytest.mark.parametrize("clause", [
    "Reiterates its call upon all States to ratify the Convention;",
    "Calls again upon all States to ratify the Convention;",
    "Once again urges all States to ratify the Convention;",
])
def test_a_repeated_call_is_a_continuation_of_the_same_addressee(clause):
    (action,) = _actions(f"1. {clause}")["1"]
    assert action.action_lemma == "ratify"
    assert action.is_continuation
    assert action.addressee == "all States"


def test_a_new_call_is_not_a_continuation():
    (action,) = _actions("1. Calls upon all States to ratify the Convention;")["1"]
    assert not action.is_continuation


def test_the_bodys_own_decisions_name_the_body():
    acts = _actions("1. Decides to remain actively seized of the matter.")["1"]
    assert [(a.action_lemma, a.addressee, a.addressee_kind) for a in acts] == [
        ("remain seized", "Security Council", "self")]


def test_a_further_lead_in_the_clause_starts_a_call_of_its_own():
    acts = _actions("1. Requests the Secretary-General to take the necessary steps, and authorizes him to "
                    "enter into any arrangements necessary to accomplish this;")["1"]
    assert [(a.operative_lemma, a.action_lemma, a.addressee) for a in acts] == [
        ("request", "take", "the Secretary-General"), ("authorize", "enter", "the Secretary-General")]


def test_a_subjunctive_that_clause_gives_each_verb_of_its_subject():
    acts = _actions("1. Demands that all parties cooperate fully with the Mission and take all necessary "
                    "steps to ensure the safety of its personnel;")["1"]
    assert _lemmas(acts) == ["cooperate", "take"]
    assert {a.addressee for a in acts} == {"all parties"}


def test_a_hedged_or_forecast_statement_asks_for_nothing():
    acts = _actions("1. Notes that the situation may deteriorate further;\n\n"
                    "2. Notes that the Mission will report on its work;")
    assert acts["1"] == [] and acts["2"] == []


def test_a_statement_that_binds_gives_its_action_and_a_passive_names_nobody():
    acts = _actions("1. Stresses that all States should refrain from supplying arms;\n\n"
                    "2. Stresses that the costs should be met by voluntary contributions;")
    assert [(a.action_lemma, a.addressee) for a in acts["1"]] == [("refrain", "all States")]
    assert [(a.action_lemma, a.addressee, a.addressee_kind) for a in acts["2"]] == [("meet", None, "other")]


def test_welcoming_or_condemning_asks_for_nothing():
    acts = _actions("1. Welcomes the report of the Secretary-General;\n\n2. Condemns the attacks on civilians;")
    assert acts["1"] == [] and acts["2"] == []


def test_purpose_and_inserted_phrases_are_not_actions():
    acts = _actions("1. Urges all parties to exercise restraint so as to create a climate of trust;\n\n"
                    "2. Urges all parties to support the efforts, as expressed in the Plan, to achieve a "
                    "lasting peace;")
    assert _lemmas(acts["1"]) == ["exercise"]
    assert _lemmas(acts["2"]) == ["support"]


def test_lettered_items_are_the_actions_of_their_chapeau():
    acts = _actions("1. URGES member governments of the Alliance:\n\n"
                    "a. to continue supporting Ukraine;\n\n"
                    "b. to sustain and increase support for partners by 2030;", opening="The Assembly,")
    assert acts["1"] == []
    assert [(a.action_lemma, a.is_continuation) for a in acts["1.a"]] == [("support", True)]
    assert _lemmas(acts["1.b"]) == ["sustain", "increase"]
    # verbs coordinated directly share their object and deadline
    assert {a.deadline.deadline_text for a in acts["1.b"]} == {"by 2030"}
    assert {a.addressee for a in acts["1.a"] + acts["1.b"]} == {"member governments of the Alliance"}


def test_an_item_that_opens_with_a_call_of_its_own_names_its_addressee():
    acts = _actions("1. Decides:\n\n(a) To call upon the parties concerned to implement resolution 338 (1973);\n\n"
                    "(b) To request the Secretary-General to submit a report;")
    assert [(a.action_lemma, a.addressee) for a in acts["1.a"]] == [("implement", "the parties concerned")]
    assert [(a.action_lemma, a.addressee_kind) for a in acts["1.b"]] == [("submit", "named_body")]


@pytest.mark.parametrize("rest, expected", [
    ("all parties to the conflict to exercise maximum restraint;", "all parties to the conflict"),
    ("the Secretary-General, within sixty days, to develop rates;", "the Secretary-General"),
    ("the members of the Council, in full accord with the framework, to elect a Chairman;",
     "the members of the Council"),
    ("again upon all parties to cooperate;", "all parties"),
    ("that all parties cooperate;", None),
    ("the States Parties[^5] that have not yet done so to conclude agreements;",
     "the States Parties that have not yet done so"),
    ("China, France and the United Kingdom to continue their efforts;", "China, France and the United Kingdom"),
])
def test_the_addressee_ends_at_the_infinitive_of_the_call(rest, expected):
    assert addressee_after(rest) == expected


@pytest.mark.parametrize("addressee, kind", [
    ("all States", "member_states"),
    ("Member States", "member_states"),
    ("the participating States", "member_states"),
    ("the Secretary-General", "named_body"),
    ("the European Commission", "named_body"),
    ("the Government of Israel", "named_state"),
    ("Iraq", "named_state"),
    ("the Council", "self"),
    ("all parties concerned", "other"),
    (None, "other"),
])
def test_addressee_kinds(addressee, kind):
    assert addressee_kind(addressee, "Security Council") == kind


def test_a_that_clause_after_the_addressee_ends_it():
    assert addressee_after("to the General Assembly that the Republic of Korea be admitted;") == "the General Assembly"
    assert addressee_after("those that have not yet done so to ratify it;") == "those that have not yet done so"


def test_bare_items_after_a_chapeau_ending_in_to_are_actions():
    text = ("Resolution 2519 (2023)\n\nParliamentary Assembly\n\n1. The Parliamentary Assembly is concerned "
            "about the situation of human rights defenders.\n\n2. The Assembly therefore calls on member States "
            "to:\n\n2.1. ratify the Convention without delay;\n\n2.2. continue to support the Commissioner;\n\n"
            "2.3. access to the courts for defenders.\n")
    doc = parse_text(text, "pace.txt")
    doc = doc[0] if isinstance(doc, list) else doc
    acts = {c.ref: a for c, a in extract_document_actions(doc.clauses, "Parliamentary Assembly", ADOPTED)}
    assert [(a.action_lemma, a.addressee) for a in acts["2.1"]] == [("ratify", "member States")]
    assert [(a.action_lemma, a.is_continuation) for a in acts["2.2"]] == [("support", True)]
    assert acts["2.3"] == []


def test_items_under_a_call_on_others_are_that_addressees_actions():
    acts = _actions("1. URGES member governments of the Alliance:\n\n"
                    "a. to encourage Allies to develop their industry;\n\n"
                    "b. to adopt a plan to increase standards;\n\n"
                    "c. to keep up pressure on the aggressor;\n\n"
                    "d. to operationalise the commitment to democracy;", opening="The Assembly,")
    assert [(a.action_lemma, a.addressee) for a in acts["1.a"]] == [
        ("encourage", "member governments of the Alliance")]
    assert _lemmas(acts["1.b"]) == ["adopt"]
    assert [(a.action_lemma, a.is_continuation) for a in acts["1.c"]] == [("keep up", True)]
    assert _lemmas(acts["1.d"]) == ["operationalise"]


def test_a_printed_date_is_the_deadline_rather_than_the_end_of_a_period_and_a_start_is_none():
    acts = _actions("1. Decides to extend the mandate of the Force for a further period of three months, that "
                    "is, until 19 October 2024;\n\n"
                    "2. Approves, for implementation beginning on 31 December 2024, the revised procedures;")
    (extend,) = acts["1"]
    assert extend.deadline.deadline_date == date(2024, 10, 19)
    (approve,) = acts["2"]
    assert approve.deadline is None
