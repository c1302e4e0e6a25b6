"""Topics of clauses: the seed topic_taxonomy's patterns matched in Python (pipelines/facts/topics.py),
each topic with its CAP major topic code, inherited by a sub-clause from its chapeau and by an operative
clause from its document's main topic."""

import csv
from array import array

import pytest

from pipelines.facts import RAW_TOPIC_MENTIONS_SCHEMA, extract_clause_facts
from pipelines.facts.topics import SEEDS_DIR, extract_topic_mentions, load_taxonomy, match_topics
from pipelines.parsing.model import Clause, DocumentMeta, ParsedDocument

CAP_MAJORS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23}


def _taxonomy(tmp_path, rows: list[tuple[str, str, int, str]]):
    with open(tmp_path / "topic_taxonomy.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["topic_key", "label", "cap_major", "pattern"])
        w.writerows(rows)
    return load_taxonomy(tmp_path)


def keys(text: str) -> set[str]:
    return {t.topic_key for t in match_topics(text)}


def codes(text: str) -> set[int]:
    return {t.cap_major for t in match_topics(text)}


def test_patterns_match_whole_words_case_insensitively_and_a_topic_keeps_its_earliest_match(tmp_path):
    taxonomy = _taxonomy(tmp_path, [("space", "Space", 17, "satellites?"),
                                    ("space", "Space", 17, "militari[sz]ation of space"),
                                    ("space", "Space", 17, "space"), ("cyber", "Cyber", 17, r"cyber(?:[\w-]*\w)?")])
    text = "Spacecraft makers and Cyberspace; militarisation of space and satellites"
    got = [(t.topic_key, t.matched_phrase, t.text_start) for t in match_topics(text, taxonomy)]
    assert got == [("cyber", "Cyberspace", 22), ("space", "militarisation of space", 34)]
    assert match_topics("no topic here", taxonomy) == []


def test_every_topic_of_the_seed_has_one_label_and_one_cap_major_code():
    with open(SEEDS_DIR / "topic_taxonomy.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    per_key = {}
    for r in rows:
        per_key.setdefault(r["topic_key"], set()).add((r["label"], int(r["cap_major"])))
    assert all(len(v) == 1 for v in per_key.values()), {k: v for k, v in per_key.items() if len(v) > 1}
    assert {code for v in per_key.values() for _, code in v} <= CAP_MAJORS
    assert len(load_taxonomy()) == len(rows)  # every pattern compiles


@pytest.mark.parametrize(("text", "key"), [
    ("to strengthen co-operation with the OSCE and the Council of Europe", "partnerships"),
    ("the United Nations peace-keeping operations", "peace_operations"),
    ("the United Nations peacekeeping operations", "peace_operations"),
    ("the African Nuclear- Weapon-Free Zone Treaty", "nuclear"),
    ("Condemns the violations of the cease‑fire", "armed_conflict"),
    ("to receive and protect refugees and internally displaced persons", "migration"),
    ("the protection of journalists and media freedom", "human_rights"),
    ("to ratify the Istanbul Convention", "gender_equality"),
    ("to combat trafficking in human beings", "organised_crime"),
    ("the sanctions regimes and asset freezes", "sanctions"),
    ("the 2030 Agenda for Sustainable Development", "development"),
    ("Decides to remain seized of the matter.", "procedures"),
    ("the cost of all activities should be met by voluntary contributions", "budget_finance"),
    ("to reduce dependence on Russian gas supplies and invest in renewable energy", "energy"),
    ("the election observation missions of ODIHR", "elections"),
    ("a just and lasting peace through a negotiated political settlement", "peace_process"),
    ("the territorial integrity and sovereignty of Georgia", "sovereignty_integrity"),
])
def test_the_agenda_of_every_body_has_a_topic(text, key):
    assert key in keys(text)


@pytest.mark.parametrize(("text", "not_key"), [
    ("Stresses that technology alone cannot guarantee security;", "innovation_technology"),
    ("Emphasises the work of the Committee on Democracy, Human Rights and Humanitarian Questions;",
     "democratic_resilience"),
    ("Emphasises the work of the Committee on Democracy, Human Rights and Humanitarian Questions;", "human_rights"),
    ("through the Joint Analysis, Training, and Education Centre (JATEC)", "education"),
    ("to create the peaceful climate required for a settlement", "climate_security"),
    ("in the current security environment", "environment"),
    ("Decides to include in its provisional agenda the item entitled “Observance of environmental norms”",
     "environment"),
    ("on a non-discriminatory and verifiable treaty", "human_rights"),
    ("the Director General of the International Atomic Energy Agency", "energy"),
    ("Welcomes the report. [^1]: International Conference on Population and Development", "development"),
])
def test_names_titles_and_idioms_give_no_topic(text, not_key):
    assert not_key not in keys(text)


def test_each_topic_carries_its_cap_major_code():
    assert codes("to renew the mandate of the United Nations Interim Force in Lebanon") == {16}
    assert codes("Decides to remain seized of the matter.") == {20}
    assert codes("Calls on member States to abolish the death penalty;") == {2}


def _clause(ref, kind, text, parent=None):
    return Clause(ref=ref, kind=kind, text=text, char_start=0, char_end=len(text), parent_ref=parent)


def test_a_sub_clause_without_a_topic_of_its_own_inherits_its_chapeaus():
    clauses = [_clause("1", "operative", "Urges all parties to respect the cease-fire and:"),
               _clause("1.a", "sub_operative", "to do so without delay;", "1"),
               _clause("1.b", "sub_operative", "to allow humanitarian access;", "1")]
    own, a, b = extract_topic_mentions(clauses)
    assert [(t.topic_key, t.inherited_from, t.inherited_via) for t in a] == [("armed_conflict", "1", "chapeau")]
    assert a[0].matched_phrase == own[0].matched_phrase and a[0].text_start == own[0].text_start
    assert {t.topic_key for t in b} == {"humanitarian_aid"} and b[0].inherited_via is None


def test_an_operative_clause_without_a_topic_inherits_the_documents_main_topic_only_when_one_dominates():
    peacekeeping = [_clause(str(i), "operative", text) for i, text in enumerate([
        "Decides to extend the mandate of the United Nations Emergency Force;",
        "Commends the United Nations Emergency Force;",
        "Calls upon the parties to respect the safety of United Nations personnel;"], start=1)]
    bare = _clause("4", "operative", "Approves the report of the Secretary-General;")
    preamble = _clause("pp1", "preambular", "Having considered the report of the Secretary-General,")
    *_, got_preamble, got = extract_topic_mentions([*peacekeeping, preamble, bare])
    assert [(t.topic_key, t.cap_major, t.inherited_via, t.inherited_from) for t in got] == [
        ("peace_operations", 16, "document", "1")]
    assert got_preamble == []
    mixed = [_clause("1", "operative", "Condemns the violations of human rights;"),
             _clause("2", "operative", "Welcomes the sanctions regimes;"),
             _clause("3", "operative", "Calls for the release of political prisoners and for sanctions;"), bare]
    assert extract_topic_mentions(mixed)[-1] == []  # 2 and 19 tie: no main topic


def test_the_raw_frame_carries_clause_offsets_and_source_offsets():
    text = "to strengthen cyber defences;"
    clause = Clause(ref="1.a", kind="sub_operative", text=text, char_start=1000, char_end=1000 + len(text) + 3)
    clause.text_origin = array("i", range(1003, 1003 + len(text)))  # the marker "a. " comes first
    meta = DocumentMeta(doc_id="doc-a", source_file="doc-a.txt", sha256="0" * 64)
    frame = extract_clause_facts(ParsedDocument(meta, [clause], []))["raw_topic_mentions"]
    assert dict(frame.schema) == RAW_TOPIC_MENTIONS_SCHEMA
    row = frame.filter(frame["topic_key"] == "cyber").row(0, named=True)
    assert (row["clause_ref"], row["matched_phrase"], row["match_start"], row["cap_major"]) == ("1.a", "cyber", 14, 17)
    assert (row["char_start"], row["char_end"]) == (1017, 1022)
    assert row["inherited_from"] is None and row["inherited_via"] is None


def test_the_trigger_prefilter_finds_what_running_every_pattern_finds():
    import dataclasses
    from pathlib import Path

    from pipelines.parsing import parse_bytes

    raw = Path(__file__).resolve().parent.parent / "raw"
    texts = [c.text for f in sorted(raw.iterdir()) for d in parse_bytes(f.read_bytes(), f.name) for c in d.clauses]
    every = tuple(dataclasses.replace(p, triggers=None) for p in load_taxonomy())
    assert texts and [match_topics(t) for t in texts] == [match_topics(t, every) for t in texts]
