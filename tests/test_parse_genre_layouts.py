"""Layouts of the genre beyond the UN corpus, on variants written here: excerpts, declarations in the
first person numbered 1.1, items led by an imperative or a bare infinitive, footnote lines between
clauses, and furniture that must never take a lead."""

from pipelines.parsing import parse_bytes


def parse(text: str):
    (doc,) = parse_bytes(text.encode(), "variant.txt")
    return doc


def shape(doc):
    return [(c.ref, c.kind, c.lemma if c.kind != "sub_operative" else c.lead_verb) for c in doc.clauses]


def test_a_list_nested_in_a_lettered_item_gives_items_six_c_i():
    doc = parse("The Assembly,\n\n6. URGES member governments:\n\n(a) to invest;\n\n(b) to cooperate:\n\n"
                "(i) with partners;\n\n(ii) with industry;\n\n(c) to report;\n\n7. Decides to remain seized.\n")
    assert [(c.ref, c.parent_ref) for c in doc.clauses] == [
        ("6", None), ("6.a", "6"), ("6.b", "6"), ("6.b.i", "6.b"), ("6.b.ii", "6.b"), ("6.c", "6"), ("7", None)]


def test_an_excerpt_may_start_at_any_clause_number():
    doc = parse("The Assembly,\n\n6. URGES member governments:\n\n(a) to invest;\n\n(b) to modernise;\n\n"
                "7. Decides to remain seized of the matter.\n")
    assert shape(doc) == [("6", "operative", "urge"), ("6.a", "sub_operative", "invest"),
                          ("6.b", "sub_operative", "modernise"), ("7", "operative", "decide")]


def test_a_declaration_in_the_first_person_numbered_one_point_one():
    doc = parse("Summit Declaration\n\n1.1 We, the Heads of State and Government, reaffirm our commitment to "
                "peace.\n\n1.2 We call upon all parties to:\n\na) cease hostilities;\n\nb) engage in dialogue.\n\n"
                "2.1 We decide to meet again in 2026.\n")
    assert shape(doc) == [("1.1", "operative", "reaffirm"), ("1.2", "operative", "call upon"),
                          ("1.2.a", "sub_operative", "cease"), ("1.2.b", "sub_operative", "engage"),
                          ("2.1", "operative", "decide")]


def test_items_led_by_an_imperative_a_gerund_or_a_bare_infinitive_have_that_verb():
    doc = parse("The Assembly,\n\n1. Recommends that member states:\n\n(a) Prohibit the sale of arms;\n\n"
                "(b) Encouraging the exchange of information;\n\n(c) Support for veterans;\n\n"
                "2. The Assembly calls on member States to:\n\n2.1. investigate attacks;\n\n2.2. report.\n")
    verbs = {c.ref: c.lead_verb for c in doc.clauses if c.kind == "sub_operative"}
    assert verbs == {"1.a": "prohibit", "1.b": "encourage", "1.c": None, "2.1": "investigate", "2.2": "report"}


def test_a_footnote_line_between_clauses_is_set_aside_and_the_lead_before_it_kept():
    doc = parse("The General Assembly,\n\nRecalling its resolution 79/100,3\n\n3 See A/79/100, annex.\n\n"
                "Noting the report of the Secretary-General,4\n\n4 Official Records of the General Assembly, "
                "Seventy-ninth Session, Supplement No. 1.\n\n1. Decides to act.\n")
    assert [(c.ref, c.lemma) for c in doc.clauses] == [("pp1", "recall"), ("pp2", "note"), ("1", "decide")]
    notes = [doc.source_text[i.char_start:i.char_end] for i in doc.issues if i.kind == "footnote"]
    assert notes == ["3 See A/79/100, annex.",
                     "4 Official Records of the General Assembly, Seventy-ninth Session, Supplement No. 1."]


def test_a_digit_where_the_next_letter_belongs_is_repaired_and_costs_no_clause():
    doc = parse("The Assembly,\n\n1. Calls upon member States:\n\n(a) to increase defence spending;\n\n"
                "(6) to modernise their forces;\n\n(c) to report annually;\n\n2. Decides to remain seized.\n")
    assert shape(doc) == [("1", "operative", "call upon"), ("1.a", "sub_operative", "increase"),
                          ("1.b", "sub_operative", "modernise"), ("1.c", "sub_operative", "report"),
                          ("2", "operative", "decide")]
    assert [c.marker_as_written for c in doc.clauses if c.parent_ref] == ["(a)", "(6)", "(c)"]
    assert any(i.kind == "marker" and "(6)" in i.message for i in doc.issues)


def test_a_numbered_sub_list_is_not_taken_for_damaged_letters():
    doc = parse("The Assembly,\n\n1. Calls upon member States:\n\n(1) to invest;\n\n(2) to modernise;\n\n"
                "2. Decides to remain seized.\n")
    assert shape(doc) == [("1", "operative", "call upon"), ("1.1", "sub_operative", "invest"),
                          ("1.2", "sub_operative", "modernise"), ("2", "operative", "decide")]
    assert not any(i.kind == "marker" and "read as" in i.message for i in doc.issues)


def test_a_vote_record_after_the_text_is_kept_out_of_the_last_clause():
    doc = parse("The Security Council,\n\n1. Decides to act.\n\nAdopted at the 891st meeting by 10 votes to none.\n\n"
                "In favour: Argentina, Brazil.\n\nAgainst: none.\n\nAbstaining: France.\n")
    assert [c.text for c in doc.clauses] == ["Decides to act."]
    assert len([i for i in doc.issues if i.kind == "vote_record"]) == 3


def test_a_body_printed_on_one_line_splits_at_each_lead():
    doc = parse("The General Assembly, Recalling its resolution 1 (1946), Recalling also its resolution 2 (1947), "
                "Noting with concern the situation in the region, Having considered the report, "
                "1. Decides to act; 2. Requests a report.\n")
    assert [(c.ref, c.lemma) for c in doc.clauses] == [
        ("pp1", "recall"), ("pp2", "recall"), ("pp3", "note"), ("pp4", "consider"), ("1", "decide"),
        ("2", "request")]


def test_leads_glued_to_the_next_word_still_open_their_clauses():
    doc = parse("The General Assembly,\n\nNotingthat the situation remains tense,\n\n"
                "Recallingthe previous resolutions,\n\n1. Decides to remain seized.\n")
    assert [(c.ref, c.lemma, c.lead_phrase) for c in doc.clauses] == [
        ("pp1", "note", "Noting"), ("pp2", "recall", "Recalling"), ("1", "decide", "Decides")]


def test_a_clause_number_printed_at_the_end_of_the_line_before_opens_its_clause():
    doc = parse("The Security Council,\n\n1. Calls upon the parties to respect the cease-fire;\n"
                "2. Requests the Secretary-General to report; 3.\nDecides to remain seized of the matter.\n")
    assert [(c.ref, c.text) for c in doc.clauses] == [
        ("1", "Calls upon the parties to respect the cease-fire;"),
        ("2", "Requests the Secretary-General to report;"), ("3", "Decides to remain seized of the matter.")]


def test_a_number_ending_a_sentence_mid_clause_stays_in_it():
    doc = parse("The Security Council,\n\n1. Recalls its resolution 242 (1967), in particular paragraph 3.\n"
                "and urges the parties to comply;\n\n2. Decides to remain seized of the matter.\n")
    assert [c.ref for c in doc.clauses] == ["1", "2"]


def test_the_documents_own_symbol_inside_a_clause_is_a_running_head_but_another_reference_stays():
    doc = parse("S/RES/2231 (2015)\n\nResolution 2231 (2015)\n\nThe Security Council,\n\n1. Calls upon the parties "
                "to respect the\nS/RES/2231 (2015)\ncease-fire and to cooperate;\n\n2. Recalls resolution\n"
                "S/RES/2230 (2015)\nand decides to remain seized of the matter.\n")
    texts = [c.text for c in doc.clauses]
    assert texts == ["Calls upon the parties to respect the cease-fire and to cooperate;",
                     "Recalls resolution S/RES/2230 (2015) and decides to remain seized of the matter."]


def test_an_adoption_line_that_wraps_is_one_note_not_text_of_the_last_clause():
    doc = parse("The Security Council\nFinds that the State fulfils the conditions of the Charter and\n"
                "therefore recommends that it be admitted to membership.\n\nAdopted at the 503rd meeting\n"
                "by 10 votes to none, with 1\nabstention (China).\n")
    assert [c.text for c in doc.clauses] == [
        "Finds that the State fulfils the conditions of the Charter and therefore recommends that it be "
        "admitted to membership."]
    assert not any(c.is_truncated for c in doc.clauses)


def test_a_pace_text_with_a_participle_title_and_the_body_as_subject():
    doc = parse("Resolution 2545 (2024)\nProvisional version\nProtecting the rights of migrants\n\n"
                "Parliamentary Assembly\n\n1. The Parliamentary Assembly is concerned about the situation of "
                "migrants.\n\n2. The Assembly therefore calls on member States to:\n\n2.1. guarantee access to "
                "asylum;\n\n2.2. end pushbacks.\n")
    assert doc.document.title == "Protecting the rights of migrants"
    assert shape(doc) == [("1", "operative", "concerned"), ("2", "operative", "call on"),
                          ("2.1", "sub_operative", "guarantee"), ("2.2", "sub_operative", "end")]


def test_a_reference_ending_in_a_number_before_the_adoption_line_is_not_a_clause_number():
    doc = parse("The Security Council,\n\nDecides to examine the question contained in document S/Agenda/2329/Rev. 1."
                "\n\nAdopted at the 2330th meeting by\n13 votes to none.\n")
    assert [c.text for c in doc.clauses] == [
        "Decides to examine the question contained in document S/Agenda/2329/Rev. 1."]


def test_a_footnote_that_wraps_stays_one_note_and_a_noun_in_ent_is_no_lead():
    doc = parse("The Security Council,\n\nHaving examined the application of the State, 40\n\n"
                "Recommends to the General Assembly that the State be admitted.\n\nAdopted unanimously, at the\n"
                "1190th meeting.\n\n\n40 Official Records of the Security Council, Twentieth Year,\n"
                "Supplement for January, February and March 1965, document\nS/6197.\n")
    assert [(c.kind, c.lemma) for c in doc.clauses] == [("preambular", "examine"), ("operative", "recommend")]


def test_a_one_read_for_a_roman_i_under_an_item_costs_no_clause():
    doc = parse("The Assembly,\n\n1. Urges governments:\n\n(a) to act:\n\n(1) first thing;\n\n(ii) second thing;\n\n"
                "(b) to report;\n\n2. Decides to remain seized.\n")
    assert [c.ref for c in doc.clauses] == ["1", "1.a", "1.a.i", "1.a.ii", "1.b", "2"]
    assert [c.marker_as_written for c in doc.clauses[2:4]] == ["(1)", "(ii)"]


def test_page_furniture_inside_a_clause_is_removed_from_its_text():
    doc = parse("The Security Council,\n\n1. Calls upon the parties to respect the\n15-12345 (E)    101225\n"
                "*1512345*\nPage 2\ncease-fire and to cooperate;\n\n2. Decides to remain seized of the matter.\n")
    assert doc.clauses[0].text == "Calls upon the parties to respect the cease-fire and to cooperate;"


def test_an_item_led_by_not_to_has_the_verb_after_it():
    doc = parse("The Security Council,\n\n1. Calls upon all States:\n\n(a) Not to recognize the illegal regime;\n\n"
                "(b) not to allow the use of their territory;\n\n2. Decides to remain seized of the matter.\n")
    assert [c.lead_verb for c in doc.clauses if c.parent_ref] == ["recognize", "allow"]


def test_clauses_numbered_past_999_keep_their_numbers():
    text = "The Assembly,\n\n" + "\n\n".join(f"{n}. Decides to act on item {n};" for n in range(1, 1003)) + "\n"
    doc = parse(text)
    assert [c.ref for c in doc.clauses[-4:]] == ["999", "1000", "1001", "1002"]
    assert doc.clauses[998].text == "Decides to act on item 999;"


def test_a_clause_that_goes_on_after_its_items_keeps_the_action_as_its_last_item():
    doc = parse("The Assembly,\n\n1. Urges governments to:\n\n(a) invest;\n\n(b) modernise;\n\n"
                "and to report on progress by 2026;\n\n2. Decides to remain seized.\n")
    assert shape(doc) == [("1", "operative", "urge"), ("1.a", "sub_operative", "invest"),
                          ("1.b", "sub_operative", "modernise"), ("1.c", "sub_operative", "report"),
                          ("2", "operative", "decide")]
    assert doc.clauses[3].letter_inferred and any(i.kind == "continued_after_items" for i in doc.issues)


def test_a_clause_number_displaced_into_a_word_run_is_taken_out_of_the_text():
    doc = parse("The Security Council,\n\n1. Calls upon the parties to respect the sovereignty of the3.security "
                "arrangements;\n\n2. Decides to remain seized of the matter.\n")
    assert doc.clauses[0].text == "Calls upon the parties to respect the sovereignty of the security arrangements;"
    assert any(i.kind == "displaced_marker" for i in doc.issues)
    s, e = doc.clauses[0].source_span(0, len(doc.clauses[0].text))
    assert doc.source_text[s:e].endswith("arrangements;")


def test_a_body_with_almost_no_spaces_is_respaced_and_its_clauses_found():
    text = ("TheGeneralAssembly,Recallingitsresolution1/1of1946,Notingwithconcernthesituationintheregion,"
            "1.Decidestoremainseizedofthematter;2.RequeststheSecretaryGeneraltoreportwithinsixmonths.\n")
    doc = parse(text)
    assert [(c.ref, c.lemma) for c in doc.clauses] == [
        ("pp1", "recall"), ("pp2", "note"), ("1", "decide"), ("2", "request")]
    assert doc.clauses[0].text == "Recalling its resolution 1/1 of 1946,"
    # spans still index the source as printed
    c = doc.clauses[2]
    assert doc.source_text[c.char_start:c.char_end] == "1.Decidestoremainseizedofthematter;"
    assert any(i.kind == "respaced" for i in doc.issues)


def test_ordinary_text_is_never_respaced():
    doc = parse("The Assembly,\n\n1. Welcomes the Strategic Concept;\n\n2. Decides to remain seized.\n")
    assert not any(i.kind == "respaced" for i in doc.issues)
    assert doc.clauses[0].text == "Welcomes the Strategic Concept;"
