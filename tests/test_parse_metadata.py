"""Document metadata of the genre on variants written for the test: issuing body, symbol, number as
printed, title, adoption date, meeting, draft or adopted, each with its source span (pipelines.parsing.docmeta).

The texts follow the layouts the bodies print (EP texts adopted, PACE resolutions, OSCE PA declarations,
NATO PA drafts, UN mastheads, Markdown with YAML front matter, HTML pages with site menus); none is a
copy of a real document.
"""

# ruff: noqa: E501  -- the variant texts keep their paragraphs on one line, as converters print them

import pytest

from pipelines.parsing import parse_text

EP_TXT = """Texts adopted
Wednesday, 12 March 2025 - Strasbourg

The humanitarian situation in Gaza
P10_TA(2025)0034

European Parliament resolution of 12 March 2025 on the humanitarian situation in Gaza (2025/2553(RSP))

The European Parliament,

– having regard to its previous resolutions on Gaza,

– having regard to Rule 136(2) and (4) of its Rules of Procedure,

A. whereas the humanitarian situation in Gaza is catastrophic;

B. whereas aid deliveries have been blocked;

1. Calls for an immediate ceasefire;

2. Instructs its President to forward this resolution to the Council and the Commission.
"""

EP2_TXT = """European Parliament resolution of 14 March 2024 on the situation of human rights defenders in Belarus (2024/2601(RSP))

The European Parliament,

– having regard to its previous resolutions on Belarus,

A. whereas the regime continues its repression;

1. Condemns the repression of civil society;

2. Instructs its President to forward this resolution to the Council and the Commission.
"""

PACE_TXT = """Parliamentary Assembly
Assemblée parlementaire

Resolution 2345 (2024)
Provisional version

The protection of journalists in Europe

Parliamentary Assembly

1. The Assembly is deeply concerned about the deterioration of media freedom in several member States of the Council of Europe.

2. The Assembly recalls its Resolution 2213 (2018) on the status of journalists in Europe.

3. The Assembly therefore calls on member States to:

3.1. protect journalists from violence;

3.2. end impunity for crimes against journalists.

1. Assembly debate on 25 January 2024 (5th sitting) (see Doc. 15890, report of the Committee on Culture, Science, Education and Media, rapporteur: Ms Jane Doe). Text adopted by the Assembly on 25 January 2024 (5th sitting).
"""

OSCE_TXT = """RESOLUTION ON CLIMATE CHANGE AND SECURITY

1. Recalling the OSCE commitments on environmental security,

2. Noting that climate change is a threat multiplier for the OSCE participating States,

The OSCE Parliamentary Assembly:

3. Calls on the OSCE participating States to reduce emissions;

4. Urges the OSCE to strengthen its environmental activities.
"""

OSCE2_TXT = """BUCHAREST DECLARATION OF THE OSCE PARLIAMENTARY ASSEMBLY AND RESOLUTIONS ADOPTED AT THE THIRTY-FIRST ANNUAL SESSION

Bucharest, 29 June to 3 July 2024

The OSCE Parliamentary Assembly,

1. Reaffirming the Helsinki Final Act,

2. Calls on participating States to respect their commitments.
"""

NATODRAFT_TXT = """NATO PARLIAMENTARY ASSEMBLY

POLITICAL COMMITTEE

025 PC 25 E rev.1

DRAFT RESOLUTION
on
SUSTAINING SUPPORT FOR UKRAINE

presented by Jane Doe (United Kingdom), Rapporteur

The Assembly,

1. Condemning Russia's war of aggression against Ukraine;

2. URGES member governments and parliaments of the North Atlantic Alliance:

a. to sustain military support to Ukraine;

b. to strengthen sanctions.
"""

FM_MD = """---
symbol: A/RES/79/1
title: "The Pact for the Future :"
date: "2024-09-30"
---

Resolution adopted by the General Assembly on 22 September 2024

79/1. The Pact for the Future

The General Assembly,

Recalling its resolution 76/307,

1. Adopts the Pact for the Future;

2. Decides to review it.
"""

FM2_MD = """---
symbol: A/RES/79/5
title: "Oceans and the law of the sea :"
date: "2024-12-10"
---

The General Assembly,

Recalling its resolutions on the law of the sea,

1. Calls upon States to become parties to the Convention;
"""

SITE_HTML = """<html><head><title>Resolution 2345 (2024) - PACE website</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/docs">Documents</a></li><li><a href="/sessions">Sessions</a></li></ul></nav>
<div class="breadcrumb">Home &gt; Documents &gt; Adopted texts</div>
<h1>Resolution 2345 (2024)</h1>
<h2>The protection of journalists in Europe</h2>
<p>1. The Assembly is deeply concerned about media freedom in member States of the Council of Europe and of the Council of Europe itself.</p>
<p>2. The Assembly calls on member States of the Council of Europe to protect journalists.</p>
<p>Text adopted by the Assembly on 25 January 2024 (5th sitting).</p>
<footer>© Council of Europe 2024 | Contact | Cookies</footer>
</body></html>
"""

UNSC_TXT = """United Nations S/RES/2231 (2015)

Security Council Distr.: General
20 July 2015

Resolution 2231 (2015)

Adopted by the Security Council at its 7488th meeting, on 20 July 2015

The Security Council,

Recalling its previous resolutions,

1. Endorses the Joint Comprehensive Plan of Action;

2. Decides to remain seized of the matter.
"""

GADRAFT_TXT = """United Nations A/80/L.12

General Assembly Distr.: Limited
20 November 2025

Eightieth session
Agenda item 13

Draft resolution submitted by the President of the General Assembly

International Day of Forests

The General Assembly,

Recalling its resolution 67/200,

1. Decides to proclaim 21 March the International Day of Forests;
"""

ITAL_TXT = """Resolution n. 123

on the protection of cultural heritage

The Assembly,

1. Recalling the Council of Europe conventions on cultural heritage and the Council of Europe Framework Convention,

2. Calls on member States of the Council of Europe to ratify them.
"""


CASES = [
    # file, issuing_body, symbol, number_as_printed, adopted_on, title, is_draft
    ("ep.txt", EP_TXT, "European Parliament", "P10_TA(2025)0034", None, "2025-03-12",
     "the humanitarian situation in Gaza", False),
    ("ep2.txt", EP2_TXT, "European Parliament", None, None, "2024-03-14",
     "the situation of human rights defenders in Belarus", False),
    ("pace.txt", PACE_TXT, "Parliamentary Assembly of the Council of Europe", None, "2345", "2024-01-25",
     "The protection of journalists in Europe", False),
    ("osce.txt", OSCE_TXT, "OSCE Parliamentary Assembly", None, None, None, "CLIMATE CHANGE AND SECURITY", False),
    ("osce2.txt", OSCE2_TXT, "OSCE Parliamentary Assembly", None, None, "2024-07-03",
     "BUCHAREST DECLARATION OF THE OSCE PARLIAMENTARY ASSEMBLY AND RESOLUTIONS ADOPTED AT THE THIRTY-FIRST "
     "ANNUAL SESSION", False),
    ("natodraft.txt", NATODRAFT_TXT, "NATO Parliamentary Assembly", None, None, None,
     "SUSTAINING SUPPORT FOR UKRAINE", True),
    ("fm.md", FM_MD, "UN General Assembly", "A/RES/79/1", "79/1", "2024-09-22", "The Pact for the Future", False),
    ("fm2.md", FM2_MD, "UN General Assembly", "A/RES/79/5", "79/5", "2024-12-10", "Oceans and the law of the sea",
     False),
    ("site.html", SITE_HTML, "Parliamentary Assembly of the Council of Europe", None, "2345", "2024-01-25",
     "The protection of journalists in Europe", False),
    ("unsc.txt", UNSC_TXT, "UN Security Council", "S/RES/2231 (2015)", "2231", "2015-07-20", None, False),
    ("gadraft.txt", GADRAFT_TXT, "UN General Assembly", "A/80/L.12", None, None, "International Day of Forests",
     True),
    ("ital.txt", ITAL_TXT, "Parliamentary Assembly of the Council of Europe", None, "123", None,
     "the protection of cultural heritage", False),
]


@pytest.mark.parametrize("name,text,body,symbol,number,adopted_on,title,is_draft", CASES, ids=[c[0] for c in CASES])
def test_metadata_of_each_layout(name, text, body, symbol, number, adopted_on, title, is_draft):
    m = parse_text(text, name)[0].document
    assert (m.issuing_body, m.symbol, m.number_as_printed, m.adopted_on, m.title, m.is_draft) == (
        body, symbol, number, adopted_on, title, is_draft)


@pytest.mark.parametrize("name,text", [(c[0], c[1]) for c in CASES], ids=[c[0] for c in CASES])
def test_every_value_keeps_a_span_of_the_text_it_was_read_from(name, text):
    doc = parse_text(text, name)[0]
    m = doc.document
    assert m.sources
    for v in m.sources:
        assert 0 <= v.char_start < v.char_end <= len(text), v
        if v.field in ("symbol", "meeting") and v.value in text:
            assert text[v.char_start:v.char_end] == v.value


def test_front_matter_keys_are_never_the_title_and_the_printed_date_wins_over_front_matter():
    m = parse_text(FM_MD, "fm.md")[0].document
    assert "symbol:" not in (m.title or "") and m.adopted_on == "2024-09-22"  # front matter says 2024-09-30


def test_a_date_line_is_not_a_title_and_the_citation_form_gives_the_symbol():
    m = parse_text("34 (1947). Resolution of 15 September 1947\n\nThe Security Council,\n\n"
                   "Decides to adjourn.\n\nAdopted at the 202nd meeting.\n", "sc.txt")[0].document
    assert (m.title, m.symbol, m.number_as_printed, m.number, m.adopted_on, m.meeting) == (
        None, "S/RES/34 (1947)", "34", 34, "1947-09-15", "202nd meeting")


def test_an_ocr_damaged_year_takes_the_year_of_the_symbol():
    m = parse_text("Resolution 226 (1966)\nof 14 October £964\n\nThe Security Council,\n\n"
                   "1. Urges the parties to comply;\n", "sc.txt")[0].document
    assert (m.adopted_on, m.symbol) == ("1966-10-14", "S/RES/226 (1966)")


def test_general_assembly_number_keeps_its_session():
    m = parse_text("Resolution adopted by the General Assembly on 26 November 2025\n\n"
                   "80/10. International Day of Something\n\nThe General Assembly,\n\n"
                   "1. Decides to proclaim the day;\n\n51st plenary meeting\n", "ga.md")[0].document
    assert (m.number_as_printed, m.number, m.symbol, m.meeting) == ("80/10", 10, "A/RES/80/10", "51st plenary meeting")


def test_a_title_cut_short_is_completed_from_the_front_matter():
    text = ("---\ntitle: \"Convening of the 4th special session of the General Assembly devoted to disarmament :\"\n---\n\n"
            "80/30. Convening of the fourth special session of the General Assembly\n\nThe General Assembly,\n\n"
            "1. Decides to convene it;\n")
    m = parse_text(text, "ga.md")[0].document
    assert m.title == "Convening of the fourth special session of the General Assembly devoted to disarmament"


def test_a_site_menu_and_breadcrumb_are_not_the_title():
    m = parse_text(SITE_HTML, "site.html")[0].document
    assert m.title == "The protection of journalists in Europe"


def test_nato_pa_adoption_footnote_gives_date_session_and_place():
    text = ("DECLARATION 496* ON DETERRENCE\n\nThe Assembly,\n\n1. Stressing that NATO remains the cornerstone of "
            "Allies' security and of the Alliance;\n\n* Adopted by the Plenary Assembly at its Spring Session in "
            "Dayton, Ohio, United States on Monday 26 May 2025.\n\n2. Urges Allies to spend more;\n")
    m = parse_text(text, "nato.txt")[0].document
    assert (m.issuing_body, m.number_as_printed, m.title, m.adopted_on, m.session, m.place) == (
        "NATO Parliamentary Assembly", "496", "DETERRENCE", "2025-05-26", "Spring Session", "Dayton, Ohio, United States")
