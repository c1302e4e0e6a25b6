"""Deadlines: kind and absolute date, always counted from the adoption date (never from today)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.facts.deadlines import add_months, extract_deadlines

ADOPTED = date(2025, 5, 26)


def only(text: str, adopted_on: date | None = ADOPTED):
    found = extract_deadlines(text, adopted_on)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, phrase, kind, expected",
    [
        (
            "to develop, by the next Summit in the Netherlands, a common approach;",
            "by the next Summit in the Netherlands",
            "event",
            None,
        ),
        ("to report before the 2026 Summit;", "before the 2026 Summit", "event", date(2026, 12, 31)),
        ("to deliver the funding within the next year;", "within the next year", "date", date(2026, 5, 26)),
        ("to act within six months;", "within six months", "date", date(2025, 11, 26)),
        ("to respond within 30 days;", "within 30 days", "date", date(2025, 6, 25)),
        ("to complete it within two years;", "within two years", "date", date(2027, 5, 26)),
        ("to finish by the end of the year;", "by the end of the year", "date", date(2025, 12, 31)),
        ("to finish by the end of next year;", "by the end of next year", "date", date(2026, 12, 31)),
        ("to meet the target without delay;", "without delay", "immediate", None),
        ("to release them immediately;", "immediately", "immediate", None),
        ("to address it as a matter of urgency;", "as a matter of urgency", "immediate", None),
        ("to commit to urgently develop national plans;", "urgently", "immediate", None),
        ("to become a member as soon as possible;", "as soon as possible", "open", None),
        ("to convene at the earliest opportunity;", "at the earliest opportunity", "open", None),
        ("to reach 3.5% by 2035;", "by 2035", "year", date(2035, 12, 31)),
        ("to phase it out before 2030;", "before 2030", "year", date(2029, 12, 31)),
        ("to decide by the end of 2026;", "by the end of 2026", "year", date(2026, 12, 31)),
        ("to adopt the plan by 30 June 2026;", "by 30 June 2026", "date", date(2026, 6, 30)),
        ("to adopt the plan by June 30, 2026;", "by June 30, 2026", "date", date(2026, 6, 30)),
        ("to adopt the plan by June 2026;", "by June 2026", "date", date(2026, 6, 30)),
        (
            "to adopt the plan no later than 1 March 2027;",
            "no later than 1 March 2027",
            "date",
            date(2027, 3, 1),
        ),
    ],
)
def test_deadline_kind_and_date(text, phrase, kind, expected):
    d = only(text)
    assert (d.deadline_text, d.deadline_kind, d.deadline_date) == (phrase, kind, expected)
    assert text[d.text_start : d.text_end] == phrase


@pytest.mark.parametrize(
    "text",
    [
        "the action plan endorsed by the Vilnius Summit;",  # the Summit is the agent
        "adopted by the Plenary Assembly at its Spring Session;",  # where, not by when
        "to address its immediate needs;",  # an adjective, not a deadline
        "the increase in 2024;",
        "to cut emissions by 20%;",
        "at their Summit meeting in The Hague:",
    ],
)
def test_phrases_that_are_not_deadlines(text):
    assert extract_deadlines(text, ADOPTED) == []


def test_relative_deadlines_follow_the_adoption_date_not_the_run_date():
    old = only("to act within the next year;", date(1999, 3, 1))
    assert old.deadline_date == date(2000, 3, 1)
    # "without delay" says how soon, not by when: no date, whatever the adoption date
    assert only("to act without delay;", date(1999, 3, 1)).deadline_date is None


def test_unknown_adoption_date_gives_no_date_for_relative_deadlines_but_keeps_absolute_ones():
    assert only("to act within the next year;", None).deadline_date is None
    assert only("to act immediately;", None).deadline_date is None
    assert only("to act by 2030;", None).deadline_date == date(2030, 12, 31)


def test_a_year_after_a_leap_day_is_the_last_day_of_february():
    assert only("to act within a year;", date(2024, 2, 29)).deadline_date == date(2025, 2, 28)


def test_several_deadlines_in_one_clause_come_in_text_order():
    found = extract_deadlines(
        "to agree by the next Summit and to spend 2% without delay, 3% by 2030;", ADOPTED
    )
    assert [d.deadline_kind for d in found] == ["event", "immediate", "year"]


@given(
    adopted=st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
    months=st.integers(min_value=1, max_value=48),
)
def test_within_n_months_is_adoption_plus_n_calendar_months(adopted, months):
    d = only(f"to complete the work within {months} months;", adopted)
    assert d.deadline_date == add_months(adopted, months)
    assert d.deadline_date > adopted
    # the day of the month is kept unless the target month is shorter
    assert d.deadline_date.day == adopted.day or d.deadline_date.day < adopted.day


@given(year=st.integers(min_value=1950, max_value=2150))
def test_by_year_is_the_last_day_of_that_year(year):
    assert only(f"to reach the goal by {year};").deadline_date == date(year, 12, 31)


# --- every printed form of a deadline (issue #14) -------------------------------------------------------


@pytest.mark.parametrize(
    "text, phrase, kind, expected",
    [
        # a session of the body: a deadline without a date (when a session meets is not in the text)
        ("to report to the General Assembly at its eighty-first session;", "at its eighty-first session",
         "session", None),
        ("Decides to include in the provisional agenda of its eighty-second session the item;",
         "in the provisional agenda of its eighty-second session", "session", None),
        ("to consider the matter at its next session;", "at its next session", "session", None),
        ("to report to the Assembly at its 2027 spring part-session;", None, None, None),
        # expiry and start
        ("to extend the mandate until 31 January 2026;", "until 31 January 2026", "expiry", date(2026, 1, 31)),
        ("the authorization expiring on 31 July 2026;", "expiring on 31 July 2026", "expiry", date(2026, 7, 31)),
        ("owing to the expiration on 5 February 2026 of the terms of five members;", "expiration on 5 February 2026",
         "expiry", date(2026, 2, 5)),
        ("for implementation beginning at 0001 hours, Eastern Standard Time, on 31 December 2025,",
         "on 31 December 2025", "start", date(2025, 12, 31)),
        ("with effect from 1 June 2026;", "with effect from 1 June 2026", "start", date(2026, 6, 1)),
        # a period that counts from the adoption date
        ("to renew the mandate for a period of six months;", "for a period of six months", "period",
         date(2025, 11, 26)),
        ("to extend the mandate for a further period of one year;", "for a further period of one year", "period",
         date(2026, 5, 26)),
        ("Decides to extend the mandate of the Force for three months;", "for three months", "period",
         date(2025, 8, 26)),
        # a day and a month without the year: the first such day on or after the adoption date
        ("to complete the withdrawal before 10 July;", "before 10 July", "date", date(2025, 7, 9)),
        ("to submit the report by 1 March;", "by 1 March", "date", date(2026, 3, 1)),
        ("to be convened for one week at the end of 2027;", "at the end of 2027", "year", date(2027, 12, 31)),
        # a plain date ahead of the adoption date
        ("Decides to convene the conference on 15 March 2026;", "on 15 March 2026", "date", date(2026, 3, 15)),
    ],
)
def test_every_printed_form_of_a_deadline(text, phrase, kind, expected):
    found = [d for d in extract_deadlines(text, ADOPTED) if d.deadline_kind != "open"]
    if phrase is None:
        assert [d for d in found if d.deadline_kind == "session"] == []
        return
    assert [(d.deadline_text, d.deadline_kind, d.deadline_date) for d in found] == [(phrase, kind, expected)]


@pytest.mark.parametrize(
    "text",
    [
        "Recalling its resolution 55/2 adopted at its fifty-fifth session,",  # where a past act took place
        "Recalling also the declaration adopted by the General Assembly at its twenty-fifth session,",
        "Recalling its resolution 78/12 and the decision at its seventy-eighth session,",  # a preamble recalls
        "Welcomes the decision of the Assembly of States Parties at its twenty-third session,",  # when, not by when
        "Also recalls Decision C-SS-4/DEC.3 of the Fourth Special Session of the Conference,",
        "the review process initiated by the Assembly of States Parties at its eighteenth session;",
        "Recalling the special report by the Inter-Agency Meeting on Outer Space Activities,",  # a body, the agent
        "the events of 16 January 1977 at Cotonou,",  # a past date
        "the letter dated 5 June 2026 from the Permanent Representative,",  # a document's date
        "Recalling the Conference held in Vienna on 8 and 9 December 2014,",
        "to keep forces deployed for 10 years;",  # a duration, not a period renewed from the adoption date
        "Recalling that the Council met on 20 May 2025,",  # on or before the adoption date: history
        "the obligations arising prior to 2 August 1990,",  # a deadline preposition before a past date
        "Noting the report of 1 May 2025,",
    ],
)
def test_dates_and_sessions_of_past_acts_are_not_deadlines(text):
    assert extract_deadlines(text, ADOPTED) == []


def test_urgency_words_are_deadlines_without_a_date():
    for text in ("to act urgently;", "to release them immediately;", "to withdraw without delay;"):
        (d,) = extract_deadlines(text, ADOPTED)
        assert d.deadline_kind == "immediate" and d.deadline_date is None


def test_a_plain_date_needs_the_adoption_date_a_start_or_expiry_date_does_not():
    assert extract_deadlines("Decides to convene the conference on 15 March 2026;", None) == []
    (d,) = extract_deadlines("the mandate expiring on 31 July 2026;", None)
    assert (d.deadline_kind, d.deadline_date) == ("expiry", date(2026, 7, 31))


@given(
    adopted=st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
    months=st.integers(min_value=1, max_value=24),
    opener=st.sampled_from(["for a period of", "for a further period of", "for another period of"]),
)
def test_a_period_ends_n_months_after_the_adoption_date(adopted, months, opener):
    (d,) = extract_deadlines(f"to renew the mandate {opener} {months} months;", adopted)
    assert (d.deadline_kind, d.deadline_date) == ("period", add_months(adopted, months))


def test_from_makes_a_start_only_right_before_the_date():
    (d,) = extract_deadlines("to refrain from holding the military parade contemplated for 2 May 2026;", ADOPTED)
    assert (d.deadline_kind, d.deadline_date) == ("date", date(2026, 5, 2))
    (d,) = extract_deadlines("with effect from 1 June 2026;", ADOPTED)
    assert d.deadline_kind == "start"
