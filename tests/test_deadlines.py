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
