# ruff: noqa: E501 - document variants keep their real line lengths
"""One test per extraction defect of the genre, each on a variant written for the test."""

from __future__ import annotations

import textwrap

import pytest

from pipelines.parsing import UnreadableDocument, parse_bytes, parse_text


def parse_one(text: str, name: str = "variant.txt"):
    docs = parse_text(textwrap.dedent(text), name)
    assert len(docs) == 1
    return docs[0]


def by_ref(doc):
    return {c.ref: c for c in doc.clauses}


def issue_kinds(doc):
    return [i.kind for i in doc.issues]


def test_wrapped_lines_are_joined_with_single_spaces():
    doc = parse_one("""
        DECLARATION 3
        The Assembly,
        1. Recognising that resilience
        begins at home and that
        societies must prepare;
        2. URGES member governments:
        a. to invest.
    """)
    assert by_ref(doc)["1"].text == "Recognising that resilience begins at home and that societies must prepare;"


def test_page_break_line_starting_with_a_space_still_opens_a_clause():
    doc = parse_one("RESOLUTION 4\n\nThe Assembly,\n\n1. Welcoming the plan;\n 2. Noting the report;\n\n"
                    "3. URGES member governments:\n\na. to act.\n")
    assert [c.ref for c in doc.clauses] == ["1", "2", "3", "3.a"]
    assert by_ref(doc)["2"].lead_phrase == "Noting"


def test_clause_starting_on_the_next_line_without_blank_line():
    doc = parse_one("""
        RESOLUTION 5
        The Assembly,
        1. Welcoming the plan, its goals and
        its budget;
        2. Deploring the attacks on shipping;
        3. URGES member governments:
        a. to protect shipping.
    """)
    assert by_ref(doc)["1"].text.endswith("its budget;")
    assert by_ref(doc)["2"].lemma == "deplore"


def test_comma_after_a_clause_number_is_read_as_a_marker_and_reported():
    doc = parse_one("""
        RESOLUTION 6
        The Assembly,

        1. Welcoming the plan;

        2, Noting with concern the delays;

        3. URGES member governments:
        a. to act.
    """)
    clause = by_ref(doc)["2"]
    assert clause.marker_as_written == "2,"
    assert clause.lead_phrase == "Noting with concern"
    assert "marker" in issue_kinds(doc)


def test_lines_inside_a_clause_that_begin_with_to_do_not_open_sub_clauses():
    doc = parse_one("""
        RESOLUTION 7
        The Assembly,
        1. URGES member governments:
        to recognise the right of partners
        to defend themselves and the duty
        to help them;
        to keep up support.
    """)
    assert [c.ref for c in doc.clauses] == ["1", "1.a", "1.b"]
    assert by_ref(doc)["1.a"].text == ("to recognise the right of partners to defend themselves and the duty "
                                       "to help them;")
    assert by_ref(doc)["1.b"].lead_verb == "keep up"


def test_lost_superscript_is_kept_in_text_and_reported():
    doc = parse_one("""
        RESOLUTION 8
        The Assembly,
        1. URGES member governments:
        a. to welcome Ruritania as the 34 member of the Alliance.
    """)
    assert "the 34 member" in by_ref(doc)["1.a"].text
    assert "lost_superscript" in issue_kinds(doc)


def test_doubled_apostrophes_are_collapsed_and_reported():
    doc = parse_one("RESOLUTION 9\n\nThe Assembly,\n\n1. Recognising NATO'’s edge and the Allies'' unity;\n\n"
                    "2. URGES member governments:\n\na. to act.\n")
    assert by_ref(doc)["1"].text == "Recognising NATO’s edge and the Allies' unity;"
    assert "doubled_apostrophe" in issue_kinds(doc)


def test_markdown_headings_bullets_emphasis_and_escapes_are_removed():
    doc = parse_one("""
        ## RESOLUTION 10\\* ON SPACE

        ## The Assembly,

        - 1. **Welcoming** the new space policy and **noting** the \\*important\\* role of the \\_ESA\\_;
        - 2. *Recognising* that space is contested;
        - 3. **URGES** member governments:
          - a. to protect satellites;
          - to share data.
    """, "variant.md")
    refs = by_ref(doc)
    assert doc.document.number == 10 and doc.document.title == "SPACE"  # the subject, without "on"
    assert refs["1"].text == "Welcoming the new space policy and noting the *important* role of the _ESA_;"
    assert refs["1"].secondary_leads == ["noting"]
    assert refs["2"].lead_phrase == "Recognising"
    assert refs["3.b"].letter_inferred is True


def test_bold_marks_secondary_leads_when_the_source_emphasises_leads():
    doc = parse_one("""
        ## The Assembly,

        - 1. **Welcoming** the efforts of partners, saluting in particular the navy, and **underlining** the costs;
        - 2. **URGES** member governments:
          - a. to act.
    """, "variant.md")
    assert by_ref(doc)["1"].secondary_leads == ["underlining"]


def test_adoption_footnote_becomes_metadata_not_a_clause():
    doc = parse_one("""
        ## DECLARATION 11\\* ON THE NORTH

        ## The Assembly,

        - 1. **Recognising** the changing Arctic;

        \\_

        <sup>\\*</sup> Adopted by the Standing Committee at its Autumn Session in Oslo, Norway on Saturday 4 October 2025.

        - 2. **URGES** member governments:
          - a. to invest in Arctic capabilities.
    """, "variant.md")
    m = doc.document
    assert (m.adopted_on, m.adopted_by, m.session, m.place) == (
        "2025-10-04", "Standing Committee", "Autumn Session", "Oslo, Norway")
    assert all("Adopted" not in c.text for c in doc.clauses)
    assert "footnote" in issue_kinds(doc)


def test_sub_clause_bullets_without_indentation_after_a_page_break_stay_sub_clauses():
    doc = parse_one("""
        ## The Assembly,

        - 1. **URGES** member governments:
          - a. to act;
          - b. to plan;

        - c. to invest;
        - to report back.
    """, "variant.md")
    assert [c.ref for c in doc.clauses] == ["1", "1.a", "1.b", "1.c", "1.d"]


def test_missing_letters_are_inferred_from_position_and_reported():
    doc = parse_one("""
        RESOLUTION 12
        The Assembly,
        1. URGES member governments:
        to act;
        to plan;
        c. to invest;
        to report.
    """)
    refs = by_ref(doc)
    assert [refs[r].letter_inferred for r in ("1.a", "1.b", "1.c", "1.d")] == [True, True, False, True]
    assert refs["1.c"].marker_as_written == "c."


def test_ocr_misread_letter_is_read_from_its_position():
    letters = [f"{chr(c)}. to act {chr(c)};" for c in range(ord("a"), ord("l"))]
    body = "\n".join(letters + ["I. to act on the twelfth;", "m. to act last."])
    doc = parse_one("RESOLUTION 13\nThe Assembly,\n1. URGES member governments:\n" + body + "\n")
    clause = by_ref(doc)["1.l"]
    assert clause.marker_as_written == "I." and clause.letter_inferred is True
    assert any("'I.' read as 'l.'" in i.message for i in doc.issues)
    assert by_ref(doc)["1.m"].letter_inferred is False


def test_letters_after_z_continue_as_doubled_letters():
    body = "\n".join(f"to act {n};" for n in range(28)) + "\n"
    doc = parse_one("RESOLUTION 14\nThe Assembly,\n1. URGES member governments:\n" + body)
    assert [c.ref for c in doc.clauses][-3:] == ["1.z", "1.aa", "1.bb"]


@pytest.mark.parametrize("word", ["way.", "all.", "ill.", "aid)"])
def test_a_short_word_wrapped_onto_its_own_line_is_text_not_a_marker(word):
    doc = parse_one(f"""
        RESOLUTION 16
        The Assembly,
        1. URGES member governments:
        a. to support transit countries in a humane and orderly
        {word}

        2
        16 STC 25 E rev.1 fin
    """)
    assert [c.ref for c in doc.clauses] == ["1", "1.a"]
    assert by_ref(doc)["1.a"].text.endswith(word)


@pytest.mark.parametrize("marker,ref", [("b.", "1.b"), ("(b)", "1.b"), ("bb.", "1.b")])
def test_a_marker_alone_on_its_line_still_opens_a_sub_clause(marker, ref):
    doc = parse_one(f"""
        RESOLUTION 17
        The Assembly,
        1. URGES member governments:
        a. to act:
        to plan;
        {marker}
        to report.
    """)
    assert ref in [c.ref for c in doc.clauses]


def test_a_present_letter_anchors_the_sequence_over_position():
    doc = parse_one("""
        RESOLUTION 15
        The Assembly,
        1. URGES member governments:
        a. to act;
        to plan;
        d. to invest;
        e. to report.
    """)
    assert [c.ref for c in doc.clauses] == ["1", "1.a", "1.b", "1.d", "1.e"]
    assert any("skip" in i.message for i in doc.issues)


def test_two_column_layout_number_lead_and_body_on_separate_lines_with_page_furniture():
    doc = parse_one("""
        RESOLUTION 16
        ON THINGS

        The Assembly,

        1.
        Recognising
        the importance of cooperation between Allies
        and partners;
        NATO PA – Resolution 16
        7
        2.
        URGES
        member governments:
        a.
        to increase defence spending
        NATO PA – Resolution 16
        8
        to at least 2% of GDP;
        b.
        to support Ukraine.
    """)
    refs = by_ref(doc)
    assert [c.ref for c in doc.clauses] == ["1", "2", "2.a", "2.b"]
    assert refs["1"].lead_phrase == "Recognising"
    assert refs["2"].kind == "operative" and refs["2"].addressee == "member governments"
    assert refs["2.a"].text == "to increase defence spending to at least 2% of GDP;"
    assert {"running_head", "page_number"} <= set(issue_kinds(doc))


def test_numbers_glued_to_words_and_the_whole_body_on_one_line():
    doc = parse_one("DECLARATION 17 ON X The Assembly, 1.Recognising the importance of cooperation; "
                    "2.Welcoming the new plans; 3.URGES member governments: a. to increase spending; "
                    "b. to support Ukraine.")
    assert [c.ref for c in doc.clauses] == ["1", "2", "3", "3.a", "3.b"]
    assert by_ref(doc)["2"].text == "Welcoming the new plans;"
    assert doc.document.number == 17


def test_no_numbers_at_all_every_clause_introduced_by_a_dash():
    doc = parse_one("""
        The Assembly,
        – Recognising the importance of cooperation;
        – Welcoming the new plans;
        – URGES member governments:
        – to increase spending;
        – to support Ukraine.
    """)
    assert [(c.ref, c.kind) for c in doc.clauses] == [
        ("1", "preambular"), ("2", "preambular"), ("3", "operative"), ("3.a", "sub_operative"),
        ("3.b", "sub_operative")]
    assert "numbering" in issue_kinds(doc)


def test_ocr_splits_inside_words_are_joined_and_reported():
    doc = parse_one("""
        RESOLUTION 18
        The Assembly,
        1. Affi rming the role of confl ict prevention and the need to pla y a part, as partners play;
        2. URGES member governments:
        a. to act.
    """)
    clause = by_ref(doc)["1"]
    assert clause.lead_phrase == "Affirming" and clause.lemma == "affirm"
    assert "conflict prevention" in clause.text and "to play a part" in clause.text
    assert issue_kinds(doc).count("ocr_split") == 3


def test_hyphenation_at_line_end_joins_words_and_keeps_real_compounds():
    doc = parse_one("""
        RESOLUTION 19
        The Assembly,
        1. Recognising that deter-
        rence and self-
        defence matter, as deterrence and self-defence always have;
        2. URGES member governments:
        a. to act.
    """)
    text = by_ref(doc)["1"].text
    assert text.startswith("Recognising that deterrence and self-defence matter")


def test_truncated_document_keeps_its_clauses_and_flags_the_last():
    doc = parse_one("""
        RESOLUTION 20
        The Assembly,
        1. Recognising the stakes;
        2. URGES member governments:
        a. to increase defence spending and to
    """)
    last = doc.clauses[-1]
    assert last.ref == "2.a" and last.is_truncated
    assert not any(c.is_truncated for c in doc.clauses[:-1])
    assert "truncated" in issue_kinds(doc)


def test_numbering_gap_is_reported():
    doc = parse_one("RESOLUTION 21\nThe Assembly,\n1. Noting the report;\n2. Welcoming the plan;\n"
                    "4. Deploring the attacks;\n5. URGES member governments:\na. to act.\n")
    assert any(i.message == "numbering skips from 2 to 4" for i in doc.issues)


def test_unknown_lead_parses_by_grammar_with_a_rule_lemma_and_is_reported():
    doc = parse_one("RESOLUTION 22\nThe Assembly,\n1. Commemorating the victims;\n2. Heartened by progress;\n"
                    "3. EXHORTS member governments:\na. to act.\n")
    refs = by_ref(doc)
    assert (refs["1"].lemma, refs["1"].kind) == ("commemorate", "preambular")
    assert (refs["2"].lemma, refs["2"].kind) == ("heartened", "preambular")
    assert (refs["3"].lemma, refs["3"].kind, refs["3"].addressee) == ("exhort", "operative", "member governments")
    assert issue_kinds(doc).count("lead_not_in_lexicon") == 3


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\xef\xbb\xbf  \n", "empty"),  # a byte order mark and whitespace only
        (b"%PDF-1.7 binary", "damaged_pdf"),  # a PDF header over no PDF: read as PDF, refused as damaged
        (b"\x00\x01\x02\x03" * 100, "binary"),
        (b"Just a shopping list: eggs, milk, bread.", "no_clauses"),
    ],
)
def test_unreadable_input_raises_with_file_and_reason(data, reason):
    with pytest.raises(UnreadableDocument) as err:
        parse_bytes(data, "bad name; drop table.txt")
    assert err.value.reason == reason
    assert "bad name; drop table.txt" in str(err.value)


def test_oversized_input_is_refused_before_parsing():
    with pytest.raises(UnreadableDocument) as err:
        parse_bytes(b"x" * 2000, "big.txt", max_bytes=1000)
    assert err.value.reason == "too_large"


def test_running_header_with_changing_page_numbers_is_removed_and_a_mid_clause_citation_kept():
    doc = parse_one("""
        RESOLUTION 23
        The Assembly,
        1. Recalling its commitments under
        Resolution 2401 of the Council and
        NATO PA – Resolution 23 – Page 1 of 2
        the plans agreed in 2024;
        2. URGES member governments:
        NATO PA – Resolution 23 – Page 2 of 2
        a. to act.
    """)
    assert by_ref(doc)["1"].text == ("Recalling its commitments under Resolution 2401 of the Council and "
                                     "the plans agreed in 2024;")
    assert [i.kind for i in doc.issues].count("running_head") == 2


def test_roman_items_nested_under_a_lettered_item_are_its_items():
    doc = parse_one("""
        RESOLUTION 24
        The Assembly,
        1. Requests the Secretary General:
        (a) to report on:
        (i) spending;
        (ii) capabilities;
        (b) to publish the report.
    """)
    assert [c.ref for c in doc.clauses] == ["1", "1.a", "1.a.i", "1.a.ii", "1.b"]
    assert by_ref(doc)["1.a"].text == "to report on:"
    assert [(by_ref(doc)[r].text, by_ref(doc)[r].parent_ref) for r in ("1.a.i", "1.a.ii")] == [
        ("spending;", "1.a"), ("capabilities;", "1.a")]


def test_operative_without_colon_and_lower_case_operative_verb_still_open_lists():
    doc = parse_one("""
        RESOLUTION 25
        The Assembly,
        1. Noting the report;
        2. urges member governments
        a. to act;
        b. to plan.
    """)
    assert [(c.ref, c.kind) for c in doc.clauses] == [
        ("1", "preambular"), ("2", "operative"), ("2.a", "sub_operative"), ("2.b", "sub_operative")]


def test_digit_one_misread_for_letter_l_in_a_lettered_list():
    letters = [f"{chr(c)}. to act {chr(c)};" for c in range(ord("a"), ord("l"))]
    body = "\n".join(letters + ["1. to act on the twelfth;", "m. to act last."])
    doc = parse_one("RESOLUTION 26\nThe Assembly,\n1. URGES member governments:\n" + body + "\n")
    assert [c.ref for c in doc.clauses][-2:] == ["1.l", "1.m"]
    assert by_ref(doc)["1.l"].marker_as_written == "1." and by_ref(doc)["1.l"].letter_inferred


def test_spans_cover_markup_at_line_edges():
    source = ("## The Assembly,\n\n- 1. **Noting** the report;**\n\n<sup>\\*</sup> Adopted on 1 May 2025.\n\n"
              "- 2. **URGES** member governments:\n  - a. to act.\n")
    doc = parse_text(source, "edges.md")[0]
    first = doc.clauses[0]
    assert source[first.char_start:first.char_end] == "- 1. **Noting** the report;**"
    footnote = next(i for i in doc.issues if i.kind == "footnote")
    assert source[footnote.char_start:footnote.char_end].startswith("<sup>")


def test_a_document_code_footer_met_once_at_a_page_break_is_not_clause_text():
    doc = parse_one("""
        RESOLUTION 27
        The Assembly,
        1. CALLS ON member governments:
        a. to deepen dialogue;
        to continue cooperation with partners, in
        particular on missions;

        2
        1349 ESC 99 E rev.1 fin

         to support capacity building in partner countries;
        d. to report back.
    """)
    assert [c.ref for c in doc.clauses] == ["1", "1.a", "1.b", "1.c", "1.d"]
    assert "ESC" not in by_ref(doc)["1.b"].text
    assert "page_furniture" in issue_kinds(doc)


def test_a_long_footnote_rule_is_not_clause_text_and_does_not_hide_the_next_sub_clause():
    doc = parse_one("""
        RESOLUTION 28
        The Assembly,
        1. CALLS ON member governments:
        a. to deepen dialogue;
        to continue cooperation;

        ______________________________
        * Adopted by the Plenary Assembly at its Spring Session in Lisbon, Portugal on Tuesday 18 May 1999.

         to support capacity building;
        d. to report back.
    """)
    assert [c.ref for c in doc.clauses] == ["1", "1.a", "1.b", "1.c", "1.d"]
    assert doc.document.adopted_on == "1999-05-18"


def test_a_verb_that_merely_ends_in_ing_is_not_a_participle():
    doc = parse_one("RESOLUTION 29\nThe Assembly,\n1. URGES member governments:\na. to bring forward the plan;\n"
                    "b. to sing the praises of partners.\n")
    assert [c.lead_verb for c in doc.clauses[1:]] == ["bring forward", "sing"]


def test_a_wrapped_prose_line_that_recurs_twice_is_kept():
    doc = parse_one("""
        RESOLUTION 30
        The Assembly,
        1. Welcoming the decisions of the Alliance
        and its partners in the wider region
        on the matter;
        2. Noting the progress of the Alliance
        and its partners in the wider region
        on the matter;
        3. URGES member governments:
        a. to act.
    """)
    assert all("and its partners in the wider region on the matter" in c.text for c in doc.clauses[:2])


@pytest.mark.parametrize("data", [
    b"\xfe\xff\x00",  # a UTF-16 byte order mark, then half a character (found by the property test)
    b"\xff\xfe" + "1. Decides".encode("utf-16-le") + b"\x00\xd8",  # cut inside a surrogate pair
    "1. Decides to remain seized".encode("utf-16-le")[:-1],  # UTF-16 by its NUL bytes, an odd length
])
def test_broken_utf16_is_refused_as_undecodable_not_raised(data):
    with pytest.raises(UnreadableDocument) as refused:
        parse_bytes(data, "broken.txt")
    assert refused.value.reason == "undecodable" and "UTF-8" in refused.value.hint
