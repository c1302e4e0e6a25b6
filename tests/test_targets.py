"""Quantified targets: kind, value, unit, comparator and goal-versus-figure, on variants of the genre.

Expected values are written by hand from reading each sentence; none is taken from the extractor.
"""

from __future__ import annotations

from array import array
from datetime import date

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.facts import (
    RAW_ACRONYMS_SCHEMA,
    RAW_DEADLINES_SCHEMA,
    RAW_TARGETS_SCHEMA,
    extract_clause_facts,
    extract_targets,
)
from pipelines.parsing.model import Clause, DocumentMeta, ParsedDocument


def find(text: str, span: str):
    """The mention whose span is ``span`` (fails the test when there is none)."""
    found = [m for m in extract_targets(text) if m.span_text == span]
    assert found, f"no target {span!r} in {[m.span_text for m in extract_targets(text)]}"
    return found[0]


# (text, span, kind, value, unit, comparator, is_normative)
CASES = [
    # share of GDP, written every way the genre writes it
    (
        "to ensure that all Allies meet at least the 2% GDP defence spending target without delay;",
        "2% GDP",
        "share_of_gdp",
        2,
        "percent_of_gdp",
        ">=",
        True,
    ),
    (
        "with 23 nations meeting or exceeding the 2% of GDP target by 2024;",
        "2% of GDP",
        "share_of_gdp",
        2,
        "percent_of_gdp",
        ">=",
        True,
    ),
    (
        "to agree on a pledge including a new defence spending target well beyond 2% of GDP;",
        "2% of GDP",
        "share_of_gdp",
        2,
        "percent_of_gdp",
        ">",
        True,
    ),
    (
        "Stressing that the defence spending target of 2% of GDP is an obligation;",
        "2% of GDP",
        "share_of_gdp",
        2,
        "percent_of_gdp",
        "=",
        True,
    ),
    (
        "to ensure that all Allies spend two per cent of gross domestic product on defence;",
        "two per cent of gross domestic product",
        "share_of_gdp",
        2,
        "percent_of_gdp",
        "=",
        True,
    ),
    (
        "Noting that Allies spent on average 3.5 percent of GDP in 2024;",
        "3.5 percent of GDP",
        "share_of_gdp",
        3.5,
        "percent_of_gdp",
        "=",
        False,
    ),
    (
        "to invest no less than 1.5 % of their GDP in resilience;",
        "1.5 % of their GDP",
        "share_of_gdp",
        1.5,
        "percent_of_gdp",
        ">=",
        True,
    ),
    (
        "Noting that more than 20 Allies spend less than 2% of GDP;",
        "2% of GDP",
        "share_of_gdp",
        2,
        "percent_of_gdp",
        "<",
        False,
    ),
    (
        "to meet the commitment to provide 0.7% of GNI as official development assistance;",
        "0.7% of GNI",
        "share_of_gdp",
        0.7,
        "percent_of_gni",
        "=",
        True,
    ),
    (
        "to keep deficits below 3 per cent of GDP;",
        "3 per cent of GDP",
        "share_of_gdp",
        3,
        "percent_of_gdp",
        "<",
        True,
    ),
    (
        "Allies must spend 5% of GDP or more on defence;",
        "5% of GDP",
        "share_of_gdp",
        5,
        "percent_of_gdp",
        ">=",
        True,
    ),
    # money
    (
        "announcing a Pledge with the intention of a minimum baseline funding of EUR 40 billion within the next year;",
        "EUR 40 billion",
        "money",
        40e9,
        "EUR",
        ">=",
        True,
    ),
    (
        "including an increase of more than USD 700 billion in defence spending since 2014;",
        "USD 700 billion",
        "money",
        700e9,
        "USD",
        ">",
        False,
    ),
    (
        "to mobilise €100 million for the reconstruction effort;",
        "€100 million",
        "money",
        100e6,
        "EUR",
        "=",
        True,
    ),
    (
        "Recalling the $1.5 trillion investment gap identified last year;",
        "$1.5 trillion",
        "money",
        1.5e12,
        "USD",
        "=",
        False,
    ),
    ("to provide 40 billion euros in military aid;", "40 billion euros", "money", 40e9, "EUR", "=", True),
    (
        "to contribute up to £250 million to the trust fund;",
        "£250 million",
        "money",
        250e6,
        "GBP",
        "<=",
        True,
    ),
    (
        "Welcoming that Allies delivered USD 1,200 million last year;",
        "USD 1,200 million",
        "money",
        1.2e9,
        "USD",
        "=",
        False,
    ),
    (
        "to allocate at least 3 billion US dollars to air defence;",
        "3 billion US dollars",
        "money",
        3e9,
        "USD",
        ">=",
        True,
    ),
    ("Noting that the fund holds EUR 5bn;", "EUR 5bn", "money", 5e9, "EUR", "=", False),
    # percent change (signed: a reduction is negative, its comparator mirrored)
    (
        "Highlighting the progress achieved, including a 20% increase in 2024;",
        "20% increase",
        "percent_change",
        20,
        "percent",
        "=",
        False,
    ),
    (
        "to reduce emissions from military activities by 30 per cent by 2030;",
        "30 per cent",
        "percent_change",
        -30,
        "percent",
        "=",
        True,
    ),
    (
        "to reduce greenhouse gas emissions from military activities by at least 50 per cent;",
        "50 per cent",
        "percent_change",
        -50,
        "percent",
        "<=",
        True,
    ),
    (
        "Welcoming that defence spending increased by 11% in 2023;",
        "11%",
        "percent_change",
        11,
        "percent",
        "=",
        False,
    ),
    (
        "to deliver a 10 per cent annual rise in procurement budgets;",
        "10 per cent annual rise",
        "percent_change",
        10,
        "percent",
        "=",
        True,
    ),
    # counts, with the counted noun as written
    ("with 23 nations meeting or exceeding the target;", "23 nations", "count", 23, "nations", "=", False),
    (
        "to ensure that all 32 Allies contribute to the mission;",
        "32 Allies",
        "count",
        32,
        "Allies",
        "=",
        True,
    ),
    (
        "Noting that five member states have joined the initiative;",
        "five member states",
        "count",
        5,
        "member states",
        "=",
        False,
    ),
    # troops are a force strength, a quantity in a unit, not a set of things one can name
    (
        "to deploy no fewer than 300,000 troops at high readiness;",
        "300,000 troops",
        "quantity",
        300000,
        "troop",
        ">=",
        True,
    ),
    (
        "Noting with concern that only twenty-three countries have met the target;",
        "twenty-three countries",
        "count",
        23,
        "countries",
        "=",
        False,
    ),
    # ordinals, including a superscript lost in conversion ("33rd" -> "33")
    (
        "to help Ukraine receive an invitation and become the 33 member of NATO as soon as possible;",
        "33 member",
        "ordinal",
        33,
        "member",
        "=",
        True,
    ),
    ("Welcoming Sweden as the 32nd Ally;", "32nd Ally", "ordinal", 32, "Ally", "=", False),
    (
        "to work for the accession of Ukraine as the thirty-third member state;",
        "thirty-third member state",
        "ordinal",
        33,
        "member state",
        "=",
        True,
    ),
    # years, durations and dates
    ("to reach the new target by 2035;", "by 2035", "year", 2035, "year", "<=", True),
    (
        "to phase out the legacy systems no later than 2030;",
        "no later than 2030",
        "year",
        2030,
        "year",
        "<=",
        True,
    ),
    ("to complete the review before 2028;", "before 2028", "year", 2028, "year", "<", True),
    ("to keep forces deployed for 10 years;", "10 years", "duration", 10, "year", "=", True),
    ("Recognising NATO's role over the past 75 years;", "75 years", "duration", 75, "year", "=", False),
    (
        "to deliver the funding within the next year;",
        "within the next year",
        "duration",
        1,
        "year",
        "=",
        True,
    ),
    ("to adopt the plan by 30 June 2026;", "by 30 June 2026", "deadline", None, "date", "<=", True),
]


@pytest.mark.parametrize("text, span, kind, value, unit, comparator, normative", CASES)
def test_target_kind_value_unit_comparator_and_normative(text, span, kind, value, unit, comparator, normative):
    m = find(text, span)
    assert (m.target_kind, m.unit, m.comparator, m.is_normative) == (kind, unit, comparator, normative)
    if value is None:
        assert m.value is None
    else:
        assert m.value == pytest.approx(value)
    assert text[m.text_start : m.text_end] == span


@pytest.mark.parametrize(
    "text",
    [
        "Applauding the commitment to collective defence enshrined in Article 5;",
        "Reaffirming the importance of NATO's 360-degree approach to security;",
        "through the 1936 Montreux Convention;",
        "at the 2024 Washington Summit;",
        "the Dayton Peace Agreement signed 30 years ago;",
        "Recalling resolution 2231 of the Security Council;",
    ],
)
def test_numbers_that_are_not_targets_are_ignored(text):
    assert extract_targets(text) == []


def test_a_count_and_a_goal_in_one_sentence_are_told_apart():
    text = (
        "Acknowledging the increased defence spending by Allies, with 23 nations meeting or exceeding the "
        "2% of GDP target by 2024, while stressing that all Allies must step up;"
    )
    count, share = find(text, "23 nations"), find(text, "2% of GDP")
    assert not count.is_normative and share.is_normative
    assert share.deadline_text == "by 2024"


def test_a_goal_noun_after_a_verb_does_not_bind_the_count_before_it():
    text = "Noting with concern that only 3 countries have met the target;"
    assert not find(text, "3 countries").is_normative


def test_a_deadline_belongs_to_the_nearest_figure_not_to_the_next_call():
    text = "to increase aid by 15 per cent, and to deliver 1,000 drones before 1 July 2026;"
    assert find(text, "15 per cent").deadline_text is None
    assert find(text, "1,000 drones").deadline_text == "before 1 July 2026"


def test_a_range_gives_a_lower_and_an_upper_bound():
    text = "to spend between 2% and 3% of GDP on defence;"
    low, high = extract_targets(text)[:2]
    assert (low.value, low.comparator, low.unit) == (2, ">=", "percent_of_gdp")
    assert (high.value, high.comparator) == (3, "<=")


def test_the_same_figure_is_a_goal_in_a_call_and_a_figure_in_a_report():
    assert find("to invest EUR 10 billion in ammunition;", "EUR 10 billion").is_normative
    assert not find("Noting that Allies invested EUR 10 billion in 2023;", "EUR 10 billion").is_normative
    assert find("URGES member states to invest EUR 10 billion;", "EUR 10 billion").is_normative
    assert find("Calls upon Allies, as a priority, EUR 10 billion for air defence;", "EUR 10 billion").is_normative
    # an operative lead that does not call for action, and a statement that opens with an acronym
    assert not find("Welcomes the EUR 10 billion contribution;", "EUR 10 billion").is_normative
    assert not find("NATO members together account for EUR 10 billion of the fund;", "EUR 10 billion").is_normative


SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
CURRENCIES = {"EUR ": "EUR", "USD ": "USD", "€": "EUR", "$": "USD", "£": "GBP", "GBP ": "GBP"}


@given(
    number=st.integers(min_value=1, max_value=999),
    decimals=st.sampled_from(["", ".5", ".25"]),
    scale=st.sampled_from(sorted(SCALES)),
    currency=st.sampled_from(sorted(CURRENCIES)),
    prefix=st.text(alphabet="abcdefghij ,", max_size=30),
)
def test_money_value_is_number_times_scale_and_offsets_follow_the_text(number, decimals, scale, currency, prefix):
    figure = f"{currency}{number}{decimals} {scale}"
    text = f"{prefix} to provide {figure} to the fund;"
    m = find(text, figure)
    assert m.target_kind == "money" and m.unit == CURRENCIES[currency]
    assert m.value == pytest.approx(float(f"{number}{decimals}") * SCALES[scale])
    assert text[m.text_start : m.text_end] == figure


COMPARATOR_PHRASES = {
    "at least": ">=",
    "a minimum of": ">=",
    "no less than": ">=",
    "meeting or exceeding": ">=",
    "well beyond": ">",
    "more than": ">",
    "over": ">",
    "above": ">",
    "exceeding": ">",
    "up to": "<=",
    "at most": "<=",
    "no more than": "<=",
    "less than": "<",
    "below": "<",
    "approximately": "=",
    "": "=",
}


@given(
    phrase=st.sampled_from(sorted(COMPARATOR_PHRASES)),
    value=st.decimals(min_value="0.5", max_value="9.5", places=1),
)
def test_every_comparator_phrase_maps_to_its_symbol(phrase, value):
    figure = f"{value}% of GDP"
    text = f"to spend {phrase} {figure} on defence;".replace("  ", " ")
    m = find(text, figure)
    assert m.comparator == COMPARATOR_PHRASES[phrase]
    assert m.value == pytest.approx(float(value))


# --- raw frames -------------------------------------------------------------------------------------


def _doc(texts: dict[str, str], adopted_on: str | None = "2025-05-26", offset: int = 1000) -> ParsedDocument:
    clauses = []
    for ref, text in texts.items():
        c = Clause(ref=ref, kind="sub_operative", text=text, char_start=offset, char_end=offset + len(text) + 3)
        # the clean text starts 3 characters into the source clause (its marker "a. ")
        c.text_origin = array("i", range(offset + 3, offset + 3 + len(text)))
        clauses.append(c)
        offset += len(text) + 10
    meta = DocumentMeta(doc_id="doc-a", source_file="doc-a.txt", sha256="0" * 64, adopted_on=adopted_on)
    return ParsedDocument(meta, clauses, [])


def test_clause_facts_frames_carry_source_offsets_and_adoption_relative_dates():
    doc = _doc(
        {
            "1.a": "to spend at least 2% of GDP within the next year;",
            "1.b": "to support the NATO Security Assistance and Training for Ukraine (NSATU);",
        }
    )
    frames = extract_clause_facts(doc)
    targets = frames["raw_targets"]
    share = targets.filter(pl.col("target_kind") == "share_of_gdp").row(0, named=True)
    assert (share["clause_ref"], share["value"], share["comparator"]) == ("1.a", 2.0, ">=")
    # "2% of GDP" starts at character 18 of the clean text, which is source offset 1000 + 3 + 18
    assert (share["char_start"], share["char_end"]) == (1021, 1030)
    # ... and match_start its offset in the clean clause text, where clause lineage reads its surroundings
    assert (share["match_start"], share["span_text"]) == (18, "2% of GDP")
    assert share["deadline_text"] == "within the next year"
    deadline = frames["raw_deadlines"].row(0, named=True)
    assert deadline["deadline_kind"] == "date" and str(deadline["deadline_date"]) == "2026-05-26"
    acronym = frames["raw_acronyms"].row(0, named=True)
    assert (acronym["acronym"], acronym["expansion"]) == (
        "NSATU",
        "NATO Security Assistance and Training for Ukraine",
    )
    assert targets["target_ordinal"].to_list() == list(range(1, targets.height + 1))


def test_empty_document_gives_empty_frames_with_the_contract_columns():
    frames = extract_clause_facts(_doc({}))
    assert dict(frames["raw_targets"].schema) == RAW_TARGETS_SCHEMA
    assert dict(frames["raw_deadlines"].schema) == RAW_DEADLINES_SCHEMA
    assert dict(frames["raw_acronyms"].schema) == RAW_ACRONYMS_SCHEMA
    assert all(f.height == 0 for f in frames.values())


def test_unknown_adoption_date_leaves_relative_deadlines_undated():
    frames = extract_clause_facts(_doc({"1.a": "to act within six months and by 2030;"}, adopted_on=None))
    dates = dict(zip(frames["raw_deadlines"]["deadline_text"], frames["raw_deadlines"]["deadline_date"], strict=True))
    assert dates["within six months"] is None
    assert str(dates["by 2030"]) == "2030-12-31"


# --- every quantified figure of the genre (issue #14): kinds beyond shares, money and changes -----------

ADOPTED = date(2025, 5, 26)

# (text, span, kind, value, value_high, unit, comparator, is_normative), read with the adoption date above
GENRE_CASES = [
    # percentages of anything, fractions
    ("to allocate at least 20% of defence expenditure to major equipment;", "20%", "percentage", 20, None,
     "percent", ">=", True),
    ("Notes that 45 per cent of the population is displaced;", "45 per cent", "percentage", 45, None, "percent",
     "=", False),
    ("Calls for a two-thirds majority of the members present;", "two-thirds", "percentage", 66.67, None,
     "percent", "=", True),
    ("Notes that half of the refugees are children;", "half", "percentage", 50, None, "percent", "=", False),
    ("Expresses concern that one in three women has experienced violence;", "one in three", "percentage", 33.33,
     None, "percent", "=", False),
    ("to devote between 10 and 15 per cent of the budget to research;", "between 10 and 15 per cent",
     "percentage", 10, 15, "percent", "=", True),
    # counts of any noun, with modifiers, words, scales, demonyms and ranges
    ("Welcomes that 26 parliaments have endorsed the declaration;", "26 parliaments", "count", 26, None,
     "parliaments", "=", False),
    ("Notes that the 57 participating States adopted the Helsinki Final Act;", "57 participating States",
     "count", 57, None, "States", "=", False),
    ("Condemns the attack that killed over 200 people;", "200 people", "count", 200, None, "people", ">", False),
    ("Deplores that more than 11 million Ukrainians have fled their homes;", "11 million Ukrainians", "count",
     11e6, None, "Ukrainians", ">", False),
    ("Notes that more than 10 000 civilians were detained;", "10 000 civilians", "count", 10000, None,
     "civilians", ">", False),
    ("Urges the delivery of 1 million rounds of artillery ammunition;", "1 million rounds", "count", 1e6, None,
     "rounds", "=", True),
    ("to establish a presence of two or three military observers;", "two or three military observers", "count",
     2, 3, "observers", "=", True),
    # quantities in a unit of measure (canonical, singular)
    ("to install 500 megawatts of solar capacity by 2030;", "500 megawatts", "quantity", 500, None, "megawatt",
     "=", True),
    ("to add 5 GW of offshore wind power;", "5 GW", "quantity", 5, None, "gigawatt", "=", True),
    ("to limit global warming to 1.5°C above pre-industrial levels;", "1.5°C", "quantity", 1.5, None,
     "degree Celsius", "=", True),
    ("to authorize a force of up to 5,000 military personnel;", "5,000 military personnel", "quantity", 5000,
     None, "personnel", "<=", True),
    ("Notes that unemployment fell by 2 percentage points;", "2 percentage points", "quantity", 2, None,
     "percentage point", "=", False),
    ("Notes that 3.7 million internally displaced persons need shelter;", "3.7 million internally displaced persons",
     "count", 3.7e6, None, "persons", "=", False),
    ("to contribute SEK 500 million to the fund;", "SEK 500 million", "money", 5e8, None, "SEK", "=", True),
    ("Notes that 2 million tonnes of grain were exported;", "2 million tonnes", "quantity", 2e6, None, "tonne",
     "=", False),
    # ranges of years, horizon years, scheduled future years
    ("Recalling the International Decade for the Eradication of Colonialism (1991-2000);", "1991-2000", "range",
     1991, 2000, "year", "=", False),
    ("to agree on the multiannual financial framework 2028–34;", "2028–34", "range", 2028, 2034, "year", "=",
     True),
    ("Reaffirming the 2030 Agenda for Sustainable Development;", "2030", "year", 2030, None, "year", "=", True),
    ("Recalling Agenda 2063 of the African Union;", "2063", "year", 2063, None, "year", "=", True),
    ("to operationalize the mechanism, starting in 2026, in accordance with annex C;", "starting in 2026", "year",
     2026, None, "year", ">=", True),
    # durations
    ("to extend the mandate for a period of two years;", "two years", "duration", 2, None, "year", "=", True),
    ("to report within 24 hours of any violation;", "24 hours", "duration", 24, None, "hour", "=", True),
    # deadlines: the comparator follows the preposition
    ("to complete the withdrawal before 10 July;", "before 10 July", "deadline", None, None, "date", "<", True),
    ("to report not later than 1 March 2027;", "not later than 1 March 2027", "deadline", None, None, "date",
     "<=", True),
    ("to extend the mandate until 31 January 2026;", "until 31 January 2026", "deadline", None, None, "date",
     "<=", True),
    ("the mandate expiring on 31 July 2026;", "expiring on 31 July 2026", "deadline", None, None, "date", "<=",
     False),
    # a body that approves something sets it
    ("Approves, for implementation beginning on 31 December 2025, the adjustments;", "beginning on 31 December 2025",
     "deadline", None, None, "date", ">=", True),
    # a capitalised infinitive opens a sub-clause's action as a lower-case one does (S/RES/470 (1980) 2.b)
    ("To renew the mandate of the Force for another period of six months, that is, until 30 November 2025;",
     "six months", "duration", 6, None, "month", "=", True),
    ("Decides to convene the conference on 15 March 2026;", "on 15 March 2026", "deadline", None, None, "date",
     "=", True),
    ("to hold the next Annual Session in Porto in July 2026;", "in July 2026", "deadline", None, None, "date", "=",
     True),
    ("Considering that the mandate should be extended beyond 26 September 2025,", "beyond 26 September 2025",
     "deadline", None, None, "date", ">", True),
    ("Notes that the Games will be held from 24 August to 5 September 2032;", "from 24 August to 5 September 2032",
     "deadline", None, None, "date", "=", False),
    ("authorizes the strengthening of the Force by an additional 50 United Nations military observers;",
     "50 United Nations military observers", "count", 50, None, "observers", "=", True),
    ("Authorizes the mandate for an initial period through 31 October 2025, unless renewed;",
     "through 31 October 2025", "deadline", None, None, "date", "<=", True),
    # a count after a footnote number is the count of the noun, not the footnote's
    ("from the Chairman of the Commission, 30 transmitting two resolutions adopted at its meeting,",
     "two resolutions", "count", 2, None, "resolutions", "=", False),
]


@pytest.mark.parametrize("text, span, kind, value, high, unit, comparator, normative", GENRE_CASES)
def test_every_figure_of_the_genre_gets_its_kind_value_unit_and_comparator(
    text, span, kind, value, high, unit, comparator, normative
):
    found = [m for m in extract_targets(text, ADOPTED) if m.span_text == span]
    assert found, f"no target {span!r} in {[m.span_text for m in extract_targets(text, ADOPTED)]}"
    m = found[0]
    assert (m.target_kind, m.unit, m.comparator) == (kind, unit, comparator)
    assert m.value == (None if value is None else pytest.approx(value, abs=0.01))
    assert m.value_high == (None if high is None else pytest.approx(high))
    assert m.is_normative == normative
    assert (m.target_date is not None) == (kind == "deadline")


@pytest.mark.parametrize(
    "text",
    [
        "Recalling its resolutions 242 (1967) and 338 (1973),",  # resolution numbers
        "Recalling paragraphs 4 and 5 of resolution 1244 (1999),",  # paragraph numbers
        "Taking note of the report of the Secretary-General (S/2020/123) and A/RES/80/1,",  # document symbols
        "Recalling its resolution 79/237 adopted on 10 June 1999,",  # a past date says when, not by when
        "Recalling the decision taken at its fifty-fifth session,",  # a session is not a count
        "Reaffirming the Sustainable Development Goals,3 States and territories,",  # a footnote mark
        "at 0001 hours, Eastern Standard Time,",  # a clock time
        "Stressing the policy of not being the first State to place weapons in outer space,",  # idiom
        "in the second half of 2024, on behalf of the Group,",
        "Resolutions and Decisions, 1 August 2012–31 July 2013,",  # a span of dates, not of years
        "Recalling the Conference held in Vienna on 8 and 9 December 2014,",
        "the events of 16 January 1977 at Cotonou,",
        "Recalling the Annual Session held in Bucharest in July 2024,",  # a month before the adoption: history
        "without prejudice to its debts and obligations arising prior to 2 August 1990,",  # a past date, by or not
        "Recalling Recommendation 2150 (2019) and Doc. 15234 of the Assembly,",
        # footnote marks left in the text by conversion: glued to a year, or opening a sentence
        "reports of 18 November 2024,3 14 February 20254 and 20 June 20255 following technical visits,",
        "on this question. 30 Resolutions or decisions on this question were adopted,",
        "Approves the further report of the Secretary-General of 10 July 1992% on the implementation,",
        "Having taken note of the Commission's first 23 and second 25 monthly progress reports,",
        "to try 3 times to reach a settlement, and to ron 5 of them,",  # lower-case words are no currency codes
    ],
)
def test_labels_symbols_and_past_dates_are_not_targets(text):
    assert extract_targets(text, ADOPTED) == []


def test_a_date_without_a_preposition_is_a_deadline_only_when_it_is_ahead_of_the_adoption_date():
    text = "Decides to convene the conference on 15 March 2026;"
    assert [m.target_kind for m in extract_targets(text, date(2025, 5, 26))] == ["deadline"]
    assert extract_targets(text, date(2026, 6, 1)) == []  # the conference has been held
    assert extract_targets(text) == []  # unknown adoption date: it cannot be placed


def test_a_year_after_a_scheduling_preposition_is_a_target_only_when_it_is_ahead():
    text = "to hold the review conference in 2027;"
    assert [(m.target_kind, m.value) for m in extract_targets(text, date(2025, 5, 26))] == [("year", 2027)]
    assert extract_targets(text, date(2028, 1, 10)) == []


@pytest.mark.parametrize(
    "text, span, kind, value, high, unit",
    [  # real sentences from the corpus (S/RES/580 (1985), S/RES/676 (1990), A/RES/80/52, A/RES/80/30)
        ("Requests the Secretary-General to establish, in consultation with the Government of Lesotho, an "
         "appropriate presence comprising one or two civilians in Maseru,", "one or two civilians", "count", 1, 2,
         "civilians"),
        ("Grieved at the tragic loss of life of six South African refugees and three nationals of Lesotho",
         "six South African refugees", "count", 6, None, "refugees"),
        ("Decides to extend the mandate of the United Nations Iran-Iraq Military Observer Group for a further "
         "period of two months, that is, until 31 January 1991,", "two months", "duration", 2, None, "month"),
        ("Noting that a total of 124 States have joined the Convention,", "124 States", "count", 124, None,
         "States"),
        ("three special sessions of the General Assembly devoted to disarmament were held in 1978, 1982 and "
         "1988, respectively,", "three special sessions", "count", 3, None, "sessions"),
    ],
)
def test_real_sentences_of_the_corpus(text, span, kind, value, high, unit):
    found = {m.span_text: m for m in extract_targets(text, date(1990, 11, 30))}
    m = found[span]
    assert (m.target_kind, m.value, m.value_high, m.unit) == (kind, value, high, unit)
    # "held in 1978, 1982 and 1988": past years are not targets
    assert not any(t.target_kind == "year" for t in found.values())


NOUNS = ["parliaments", "delegations", "observers", "vessels", "schools", "judges", "hospitals", "villages"]


@given(
    n=st.integers(min_value=2, max_value=99_999),
    noun=st.sampled_from(NOUNS),
    modifier=st.sampled_from(["", "new ", "national ", "European "]),
    lead=st.sampled_from(["Notes that", "to ensure that", "Welcomes that"]),
)
def test_a_number_before_a_plural_noun_is_a_count_of_that_noun(n, noun, modifier, lead):
    figure = f"{n:,} {modifier}{noun}"
    text = f"{lead} {figure} took part in the exercise;"
    m = find(text, figure)
    assert (m.target_kind, m.value, m.unit) == ("count", n, noun)
    assert text[m.text_start : m.text_end] == figure


@given(a=st.integers(min_value=1946, max_value=2090), length=st.integers(min_value=1, max_value=30),
       dash=st.sampled_from(["-", "–", "—"]))
def test_a_range_of_years_is_one_row_from_the_first_year_to_the_last(a, length, dash):
    text = f"Welcomes the action plan for the period {a}{dash}{a + length};"
    ranges = [m for m in extract_targets(text) if m.target_kind == "range"]
    assert [(r.value, r.value_high, r.unit) for r in ranges] == [(a, a + length, "year")]
