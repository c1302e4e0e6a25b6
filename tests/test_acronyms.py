"""Acronym definitions ("Long Name (ABC)") and bare mentions, within and across documents."""

from __future__ import annotations

import pytest

from pipelines.facts.acronyms import (
    extract_acronym_definitions,
    find_acronym_mentions,
    link_acronym_mentions,
    mention_prefilter,
)


@pytest.mark.parametrize(
    "text, acronym, expansion",
    [
        (
            "including by establishing the NATO Security Assistance and Training for Ukraine (NSATU), and",
            "NSATU",
            "NATO Security Assistance and Training for Ukraine",
        ),
        (
            "the multiple challenges the People's Republic of China (PRC) poses",
            "PRC",
            "People's Republic of China",
        ),
        ("the challenges the People’s Republic of China (PRC) poses", "PRC", "People’s Republic of China"),
        (
            "to protect Critical Undersea Infrastructure (CUI) against sabotage",
            "CUI",
            "Critical Undersea Infrastructure",
        ),
        (
            "to strengthen the protection of critical undersea infrastructure (CUI), and",
            "CUI",
            "critical undersea infrastructure",
        ),
        (
            "the Pledge of Long-Term Security Assistance (PLTSA)",
            "PLTSA",
            "Pledge of Long-Term Security Assistance",
        ),
        (
            "the NATO-Ukraine Joint Analysis, Training, and Education Centre (JATEC)",
            "JATEC",
            "Joint Analysis, Training, and Education Centre",
        ),
        ("NATO's Women, Peace and Security (WPS) agenda", "WPS", "Women, Peace and Security"),
        (
            "agreed the NATO Industrial Capacity Expansion Pledge (NICE);",
            "NICE",
            "NATO Industrial Capacity Expansion Pledge",
        ),
        (
            "NATO's Integrated Air and Missile Defence (IAMD) to eliminate",
            "IAMD",
            "Integrated Air and Missile Defence",
        ),
        (
            "the Democratic People's Republic of Korea (DPRK) and",
            "DPRK",
            "Democratic People's Republic of Korea",
        ),
        (
            "the Organization for Security and Co-operation in Europe (OSCE)",
            "OSCE",
            "Organization for Security and Co-operation in Europe",
        ),
        (
            "the NATO Climate Change and Security Centre of Excellence (CCASCOE)",
            "CCASCOE",
            "Climate Change and Security Centre of Excellence",
        ),
        ("a Centre of Excellence (CoE) in Montreal", "CoE", "Centre of Excellence"),
    ],
)
def test_definition_expansion_is_the_words_whose_initials_spell_the_acronym(text, acronym, expansion):
    defs = extract_acronym_definitions(text)
    assert [(d.acronym, d.expansion) for d in defs] == [(acronym, expansion)]
    d = defs[0]
    assert text[d.text_start : d.text_end] == f"{expansion} ({acronym})"
    assert text[d.acronym_start : d.acronym_end] == acronym


@pytest.mark.parametrize(
    "text",
    [
        "some random words here (ABC)",  # initials do not spell it
        "in the financial year 2024 (FY)",
        "the ordinary course of things (NATO)",
        "as set out in the annex (a)",  # a list marker, not an acronym
        "the Alliance (2024)",
    ],
)
def test_parentheses_that_are_not_definitions(text):
    assert extract_acronym_definitions(text) == []


def test_bare_mentions_are_word_bounded_and_skip_the_definition_itself():
    text = (
        "the Centre for Security of CUI, critical undersea infrastructure (CUI), CUIs, CUISINE and "
        "NSATU's role"
    )
    mentions = find_acronym_mentions(text, ["CUI", "NSATU"])
    assert [(a, text[s:e]) for a, s, e in mentions] == [("CUI", "CUI"), ("CUI", "CUI"), ("NSATU", "NSATU")]
    assert [s for _, s, _ in mentions][:2] == [text.index("CUI,"), text.index("CUIs")]


def test_mentions_are_case_sensitive():
    assert find_acronym_mentions("a cap on spending and the CAP", ["CAP"]) == [("CAP", 26, 29)]


def test_acronym_defined_in_one_document_and_used_bare_in_the_next():
    clauses = [
        {
            "doc_id": "res-1",
            "clause_ref": "3",
            "ordinal": 3,
            "text": "Welcoming the NATO Security Assistance and Training for Ukraine (NSATU);",
        },
        {
            "doc_id": "res-1",
            "clause_ref": "1",
            "ordinal": 1,
            "text": "Recalling that NSATU was first proposed;",
        },
        {
            "doc_id": "res-2",
            "clause_ref": "7.b",
            "ordinal": 9,
            "text": "to make full use of NSATU and of the PRC;",
        },
    ]
    definitions = [{"doc_id": "res-1", "clause_ref": "3", "acronym": "NSATU"}]
    links = link_acronym_mentions(definitions, clauses, ["res-1", "res-2"])
    got = [
        (
            m["doc_id"],
            m["clause_ref"],
            m["acronym"],
            m["defined_doc_id"],
            m["defined_clause_ref"],
            m["is_after_definition"],
        )
        for m in links
    ]
    assert got == [
        ("res-1", "1", "NSATU", "res-1", "3", False),  # used before the texts define it
        ("res-2", "7.b", "NSATU", "res-1", "3", True),
    ]
    later = links[1]
    assert clauses[2]["text"][later["mention_start"] : later["mention_end"]] == "NSATU"


def test_the_first_definition_is_the_one_in_the_earliest_document():
    clauses = [
        {
            "doc_id": "new",
            "clause_ref": "1",
            "ordinal": 1,
            "text": "the Comprehensive Assistance Package (CAP)",
        },
        {
            "doc_id": "old",
            "clause_ref": "4",
            "ordinal": 4,
            "text": "the Comprehensive Assistance Package (CAP)",
        },
        {"doc_id": "new", "clause_ref": "2", "ordinal": 2, "text": "to fund the CAP"},
    ]
    definitions = [{"doc_id": d, "clause_ref": r, "acronym": "CAP"} for d, r in (("new", "1"), ("old", "4"))]
    links = link_acronym_mentions(definitions, clauses, ["old", "new"])
    assert {(m["defined_doc_id"], m["defined_clause_ref"]) for m in links} == {("old", "4")}
    assert [(m["doc_id"], m["clause_ref"]) for m in links] == [("new", "2")]


def test_a_compound_before_the_name_is_not_part_of_the_expansion():
    (d,) = extract_acronym_definitions("strengthening NATO-European Union (EU) cooperation")
    assert (d.acronym, d.expansion) == ("EU", "European Union")
    (d,) = extract_acronym_definitions("the NATO-Ukraine Joint Analysis Centre (JAC)")
    assert d.expansion == "Joint Analysis Centre"


def test_mention_prefilter_keeps_every_clause_that_mentions_or_defines_an_acronym():
    """fct_acronym_mentions reads only the clauses DuckDB's regexp_matches keeps with this pattern: it
    must keep every text with a mention or a definition (plurals, possessives, punctuation inside the
    acronym) and, acronyms being literals, no text that holds none of them."""
    import duckdb

    acronyms = ["NSATU", "CUI", "R&D", "EU-LAC", "G7+", "A|B", ".*"]
    texts = [
        "including the NATO Security Assistance and Training for Ukraine (NSATU), and",
        "the CUIs of the Alliance and NSATU's mission",
        "more R&D spending",
        "the EU-LAC summit",
        "the G7+ group of fragile states",
        "a text with none of them, not even a cui",
        "A or B, and any character at all",
        "the A|B notation",
    ]
    con = duckdb.connect()
    kept = {
        row[0]
        for row in con.execute("select t from unnest(?) as u(t) where regexp_matches(t, ?)",
                               [texts, mention_prefilter(acronyms)]).fetchall()
    }
    mentioned = {t for t in texts if find_acronym_mentions(t, acronyms) or extract_acronym_definitions(t)}
    assert mentioned <= kept
    assert kept == {t for t in texts if any(a in t for a in acronyms)}
    assert "a text with none of them, not even a cui" not in kept and "A or B, and any character at all" not in kept


def test_find_acronym_mentions_finds_the_same_with_many_acronyms_absent():
    text = "the CUI and the NSATU; the CUIs again"
    assert find_acronym_mentions(text, ["CUI", "NSATU"]) == find_acronym_mentions(
        text, ["CUI", "NSATU", *(f"X{i}Y" for i in range(600))])
