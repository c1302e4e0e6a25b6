"""Altair charts shared by the dashboard and the offline report (one definition, two renderings)."""

from __future__ import annotations

import altair as alt
import polars as pl

STANCE_COLOURS = {"positive": "#2e7d32", "neutral": "#9e9e9e", "negative": "#c62828"}
NEW_CONTINUING_COLOURS = {"new": "#1565c0", "continuing": "#90caf9"}
LABEL_COLOURS = {
    "verbatim": "#2e7d32", "modified": "#f9a825", "new": "#1565c0", "dropped": "#9e9e9e",
}


def _scale(colours: dict[str, str]) -> alt.Scale:
    return alt.Scale(domain=list(colours), range=list(colours.values()))


def topic_heatmap(matrix: pl.DataFrame) -> alt.LayerChart:
    """Topics (rows) x documents (columns, oldest first); colour and label = clauses on the topic."""
    doc_order = (
        matrix.select("doc_label", "doc_order").unique().sort("doc_order")["doc_label"].to_list()
    )
    base = alt.Chart(matrix.to_pandas()).encode(
        x=alt.X("doc_label:N", sort=doc_order, title=None, axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("topic_label:N", sort="ascending", title=None, axis=alt.Axis(labelLimit=320)),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color("clauses:Q", title="clauses", scale=alt.Scale(scheme="blues", domainMin=0)),
        tooltip=[
            alt.Tooltip("doc_label:N", title="document"),
            alt.Tooltip("topic_label:N", title="topic"),
            alt.Tooltip("clauses:Q"),
            alt.Tooltip("share_of_clauses:Q", title="share of clauses", format=".1%"),
        ],
    )
    top = int(matrix["clauses"].max() or 0)
    labels = base.mark_text(fontSize=12).encode(
        text="clauses:Q",
        color=alt.condition(alt.datum.clauses > top / 2, alt.value("white"), alt.value("black")),
    )
    return (cells + labels).properties(
        title="Clauses per topic and document", height=alt.Step(24), width=alt.Step(120)
    )


def stance_bars(stances: pl.DataFrame, title: str) -> alt.Chart:
    """Lead verbs by verb class, coloured by stance; clause leads and secondary leads stacked."""
    data = stances.group_by("verb_class", "stance").agg(pl.col("verbs").sum()).sort("verbs", descending=True)
    return (
        alt.Chart(data.to_pandas())
        .mark_bar()
        .encode(
            x=alt.X("verbs:Q", title="lead verbs"),
            y=alt.Y("verb_class:N", sort="-x", title="verb class"),
            color=alt.Color("stance:N", scale=_scale(STANCE_COLOURS), title="stance"),
            tooltip=["verb_class:N", "stance:N", "verbs:Q"],
        )
        .properties(title=title, height=alt.Step(18))
    )


def stance_totals(stances: pl.DataFrame) -> alt.Chart:
    """Share of positive, neutral and negative lead verbs per document (one bar per document)."""
    data = stances.group_by("doc_label", "stance").agg(pl.col("verbs").sum())
    return (
        alt.Chart(data.to_pandas())
        .mark_bar()
        .encode(
            x=alt.X("verbs:Q", stack="normalize", title="share of lead verbs", axis=alt.Axis(format="%")),
            y=alt.Y("doc_label:N", title=None),
            color=alt.Color("stance:N", scale=_scale(STANCE_COLOURS), sort=list(STANCE_COLOURS)),
            order=alt.Order("stance_order:Q"),
            tooltip=["doc_label:N", "stance:N", "verbs:Q"],
        )
        .transform_calculate(stance_order="indexof(['positive', 'neutral', 'negative'], datum.stance)")
        .properties(title="Stance of lead verbs", height=alt.Step(28))
    )


def strength_bars(commitments: pl.DataFrame, title: str) -> alt.Chart:
    """Commitments by strength of their operative lead, new versus continuing actions."""
    data = (
        commitments.with_columns(
            pl.col("strength").cast(pl.String).fill_null("unknown").alias("strength_label")
        )
        .group_by("strength_label", "new_or_continuing")
        .agg(pl.len().alias("commitments"))
    )
    return (
        alt.Chart(data.to_pandas())
        .mark_bar()
        .encode(
            x=alt.X("strength_label:N", title="strength of the call (lexicon)", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("commitments:Q"),
            color=alt.Color("new_or_continuing:N", scale=_scale(NEW_CONTINUING_COLOURS), title="action"),
            tooltip=["strength_label:N", "new_or_continuing:N", "commitments:Q"],
        )
        .properties(title=title, width=alt.Step(60))
    )


def lineage_bars(lineage: pl.DataFrame, title: str) -> alt.Chart:
    """Clauses per lineage label (and change kind for modified ones)."""
    data = (
        lineage.with_columns(pl.col("change_kind").fill_null("").alias("change_kind"))
        .group_by("label", "change_kind")
        .agg(pl.len().alias("clauses"))
    )
    return (
        alt.Chart(data.to_pandas())
        .mark_bar()
        .encode(
            x=alt.X("clauses:Q"),
            y=alt.Y("label:N", sort=list(LABEL_COLOURS), title=None),
            color=alt.Color("label:N", scale=_scale(LABEL_COLOURS), legend=None),
            tooltip=["label:N", "change_kind:N", "clauses:Q"],
        )
        .properties(title=title, height=alt.Step(24))
    )
