"""What the dashboard's and report's charts and numbers say, checked on their specs and text (no browser):
every axis titled, the whole strength scale drawn, the chart of the rows a filter keeps, values written as a
person writes them. tests/test_dashboard_browser.py checks the same on the drawn pages."""

from __future__ import annotations

import polars as pl
import pytest

from pipelines.dashboard import charts, present
from pipelines.lexicon import load_lexicon


@pytest.mark.parametrize(("kind", "value", "unit", "high", "written"), [
    ("money", 7e11, "USD", None, "USD 700 billion"),
    ("money", 4e10, "EUR", None, "EUR 40 billion"),
    ("money", 1.5e9, "USD", None, "USD 1.5 billion"),
    ("money", 25_000.0, "USD", None, "USD 25,000"),
    ("money", 2e12, "USD", None, "USD 2 trillion"),
    ("year", 2024.0, "year", None, "2024"),
    ("range", 1991.0, "year", 2000.0, "1991–2000"),
    ("share_of_gdp", 2.0, "percent_of_gdp", None, "2% of GDP"),
    ("share_of_gdp", 3.5, "percent_of_gdp", None, "3.5% of GDP"),
    ("share_of_gdp", 0.7, "percent_of_gni", None, "0.7% of GNI"),
    ("percent_change", 20.0, "percent", None, "+20%"),
    ("percent_change", -30.0, "percent", None, "-30%"),
    ("percentage", 20.0, "percent", None, "20%"),
    ("duration", 76.0, "year", None, "76 years"),
    ("duration", 1.0, "year", None, "1 year"),
    ("ordinal", 33.0, "member", None, "33rd member"),
    ("ordinal", 11.0, "member", None, "11th member"),
    ("count", 23.0, "nations", None, "23 nations"),
    ("quantity", 1500.0, "troop", None, "1,500 troops"),
    ("deadline", None, "date", None, ""),
])
def test_a_figure_is_written_as_a_person_writes_it(kind, value, unit, high, written):
    assert present.figure(kind, value, unit, high) == written


def test_no_figure_is_a_long_run_of_digits():
    for value in (7e11, 4e10, 123_456_789.0):
        assert "000000" not in present.figure("money", value, "USD")


def _commitments(strengths: list[int | None], wordings: list[str]) -> pl.DataFrame:
    return pl.DataFrame({"strength": strengths, "wording": wordings},
                        schema={"strength": pl.Int32, "wording": pl.String})


def _layers(chart) -> list[dict]:
    return chart.to_dict()["layer"]


def test_the_strength_axis_shows_the_lexicons_whole_scale_even_for_one_level():
    rows = _commitments([4, 4, 4], ["not a continuation", "not a continuation", "continuation"])
    levels = charts.strength_levels(rows)
    scale = sorted({e.strength for e in load_lexicon().entries.values()})
    assert levels == [str(s) for s in range(scale[0], scale[-1] + 1)]
    bars, _ = _layers(charts.strength_bars(rows, "t", levels))
    assert bars["encoding"]["x"]["scale"]["domain"] == levels
    assert "weakest" in bars["encoding"]["x"]["title"] and "strongest" in bars["encoding"]["x"]["title"]
    assert bars["encoding"]["y"]["title"] == "commitments"
    assert bars["encoding"]["y"]["axis"]["format"] == "d"


def test_unknown_strength_gets_its_own_place_on_the_axis():
    rows = _commitments([2, None], ["not a continuation", "not a continuation"])
    assert charts.strength_levels(rows)[-1] == "unknown"


def test_each_strength_bar_is_labelled_with_its_count():
    rows = _commitments([4, 4, 4, 2],
                        ["not a continuation", "not a continuation", "continuation", "not a continuation"])
    _, labels = _layers(charts.strength_bars(rows, "t", charts.strength_levels(rows)))
    assert labels["mark"]["type"] == "text"
    data = charts.strength_bars(rows, "t", charts.strength_levels(rows)).to_dict()["datasets"]
    totals = next(v for v in data.values() if len(v) == 2 and "wording" not in v[0])
    assert sorted((r["strength_label"], r["commitments"]) for r in totals) == [("2", 1), ("4", 3)]


def test_the_strength_chart_draws_only_the_rows_it_is_given():
    rows = _commitments([4, 4, 3], ["not a continuation", "continuation", "not a continuation"])
    kept = rows.filter(pl.col("wording") == "not a continuation")
    spec = charts.strength_bars(kept, "t", charts.strength_levels(rows)).to_dict()
    counted = [r for v in spec["datasets"].values() for r in v if "wording" in r]
    assert sum(r["commitments"] for r in counted) == kept.height
    assert {r["wording"] for r in counted} == {"not a continuation"}


def test_the_stance_chart_draws_every_verb_class_label():
    stances = pl.DataFrame({
        "doc_label": ["D"] * 12, "verb_role": ["lead"] * 12,
        "verb_class": [f"class{i:02d}" for i in range(12)], "stance": ["neutral"] * 12, "verbs": list(range(1, 13)),
    })
    y = charts.stance_bars(stances, "t").to_dict()["encoding"]["y"]
    assert y["axis"]["labelOverlap"] is False
    assert y["title"] == "verb class"
    x = charts.stance_bars(stances, "t").to_dict()["encoding"]["x"]
    assert x["title"] == "lead verbs" and x["axis"]["format"] == "d"
