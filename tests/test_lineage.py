"""Clause lineage across documents, on document pairs written for these tests.

Every label and change kind has a test; matching must not depend on clause order or on the order of
the input rows. The calibration pair at the end is the one the threshold was measured on
(pipelines/facts/lineage.py): it must keep every link and create none.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.facts import lineage, targets_frame
from pipelines.facts.lineage import MODIFIED_THRESHOLD, document_order
from pipelines.facts.lineage_store import TARGET_COLUMNS, clause_rows, targets_by_clause
from pipelines.facts.targets import extract_targets


def clause(doc_id, ref, text, kind="preambular", **extra):
    return {"doc_id": doc_id, "clause_ref": ref, "kind": kind, "text": text, **extra}


def with_targets(rows):
    """The rows as the warehouse gives them: with the targets the extractor finds in their text (as it
    does at parse time; these texts have no adoption date). Added where lineage is called, since the
    tests rewrite the texts of their rows."""
    return [dict(r, targets=tuple(extract_targets(r["text"]))) for r in rows]


def match_clauses(current, earlier, **options):
    return lineage.match_clauses(with_targets(current), with_targets(earlier), **options)


def corpus_lineage(documents, clauses, **options):
    frame = lineage.corpus_lineage(documents, with_targets(clauses), **options)
    assert dict(frame.schema) == lineage.LINEAGE_SCHEMA
    return frame.to_dicts()


def by_ref(rows):
    return {r.clause_ref: r for r in rows}


# An earlier resolution and its successor. The successor reorders, repeats, rewrites and adds clauses.
EARLIER = [
    clause(
        "res-1",
        "1",
        "Condemning Russia's illegal annexation of Crimea and its occupation of parts of Georgia;",
        lemma="condemn",
        strength=4,
    ),
    clause(
        "res-1",
        "2",
        "Welcoming the accession of Finland, which strengthens the Alliance's northern flank;",
        lemma="welcome",
        strength=2,
    ),
    clause(
        "res-1",
        "3",
        "Deeply concerned by the humanitarian situation in Sudan and the displacement of civilians;",
        lemma="concerned",
        strength=4,
        intensifier="deeply",
    ),
    clause(
        "res-1",
        "4",
        "URGES member governments:",
        kind="operative",
        lemma="urge",
        addressee="member governments",
        strength=4,
    ),
    clause(
        "res-1",
        "4.a",
        "to ensure that all Allies meet at least 2% of GDP on defence spending;",
        kind="sub_operative",
        lemma="urge",
        addressee="member governments",
        strength=4,
    ),
    clause(
        "res-1",
        "4.b",
        "to strengthen the resilience of undersea cables and pipelines through surveillance;",
        kind="sub_operative",
        lemma="urge",
        addressee="member governments",
        strength=4,
    ),
    clause(
        "res-1",
        "4.c",
        "to reduce greenhouse gas emissions from military activities by 30 per cent by 2030;",
        kind="sub_operative",
        lemma="urge",
        addressee="member governments",
        strength=4,
    ),
    clause(
        "res-1",
        "4.d",
        "to increase funding for integrated air and missile defence across the eastern flank;",
        kind="sub_operative",
        lemma="urge",
        addressee="member governments",
        strength=4,
    ),
]


def later(**overrides):
    """The successor document; ``overrides`` replace the text or fields of one clause by reference."""
    rows = [
        clause(
            "res-2",
            "1",
            "Noting that the security situation in the Western Balkans remains fragile;",
            lemma="note",
            strength=1,
        ),
        clause(
            "res-2",
            "2",
            "Welcoming the accession of Finland, which strengthens the Alliance's northern flank;",
            lemma="welcome",
            strength=2,
        ),
        clause(
            "res-2",
            "3",
            "Strongly condemning Russia's illegal annexation of Crimea and its occupation of parts "
            "of Georgia;",
            lemma="condemn",
            strength=5,
            intensifier="strongly",
        ),
        clause(
            "res-2",
            "4",
            "Alarmed by the humanitarian catastrophe in Sudan, where millions of civilians have been "
            "displaced;",
            lemma="alarmed",
            strength=4,
        ),
        clause(
            "res-2",
            "5",
            "CALLS ON Heads of State and Government:",
            kind="operative",
            lemma="call on",
            addressee="Heads of State and Government",
            strength=4,
        ),
        clause(
            "res-2",
            "5.a",
            "to protect undersea cables and pipelines by improving surveillance and resilience;",
            kind="sub_operative",
            lemma="call on",
            addressee="Heads of State and Government",
            strength=4,
        ),
        clause(
            "res-2",
            "5.b",
            "to ensure that all Allies meet well beyond 2% of GDP on defence spending;",
            kind="sub_operative",
            lemma="call on",
            addressee="Heads of State and Government",
            strength=4,
        ),
        clause(
            "res-2",
            "5.c",
            "to reduce greenhouse gas emissions from military activities by 30 per cent by 2035;",
            kind="sub_operative",
            lemma="call on",
            addressee="Heads of State and Government",
            strength=4,
        ),
        clause(
            "res-2",
            "5.d",
            "to increase funding for integrated air and missile defence across the eastern flank "
            "to EUR 5 billion;",
            kind="sub_operative",
            lemma="call on",
            addressee="Heads of State and Government",
            strength=4,
        ),
        clause(
            "res-2",
            "5.e",
            "to train local forces in the Sahel with the African Union;",
            kind="sub_operative",
            lemma="call on",
            addressee="Heads of State and Government",
            strength=4,
        ),
    ]
    for ref, fields in overrides.items():
        ref = ref.replace("_", ".")
        rows = [{**r, **fields} if r["clause_ref"] == ref else r for r in rows]
    return rows


def test_verbatim_clause_in_another_position():
    row = by_ref(match_clauses(later(), EARLIER))["2"]
    assert (row.matched_clause_ref, row.label, row.change_kind, row.similarity) == (
        "2",
        "verbatim",
        None,
        100.0,
    )


def test_new_clause_has_no_match_and_says_how_close_the_best_candidate_was():
    rows = by_ref(match_clauses(later(), EARLIER))
    for ref in ("1", "5.e"):
        assert (rows[ref].label, rows[ref].matched_clause_ref, rows[ref].change_kind) == ("new", None, None)
        assert rows[ref].similarity < MODIFIED_THRESHOLD


def test_added_intensifier_strengthens_the_clause():
    row = by_ref(match_clauses(later(), EARLIER))["3"]
    assert (row.matched_clause_ref, row.label, row.change_kind) == ("1", "modified", "strengthened")


def test_removed_intensifier_weakens_the_clause():
    current = [
        dict(r, doc_id="res-3")
        for r in later(**{"3": {"intensifier": None, "strength": 4, "text": EARLIER[0]["text"]}})
    ]
    row = by_ref(match_clauses(current, later()))["3"]
    assert (row.matched_clause_ref, row.label, row.change_kind) == ("3", "modified", "weakened")
    assert "lead strength 5 -> 4" in row.change_detail


def test_at_least_two_percent_becoming_well_beyond_is_strengthened():
    row = by_ref(match_clauses(later(), EARLIER))["5.b"]
    assert (row.matched_clause_ref, row.label, row.change_kind) == ("4.a", "modified", "strengthened")
    assert ">= 2 -> > 2" in row.change_detail


def test_well_beyond_becoming_at_least_is_weakened():
    earlier = [dict(r, doc_id="res-0") for r in later()]
    current = [dict(r, doc_id="res-9") for r in EARLIER]
    row = by_ref(match_clauses(current, earlier))["4.a"]
    assert (row.matched_clause_ref, row.change_kind) == ("5.b", "weakened")


def test_a_later_target_year_is_weakened():
    row = by_ref(match_clauses(later(), EARLIER))["5.c"]
    assert (row.matched_clause_ref, row.change_kind) == ("4.c", "weakened")
    assert "year" in row.change_detail


def test_a_weaker_operative_lead_weakens_its_sub_clauses():
    current = later(**{"5_b": {"strength": 1, "lemma": "invite"}})
    row = by_ref(match_clauses(current, EARLIER))["5.b"]
    # the lead went down (4 -> 1) while the goal went up: conflicting directions are a target change
    assert row.change_kind == "target_changed"
    current = later(**{"5_a": {"strength": 1, "lemma": "invite"}})
    assert by_ref(match_clauses(current, EARLIER))["5.a"].change_kind == "weakened"


def test_a_deadline_that_changes_its_comparator_is_a_target_change():
    # a deadline names a date and no value
    earlier = [clause("a", "3", "Requests the Secretary-General to report to the Council by 15 November 1980;",
                      "operative", lemma="request")]
    current = [clause("b", "3", "Requests the Secretary-General to report to the Council before 15 November 1980;",
                      "operative", lemma="request")]
    row = match_clauses(current, earlier)[0]
    assert (row.change_kind, row.change_detail) == ("target_changed", "deadline <= 1980-11-15 -> < 1980-11-15")


def test_a_goal_added_to_a_repeated_clause_is_a_target_change():
    row = by_ref(match_clauses(later(), EARLIER))["5.d"]
    assert (row.matched_clause_ref, row.label, row.change_kind) == ("4.d", "modified", "target_changed")
    assert "money added" in row.change_detail


def test_same_sub_clause_under_a_new_addressee_is_an_addressee_change():
    current = later(**{"5_a": {"text": EARLIER[5]["text"]}})
    row = by_ref(match_clauses(current, EARLIER))["5.a"]
    assert (row.matched_clause_ref, row.label, row.change_kind) == ("4.b", "modified", "addressee_changed")


def test_reworded_clause_is_rephrased():
    # "Deeply concerned" (3 + 1) and "Alarmed" (4) are leads of the same strength
    rows = by_ref(match_clauses(later(), EARLIER))
    assert (rows["4"].matched_clause_ref, rows["4"].label, rows["4"].change_kind) == (
        "3",
        "modified",
        "rephrased",
    )
    same_addressee = [dict(r, addressee="member governments") for r in later()]
    row = by_ref(match_clauses(same_addressee, EARLIER))["5.a"]
    assert (row.matched_clause_ref, row.change_kind) == ("4.b", "rephrased")


def test_a_clause_split_in_two_links_both_halves_to_the_original():
    earlier = [
        clause(
            "a",
            "1",
            "Clear-eyed about the systemic challenges posed by the People's Republic of China; and "
            "deploring the growing collusion between autocratic regimes in Russia, Iran and North Korea;",
            lemma="clear-eyed",
            strength=3,
            secondary_lemmas=["deplore"],
            secondary_strengths=[4],
        )
    ]
    current = [
        clause(
            "b",
            "1",
            "Clear-eyed about the systemic challenges posed by the People's Republic of China;",
            lemma="clear-eyed",
            strength=3,
        ),
        clause(
            "b",
            "2",
            "Deploring the growing collusion between autocratic regimes in Russia, Iran and North Korea;",
            lemma="deplore",
            strength=4,
        ),
    ]
    rows = by_ref(match_clauses(current, earlier))
    assert rows["1"].matched_clause_ref == rows["2"].matched_clause_ref == "1"
    # the second half kept the verb it had as a coordinated lead: not a stronger lead
    assert rows["2"].change_kind == "rephrased"


def test_the_same_figure_for_another_purpose_is_not_a_match():
    earlier = [
        clause(
            "a",
            "1.a",
            "to spend at least 2% of GDP on defence, with 20% of it on major equipment;",
            "sub_operative",
        ),
        clause(
            "a",
            "1.b",
            "to provide EUR 5 billion for humanitarian demining in Ukraine by 2027;",
            "sub_operative",
        ),
    ]
    current = [
        clause(
            "b",
            "1.a",
            "to devote at least 2% of GDP to development assistance for the Sahel region;",
            "sub_operative",
        ),
        clause(
            "b",
            "1.b",
            "to commit EUR 5 billion to the modernisation of port infrastructure in the Baltic;",
            "sub_operative",
        ),
        clause("b", "1.c", "to reach 2% of GDP on research and innovation by 2030;", "sub_operative"),
    ]
    assert [r.label for r in match_clauses(current, earlier)] == ["new", "new", "new"]


def test_a_restated_goal_anchors_a_heavily_rewritten_clause():
    earlier = [
        clause(
            "a",
            "4.c",
            "to ensure that all Allies meet at least the 2% GDP defence spending target "
            "without delay and to consider raising the target;",
            "sub_operative",
        )
    ]
    current = [
        clause(
            "b",
            "9.d",
            "to agree on a new pledge including an ambitious defence spending target well "
            "beyond 2% of GDP, so that Allies deliver the capabilities needed;",
            "sub_operative",
        )
    ]
    row = match_clauses(current, earlier)[0]
    assert (row.matched_clause_ref, row.label, row.change_kind) == ("4.c", "modified", "strengthened")


def test_the_rows_carry_the_targets_the_extractor_found_in_each_clause():
    from tests.test_targets import _doc  # clauses whose source offsets are not their text's

    doc = _doc({"1.a": "to spend at least 2% of GDP within the next year;",
                "1.b": "Noting the vote of 2024, to hold the next ones in 2027 and to cut emissions by 30% by 2030;"})
    found = targets_by_clause(targets_frame(doc))
    assert len(found[("doc-a", "1.b")]) >= 3
    for c in doc.clauses:
        assert found[("doc-a", c.ref)] == tuple(extract_targets(c.text, date(2025, 5, 26)))


def test_the_goals_compared_are_the_targets_the_rows_carry():
    earlier = [clause("a", "4.c", "to ensure that all Allies meet at least the 2% GDP defence spending target "
                                  "without delay and to consider raising the target;", "sub_operative")]
    current = [clause("b", "9.d", "to agree on a new pledge including an ambitious defence spending target well "
                                  "beyond 2% of GDP, so that Allies deliver the capabilities needed;", "sub_operative")]
    anchored = match_clauses(current, earlier)[0]
    assert (anchored.matched_clause_ref, anchored.change_detail) == ("4.c", "share_of_gdp >= 2 -> > 2")
    # rows without targets: lineage finds no goal in the same texts (no anchor bonus, so no match)
    (bare,) = lineage.match_clauses(current, earlier)
    assert (bare.matched_clause_ref, bare.similarity) == (None, round(anchored.similarity - 10.0, 1))
    # a year the extractor places with the adoption date ("in 2030" said in 2025) is a goal when the row has it
    text = "to hold the next summit in 2030 on the defence spending of Allies;"
    dated = [clause("a", "1", text, "sub_operative", targets=tuple(extract_targets(text, date(2025, 6, 1))))]
    moved = [clause("b", "1", text.replace("2030", "2032"), "sub_operative",
                    targets=tuple(extract_targets(text.replace("2030", "2032"), date(2026, 6, 1))))]
    assert lineage.match_clauses(moved, dated)[0].change_detail == "year = 2030 -> = 2032"
    assert match_clauses(moved, dated)[0].change_detail is None  # the same texts without the date: no goal


def test_clauses_only_match_within_their_family():
    earlier = [clause("a", "1", "to protect undersea cables and pipelines;", kind="sub_operative")]
    current = [clause("b", "1", "Welcoming efforts to protect undersea cables and pipelines;")]
    assert match_clauses(current, earlier)[0].label == "new"


def _key(rows):
    return sorted(
        (r.doc_id, r.clause_ref, r.matched_doc_id, r.matched_clause_ref, r.similarity, r.label, r.change_kind)
        for r in rows
    )


@settings(max_examples=30, deadline=None)
@given(st.permutations(range(10)), st.permutations(range(8)))
def test_result_does_not_depend_on_clause_or_row_order(cur_order, old_order):
    current, earlier = later(), EARLIER
    expected = _key(match_clauses(current, earlier))
    shuffled = _key(match_clauses([current[i] for i in cur_order], [earlier[i] for i in old_order]))
    assert shuffled == expected


def test_renumbered_and_reordered_document_keeps_its_links():
    # the successor with its clauses in reverse order and numbered afresh
    current = [dict(r, clause_ref=f"r{i}") for i, r in enumerate(reversed(later()))]
    original = {r["text"]: r["clause_ref"] for r in later()}
    links = {
        original[c["text"]]: by_ref(match_clauses(current, EARLIER))[c["clause_ref"]].matched_clause_ref
        for c in current
    }
    assert links == {r.clause_ref: r.matched_clause_ref for r in match_clauses(later(), EARLIER)}


def test_lsh_candidates_give_the_same_lineage_as_all_pairs():
    # A clause without any LSH candidate is new with similarity 0: compare matches and labels.
    def links(rows):
        return sorted((r.clause_ref, r.matched_clause_ref, r.label, r.change_kind) for r in rows)

    earlier, current = calibration_pair()
    with_lsh = match_clauses(current, earlier, use_lsh=True)
    assert links(with_lsh) == links(match_clauses(current, earlier, use_lsh=False))
    assert {r.clause_ref for r in with_lsh} == set(CAL_LATER)


# --- corpus -----------------------------------------------------------------------------------------


def test_documents_follow_the_order_dim_documents_gives_them():
    docs = [{"doc_id": "x", "doc_sequence": 2, "corpus_sequence": 1},
            {"doc_id": "y", "doc_sequence": 1, "corpus_sequence": 2}]
    assert document_order(docs) == ["y", "x"]
    assert document_order(docs, "corpus_sequence") == ["x", "y"]


CORPUS_DOCS = [
    {"doc_id": "res-2", "adopted_on": "2025-01-01", "doc_sequence": 2},
    {"doc_id": "res-1", "adopted_on": "2024-01-01", "doc_sequence": 1},
    {"doc_id": "res-3", "adopted_on": "2026-01-01", "doc_sequence": 3},
]


def test_corpus_lineage_compares_each_document_with_the_previous_one():
    third = [dict(r, doc_id="res-3") for r in later()]
    rows = corpus_lineage(CORPUS_DOCS, third + later() + EARLIER)
    pairs = {(r["doc_id"], r["matched_doc_id"], r["documents_apart"], r["comparison"]) for r in rows}
    # res-3 repeats res-2 word for word: nothing further back can be closer
    assert pairs == {("res-2", "res-1", 1, "previous_document"), ("res-3", "res-2", 1, "previous_document")}
    assert all(r["label"] == "verbatim" for r in rows if r["doc_id"] == "res-3")
    # adding res-3 leaves the lineage of res-2 against res-1 unchanged
    alone = corpus_lineage(CORPUS_DOCS[:2], later() + EARLIER)
    assert [r for r in rows if r["doc_id"] == "res-2"] == alone


def test_a_clause_taken_up_again_links_to_the_document_that_last_had_it():
    # res-2 reworded the Sudan clause of res-1; res-3 goes back to the wording of res-1
    sudan = next(r for r in EARLIER if "Sudan" in r["text"])
    third = [dict(r, doc_id="res-3") for r in later()] + [dict(sudan, doc_id="res-3", clause_ref="6")]
    rows = [r for r in corpus_lineage(CORPUS_DOCS, third + later() + EARLIER)
            if r["doc_id"] == "res-3" and r["clause_ref"] == "6"]
    by_comparison = {r["comparison"]: r for r in rows}
    assert set(by_comparison) == {"previous_document", "closest_earlier"}
    assert by_comparison["previous_document"]["matched_doc_id"] == "res-2"
    assert by_comparison["previous_document"]["similarity"] < 100
    back = by_comparison["closest_earlier"]
    assert (back["matched_doc_id"], back["matched_clause_ref"], back["documents_apart"], back["label"]) == (
        "res-1", sudan["clause_ref"], 2, "verbatim")


def test_only_limits_the_rows_not_what_they_say():
    third = [dict(r, doc_id="res-3", text=r["text"].replace("Finland", "Finland and Sweden")) for r in later()]
    full = corpus_lineage(CORPUS_DOCS, third + later() + EARLIER)
    part = corpus_lineage(CORPUS_DOCS, third + later() + EARLIER, only=["res-3"])
    assert part == [r for r in full if r["doc_id"] == "res-3"]
    assert part


# --- calibration pair (the threshold was measured on it) --------------------------------------------

CAL_EARLIER = {
    "1": "Recognising the Alliance's enduring role as the bedrock of transatlantic security for more than "
    "seven decades;",
    "2": "Condemning Russia's illegal annexation of Crimea and its continued occupation of parts of Georgia;",
    "3": "Welcoming the accession of Finland and Sweden, which strengthens the Alliance's northern flank;",
    "4": "Concerned about the rapid expansion of China's nuclear arsenal and its lack of transparency;",
    "5": "Noting that cyberattacks against critical infrastructure have increased sharply across Allied "
    "nations;",
    "6": "Stressing that climate change is a threat multiplier affecting military installations and "
    "operations;",
    "7": "Recalling the commitment made in Wales to move towards spending 2% of GDP on defence within a "
    "decade;",
    "8": "Deeply concerned by the humanitarian situation in Sudan and the displacement of millions of "
    "civilians;",
    "9": "CALLS UPON the governments and parliaments of member states:",
    "9.a": "to allocate at least 20% of defence budgets to major equipment, including research and "
    "development;",
    "9.b": "to strengthen the resilience of undersea cables and pipelines through better surveillance and "
    "information sharing;",
    "9.c": "to increase support for Ukraine's armed forces, including air defence systems and artillery "
    "ammunition;",
    "9.d": "to invest in the development of emerging and disruptive technologies, such as artificial "
    "intelligence "
    "and quantum computing;",
    "9.e": "to counter disinformation campaigns by authoritarian regimes through strategic communications "
    "and media "
    "literacy;",
    "9.f": "to reduce greenhouse gas emissions from military activities by at least 30 per cent by 2030;",
    "9.g": "to deepen cooperation with partners in the Indo-Pacific, notably Australia, Japan, New Zealand "
    "and the "
    "Republic of Korea;",
}
# later clause -> (text, the earlier clause it restates or None)
CAL_LATER = {
    "1": (CAL_EARLIER["1"], "1"),
    "2": (
        "Strongly condemning Russia's illegal annexation of Crimea and its continued occupation of parts of "
        "Georgia "
        "and Ukraine;",
        "2",
    ),
    "3": (
        "Welcoming Sweden and Finland as members of the Alliance, which has considerably reinforced security "
        "in the "
        "High North and the Baltic region;",
        "3",
    ),
    "4": (
        "Alarmed by the opaque and rapid build-up of the nuclear arsenal of the People's Republic of China;",
        "4",
    ),
    "5": (
        "Noting the sharp increase of malicious cyber activity targeting the critical infrastructure of "
        "Allies;",
        "5",
    ),
    "6": ("Noting that the security environment in the Western Balkans remains fragile;", None),
    "7": (
        "Recalling that at the Wales Summit Allies committed to spend 2% of GDP on defence, a goal most "
        "Allies have "
        "now met;",
        "7",
    ),
    "8": ("Welcoming the adoption of the Alliance's first strategy on space;", None),
    "9": ("Expressing concern about the use of migration as a hybrid weapon against Allied borders;", None),
    "10": ("URGES the governments and parliaments of member states:", "9"),
    "10.a": (CAL_EARLIER["9.a"], "9.a"),
    "10.b": (
        "to protect undersea cables and pipelines by improving surveillance and sharing information among "
        "Allies;",
        "9.b",
    ),
    "10.c": (
        "to sustain military support to Ukraine, in particular air defence systems, artillery ammunition and "
        "long-range capabilities;",
        "9.c",
    ),
    "10.d": (
        "to harness artificial intelligence, quantum computing and other emerging and disruptive "
        "technologies "
        "for defence;",
        "9.d",
    ),
    "10.e": (
        "to reduce greenhouse gas emissions from military activities by at least 50 per cent by 2030;",
        "9.f",
    ),
    "10.f": ("to train and equip local forces in the Sahel in cooperation with the African Union;", None),
    "10.g": ("to ensure the interoperability of ammunition standards across the Alliance;", None),
    "10.h": (
        "to raise the readiness of forces on the eastern flank to 300,000 troops at high readiness;",
        None,
    ),
    "10.i": (
        "to expand cooperation with Japan, Australia, New Zealand and South Korea on cyber defence and "
        "maritime "
        "security;",
        "9.g",
    ),
    "10.j": (
        "to support the Sudanese people and humanitarian organisations delivering aid to civilians;",
        None,
    ),
}


def _kind(ref):
    return "sub_operative" if "." in ref else ("operative" if ref in {"9", "10"} else "preambular")


def calibration_pair():
    earlier = [clause("cal-1", r, t, _kind(r)) for r, t in CAL_EARLIER.items()]
    current = [clause("cal-2", r, t, _kind(r)) for r, (t, _) in CAL_LATER.items()]
    return earlier, current


def test_calibration_pair_keeps_every_link_and_creates_none():
    earlier, current = calibration_pair()
    rows = by_ref(match_clauses(current, earlier))
    assert {r: rows[r].matched_clause_ref for r in CAL_LATER} == {r: exp for r, (_, exp) in CAL_LATER.items()}
    assert rows["10.e"].change_kind == "strengthened"  # at least 30% -> at least 50% cut
    assert rows["1"].label == rows["10.a"].label == "verbatim"


def _prepared(text: str, **fields):
    from pipelines.facts.similarity import prepare
    return prepare(with_targets([clause("d", "1", text, "sub_operative", **fields)]))[0]


def test_the_same_lead_is_never_strengthened_whatever_strength_each_row_carries():
    from pipelines.facts.changes import classify
    old = _prepared("to continue to bolster Allied space capabilities;", lemma="urge", strength=4)
    new = _prepared("to continue to bolster Allied space capabilities and plans;", lemma="urge", strength=6)
    assert classify(new, old)[1] != "strengthened"


def test_an_addressee_that_differs_only_in_its_article_has_not_changed():
    from pipelines.facts.changes import classify
    old = _prepared("Calls upon States to ratify the Treaty;", lemma="call upon", addressee="the States Parties")
    new = _prepared("Calls upon States to ratify the Treaty soon;", lemma="call upon", addressee="States Parties")
    assert classify(new, old)[1] != "addressee_changed"
    other = _prepared("Calls upon States to ratify the Treaty soon;", lemma="call upon",
                      addressee="the Secretary-General")
    assert classify(other, old)[1] == "addressee_changed"


def test_the_process_pool_gives_the_rows_of_one_process(monkeypatch):
    import pipelines.facts.lineage as lineage

    third = [dict(r, doc_id="res-3", text=r["text"].replace("Finland", "Finland and Sweden")) for r in later()]
    clauses = third + later() + EARLIER
    alone = corpus_lineage(CORPUS_DOCS, clauses, workers=1)
    assert len(alone) > 4
    monkeypatch.setattr(lineage, "PARALLEL_FROM", 2)
    monkeypatch.setattr(lineage, "BATCH_DOCUMENTS", 1)  # one batch per document: both workers get one
    assert corpus_lineage(CORPUS_DOCS, clauses, workers=1) == alone
    assert corpus_lineage(CORPUS_DOCS, clauses, workers=2) == alone
    # a process keeps one document between its batches: the one its next batch needs is sent again
    monkeypatch.setattr(lineage, "CACHED_DOCUMENTS", 1)
    assert corpus_lineage(CORPUS_DOCS, clauses, workers=1) == alone
    assert corpus_lineage(CORPUS_DOCS, clauses, workers=2) == alone


def test_batches_processes_and_their_caches_give_the_rows_of_one_walk(monkeypatch):
    import pipelines.facts.lineage as lineage

    docs = [{"doc_id": f"res-{k}", "adopted_on": f"{2000 + k}-01-01", "doc_sequence": k} for k in range(1, 9)]
    clauses = [dict(r, doc_id=f"res-{k}", text=r["text"] + (" in particular" if k % 2 else ""))
               for k in range(1, 9) for r in (EARLIER if k % 3 else later())]
    alone = corpus_lineage(docs, clauses, workers=1)
    assert any(r["comparison"] == "closest_earlier" for r in alone)
    # two documents a batch, two kept between batches: documents evicted and sent again, in both processes
    monkeypatch.setattr(lineage, "PARALLEL_FROM", 2)
    monkeypatch.setattr(lineage, "BATCH_DOCUMENTS", 2)
    monkeypatch.setattr(lineage, "CACHED_DOCUMENTS", 2)
    assert corpus_lineage(docs, clauses, workers=1) == alone
    assert corpus_lineage(docs, clauses, workers=2) == alone


def test_a_sink_gets_every_row_batch_by_batch_and_the_walk_returns_none(monkeypatch):
    import polars as pl

    import pipelines.facts.lineage as lineage

    docs = [{"doc_id": f"res-{k}", "adopted_on": f"{2000 + k}-01-01", "doc_sequence": k} for k in range(1, 9)]
    clauses = [dict(r, doc_id=f"res-{k}", text=r["text"] + (" in particular" if k % 2 else ""))
               for k in range(1, 9) for r in (EARLIER if k % 3 else later())]
    alone = lineage.stored_lineage(docs, lineage.MemoryLineageStore(clauses), workers=1)
    assert alone.height > 8
    monkeypatch.setattr(lineage, "PARALLEL_FROM", 2)
    monkeypatch.setattr(lineage, "BATCH_DOCUMENTS", 2)
    for workers in (1, 2):
        batches: list[pl.DataFrame] = []
        returned = lineage.stored_lineage(docs, lineage.MemoryLineageStore(clauses), workers=workers,
                                          sink=batches.append)
        assert returned.height == 0 and returned.schema == alone.schema
        assert len(batches) == 4  # 7 documents to compute, 2 a batch (per stripe with 2 processes)
        got = pl.concat(batches)
        assert got.sort(got.columns, nulls_last=True).equals(alone.sort(alone.columns, nulls_last=True))


def test_a_clauses_coordinated_leads_pair_up_the_same_whatever_order_the_warehouse_returns_its_verbs():
    import polars as pl

    clauses = pl.DataFrame({
        "doc_id": ["d"], "clause_ref": ["p1"], "parent_ref": [None], "intensifier": [None], "kind": ["preambular"],
        "text": ["Welcoming X, and deploring Y, and noting Z"], "lemma": ["welcome"], "addressee": [None],
        "lead_strength": [1],
    }, schema_overrides={"parent_ref": pl.String, "intensifier": pl.String, "addressee": pl.String})
    commitments = pl.DataFrame(schema={"doc_id": pl.String, "clause_ref": pl.String, "strength": pl.Int64,
                                       "operative_lemma": pl.String, "addressee": pl.String})
    verbs = pl.DataFrame({
        "doc_id": ["d"] * 4, "clause_ref": ["p1"] * 4,
        "verb_role": ["lead", "secondary_lead", "secondary_lead", "secondary_lead"],
        "lemma": ["welcome", "deplore", "note", None], "strength": [1, -2, 0, None],
    })
    targets = pl.DataFrame(schema={c: pl.String for c in TARGET_COLUMNS})

    def secondary(frame):
        (row,) = clause_rows(clauses, commitments, frame, targets)
        return list(zip(row["secondary_lemmas"], row["secondary_strengths"], strict=True))

    assert secondary(verbs) == secondary(verbs.reverse()) == secondary(verbs[[2, 0, 3, 1]])
    assert sorted(secondary(verbs)) == [("deplore", -2), ("note", 0)]
