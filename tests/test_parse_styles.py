# ruff: noqa: E501 - document variants keep their real line lengths
"""Other layouts and assemblies of the genre: UN, European Parliament, PACE, HTML, encodings,
compilations."""

from __future__ import annotations

import textwrap

from pipelines.parsing import parse_bytes, parse_text


def one(text: str, name: str = "variant.txt"):
    docs = parse_text(textwrap.dedent(text), name)
    assert len(docs) == 1
    return docs[0]


def refs(doc):
    return {c.ref: c for c in doc.clauses}


UN_TEXT = """
    United Nations A/RES/75/27
    General Assembly
    Seventy-fifth session
    Agenda item 12
    Resolution adopted by the General Assembly on 7 December 2020

    75/27. Strengthening cooperation on maritime safety

    The General Assembly,

    Recalling its resolution 74/19 of 10 December 2019,

    Deeply concerned about the number of incidents at sea,
    and the loss of life they cause,

    Welcoming the work of the International Maritime Organization,

    1. Urges all States to ratify the relevant conventions;

    2. Requests the Secretary-General to submit a report on:
    (a) The implementation of the present resolution;
    (b) Progress achieved by Member States;

    3. Decides to remain seized of the matter.
"""


def test_un_style_unnumbered_preambles_and_numbered_operatives_with_own_leads():
    doc = one(UN_TEXT)
    r = refs(doc)
    assert doc.document.opening_formula == "The General Assembly,"
    assert doc.document.adopted_on == "2020-12-07"
    assert doc.document.doc_type == "resolution"
    assert doc.document.title == "Strengthening cooperation on maritime safety"
    assert [c.ref for c in doc.clauses] == ["pp1", "pp2", "pp3", "1", "2", "2.a", "2.b", "3"]
    assert r["pp2"].lead_phrase == "Deeply concerned" and r["pp2"].intensifier == "deeply"
    assert r["pp2"].text == "Deeply concerned about the number of incidents at sea, and the loss of life they cause,"
    assert (r["1"].kind, r["1"].lemma, r["1"].addressee) == ("operative", "urge", "all States")
    assert (r["2"].lemma, r["2"].addressee) == ("request", "the Secretary-General")
    assert r["2.a"].marker_as_written == "(a)" and r["2.a"].kind == "sub_operative"
    assert r["2.a"].lead_verb is None  # a noun phrase, not an action
    assert r["3"].lemma == "decide" and r["3"].addressee is None


def test_other_bodies_open_with_their_own_formula():
    doc = one("""
        The Security Council,
        Reaffirming its commitment to the sovereignty of all States,
        1. Demands that all parties cease hostilities;
        2. Decides to remain actively seized of the matter.
    """)
    assert doc.document.opening_formula == "The Security Council,"
    assert [(c.ref, c.lemma) for c in doc.clauses] == [("pp1", "reaffirm"), ("1", "demand"), ("2", "decide")]


def test_european_parliament_citations_recitals_and_operatives():
    doc = one("""
        The European Parliament,
        – having regard to Article 42 of the Treaty on European Union,
        – having regard to its resolution of 10 March 2022 on the situation in Ukraine,
        A. whereas Russia's war of aggression continues;
        B. whereas the Union must strengthen its defence industry;
        1. Calls on the Member States to increase defence spending to at least 2 % of GDP;
        2. Stresses the need for joint procurement;
        3. Instructs its President to forward this resolution to the Council.
    """)
    r = refs(doc)
    assert [c.ref for c in doc.clauses] == ["pp1", "pp2", "A", "B", "1", "2", "3"]
    assert r["pp1"].lead_phrase == "having regard to" and r["pp1"].kind == "preambular"
    assert r["A"].lemma == "whereas" and r["A"].marker_as_written == "A."
    assert (r["1"].lemma, r["1"].addressee, r["1"].kind) == ("call on", "the Member States", "operative")


def test_pace_style_numbered_sentences_without_lead_verbs():
    doc = one("""
        Resolution 2501 (2023)
        Protecting journalists

        1. The Assembly is deeply concerned about the safety of journalists.
        2. The Assembly recalls its Resolution 2400 (2021).
        3. The Assembly therefore calls on member States to:
        3.1. ratify the convention;
        3.2. strengthen cooperation.
    """)
    r = refs(doc)
    assert doc.document.number == 2501 and doc.document.title == "Protecting journalists"
    # numbered declaratory sentences are the operative part by convention; the verb stays the lemma
    assert (r["1"].lemma, r["1"].intensifier, r["1"].kind) == ("concerned", "deeply", "operative")
    assert (r["3"].kind, r["3"].addressee) == ("operative", "member States")
    assert [(c.ref, c.lead_verb) for c in doc.clauses if c.parent_ref == "3"] == [("3.1", "ratify"),
                                                                                   ("3.2", "strengthen")]


HTML = """<html><head><title>t</title><style>p { color: red }</style></head><body>
<h1>RESOLUTION 501</h1><h2>ON CYBER DEFENCE</h2>
<p>The Assembly,</p>
<ol>
<li><b>Recognising</b> that cyberspace is contested &amp; that NATO&rsquo;s posture
matters;</li>
<li><strong>Welcoming</strong> the new centre, and <b>noting</b> its work;</li>
<li><b>URGES</b> member governments:
<ol type="a"><li>to invest in cyber defence;</li><li>to share information.</li></ol></li>
</ol></body></html>"""


def test_html_markup_is_stripped_and_list_structure_kept():
    doc = parse_bytes(HTML.encode(), "resolution-501.html")[0]
    r = refs(doc)
    assert doc.document.source_format == "html"
    assert (doc.document.doc_type, doc.document.number, doc.document.title) == ("resolution", 501, "CYBER DEFENCE")
    assert [c.ref for c in doc.clauses] == ["1", "2", "3", "3.a", "3.b"]
    assert r["1"].text == "Recognising that cyberspace is contested & that NATO’s posture matters;"
    assert r["2"].secondary_leads == ["noting"]
    # spans point into the HTML source
    span = HTML[r["3.a"].char_start:r["3.a"].char_end]
    assert span.startswith("<") and "<li>to invest in cyber defence;" in span and "share" not in span


def test_htm_extension_is_html_too():
    doc = parse_bytes(HTML.encode(), "r.HTM")[0]
    assert doc.document.source_format == "html"


BODY = ("RESOLUTION 3\n\nThe Assembly,\n\n1. Recognising NATO\u2019s role and the Alliance\u2019s values;\n\n"
        "2. URGES member governments:\n\na. to act now.\n")


def test_cp1252_input_is_decoded_with_a_reported_issue():
    doc = parse_bytes(BODY.encode("cp1252"), "legacy.txt")[0]
    assert doc.document.encoding == "cp1252"
    assert refs(doc)["1"].text == "Recognising NATO’s role and the Alliance’s values;"
    assert any(i.kind == "encoding" for i in doc.issues)


def test_latin1_bytes_that_cp1252_cannot_map_still_decode():
    data = "RESOLUTION 3\n\nThe Assembly,\n\n1. Recognising the Caf\u00e9 talks;\n\n2. URGES member governments:\n\na. to act.\n"
    doc = parse_bytes(data.encode("latin-1") + b"\x81", "latin.txt")[0]
    assert "Café" in refs(doc)["1"].text


def test_mojibake_is_repaired_and_reported():
    broken = BODY.replace("NATO\u2019s", "NATOâ€™s").replace("Alliance\u2019s", "AllianceÂ’s")
    doc = parse_bytes(broken.encode("utf-8"), "moji.txt")[0]
    assert refs(doc)["1"].text == "Recognising NATO’s role and the Alliance’s values;"
    assert sum(i.kind == "mojibake" for i in doc.issues) == 2


def test_utf8_bom_and_utf16_are_read():
    assert refs(parse_bytes(b"\xef\xbb\xbf" + BODY.encode(), "bom.txt")[0])["2.a"].text == "to act now."
    assert refs(parse_bytes(BODY.encode("utf-16"), "u16.txt")[0])["2.a"].text == "to act now."


COMPILATION = """
    TEXTS ADOPTED IN 2025

    Contents
    Resolution 501 on cyber defence .............. 2
    Declaration 502 on Ukraine ................... 3

    RESOLUTION 501
    CYBER DEFENCE

    The Assembly,

    1. Recognising that cyberspace is contested;

    2. URGES member governments:

    a. to invest in cyber defence;
    b. to share information.

    DECLARATION 502
    SUPPORTING UKRAINE

    The Assembly,

    1. Condemning the war of aggression;

    2. URGES member governments:

    a. to sustain support to Ukraine.
"""


def test_a_compilation_with_a_table_of_contents_splits_into_documents():
    docs = parse_text(textwrap.dedent(COMPILATION), "Texts 2025.txt")
    assert [(d.document.doc_id, d.document.doc_type, d.document.number, d.document.title) for d in docs] == [
        ("texts-2025-resolution-501", "resolution", 501, "CYBER DEFENCE"),
        ("texts-2025-declaration-502", "declaration", 502, "SUPPORTING UKRAINE"),
    ]
    assert [c.ref for c in docs[1].clauses] == ["1", "2", "2.a"]
    assert any(i.kind == "table_of_contents" for i in docs[0].issues)
    # the second document's title is not swallowed by the first document's last clause
    assert "SUPPORTING" not in docs[0].clauses[-1].text


def test_european_parliament_title_gives_the_adoption_date():
    doc = one("""
        European Parliament resolution of 14 March 2024 on securing undersea infrastructure (2024/2509(RSP))

        The European Parliament,
        – having regard to its earlier resolutions,
        1. Calls on the Member States to protect cables;
    """)
    assert (doc.document.adopted_on, doc.document.doc_type) == ("2024-03-14", "resolution")
