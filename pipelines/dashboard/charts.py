"""Altair charts shared by the dashboard and the offline report (one definition, two renderings)."""

from __future__ import annotations

import altair as alt
import polars as pl

STANCE_COLOURS = {"positive": "#2e7d32", "neutral": "#9e9e9e", "negative": "#c62828"}
# the commitments' wording (is_continuation, docs/glossary.md), not lineage's new/verbatim/modified
WORDING_COLOURS = {"not a continuation": "#1565c0", "continuation": "#90caf9"}
LABEL_COLOURS = {
    "verbatim": "#2e7d32", "modified": "#f9a825", "new": "#1565c0", "dropped": "#9e9e9e",
}


def _scale(colours: dict[str, str]) -> alt.Scale:
    return alt.Scale(domain=list(colours), range=list(colours.values()))


def _title(text: str, subtitle: str | None = None) -> alt.TitleParams:
    # no length limit: a clipped title ("... (20 of …") hides exactly the words that say what is shown
    return alt.TitleParams(text, subtitle=subtitle or alt.Undefined, limit=2000, anchor="start")


def _all_labels(values: list, **axis) -> alt.Axis:
    """An axis that draws a label for each of ``values``: Streamlit's theme would otherwise thin a band axis
    (a tick count) and hide overlapping labels."""
    return alt.Axis(values=sorted(values), labelOverlap=False, **axis)


def topic_heatmap(matrix: pl.DataFrame) -> alt.LayerChart:
    """Topics (rows) x documents (columns, oldest first); colour and label = clauses on the topic."""
    doc_order = (
        matrix.select("doc_label", "doc_order").unique().sort("doc_order")["doc_label"].to_list()
    )
    base = alt.Chart(matrix.to_pandas()).encode(
        x=alt.X("doc_label:N", sort=doc_order, title=None,
                axis=alt.Axis(labelAngle=0, orient="top", labelOverlap=False)),
        y=alt.Y("topic_label:N", sort="ascending", title=None, axis=alt.Axis(labelLimit=320, labelOverlap=False)),
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
        title=_title("Clauses per topic and document"), height=alt.Step(24), width=alt.Step(120)
    )


def stance_bars(stances: pl.DataFrame, title: str) -> alt.Chart:
    """Lead verbs by verb class, coloured by stance; clause leads and secondary leads stacked."""
    data = (stances.group_by("verb_class", "stance", maintain_order=True).agg(pl.col("verbs").sum())
            .sort("verbs", descending=True, maintain_order=True))
    return (
        alt.Chart(data.to_pandas())
        .mark_bar()
        .encode(
            x=alt.X("verbs:Q", title="lead verbs", axis=alt.Axis(format="d", tickMinStep=1)),
            # Streamlit's theme thins a band axis to every other label; naming the values draws them all
            y=alt.Y("verb_class:N", sort="-x", title="verb class",
                    axis=_all_labels(data["verb_class"].unique(maintain_order=True).to_list(), labelLimit=200)),
            color=alt.Color("stance:N", scale=_scale(STANCE_COLOURS), title="stance"),
            tooltip=["verb_class:N", "stance:N", "verbs:Q"],
        )
        .properties(title=_title(title), height=alt.Step(24))
    )


def stance_totals(stances: pl.DataFrame) -> alt.Chart:
    """Share of positive, neutral and negative lead verbs per document (one bar per document)."""
    data = stances.group_by("doc_label", "stance", maintain_order=True).agg(pl.col("verbs").sum())
    return (
        alt.Chart(data.to_pandas())
        .mark_bar()
        .encode(
            x=alt.X("verbs:Q", stack="normalize", title="share of lead verbs", axis=alt.Axis(format="%")),
            y=alt.Y("doc_label:N", title=None, axis=alt.Axis(labelOverlap=False, labelLimit=200)),
            color=alt.Color("stance:N", scale=_scale(STANCE_COLOURS), sort=list(STANCE_COLOURS)),
            order=alt.Order("stance_order:Q"),
            tooltip=["doc_label:N", "stance:N", "verbs:Q"],
        )
        .transform_calculate(stance_order="indexof(['positive', 'neutral', 'negative'], datum.stance)")
        .properties(title=_title("Stance of lead verbs"), height=alt.Step(28))
    )


def strength_levels(commitments: pl.DataFrame) -> list[str]:
    """Every level of the lexicon's strength scale (pipelines.lexicon reads it from lead_lexicon.csv), weakest
    first, then any level found outside it and "unknown": the axis shows the whole scale, not only the
    levels present."""
    from pipelines.lexicon import load_lexicon

    scale = {e.strength for e in load_lexicon().entries.values()}
    found = {s for s in commitments["strength"].to_list() if s is not None}
    levels = [str(s) for s in range(min(scale | found), max(scale | found) + 1)]
    return levels + (["unknown"] if commitments["strength"].null_count() else [])


def strength_bars(commitments: pl.DataFrame, title: str, levels: list[str],
                  subtitle: str | None = None) -> alt.LayerChart:
    """Commitments (the rows given: filter first) by strength of their operative lead on the lexicon's whole
    scale, continuations and the others stacked (``wording``), each bar labelled with its count."""
    data = (
        commitments.with_columns(
            pl.col("strength").cast(pl.String).fill_null("unknown").alias("strength_label")
        )
        .group_by("strength_label", "wording", maintain_order=True)
        .agg(pl.len().alias("commitments"))
    )
    totals = data.group_by("strength_label", maintain_order=True).agg(pl.col("commitments").sum())
    top = int(totals["commitments"].max() or 0)
    scale = [lv for lv in levels if lv != "unknown"]
    x = alt.X("strength_label:O", scale=alt.Scale(domain=levels),
              title=f"strength of the call ({scale[0]} = weakest, {scale[-1]} = strongest)" if scale
              else "strength of the call",
              axis=alt.Axis(labelAngle=0, labelOverlap=False))
    y_scale = alt.Scale(domain=[0, max(top, 1) * 1.15], nice=False)
    bars = (
        alt.Chart(data.to_pandas())
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("commitments:Q", title="commitments", scale=y_scale,
                    axis=alt.Axis(format="d", tickMinStep=1)),
            color=alt.Color("wording:N", scale=_scale(WORDING_COLOURS), title="wording"),
            order=alt.Order("wording:N", sort="descending"),
            tooltip=[alt.Tooltip("strength_label:N", title="strength"),
                     alt.Tooltip("wording:N", title="wording"), "commitments:Q"],
        )
    )
    labels = (
        alt.Chart(totals.to_pandas())
        .mark_text(dy=-7, fontSize=12)
        .encode(x=x, y=alt.Y("commitments:Q", scale=y_scale), text=alt.Text("commitments:Q", format="d"))
    )
    return (bars + labels).properties(title=_title(title, subtitle), width=alt.Step(56), height=220)


def lineage_bars(lineage: pl.DataFrame, title: str) -> alt.Chart:
    """Clauses per lineage label (and change kind for modified ones)."""
    data = (
        lineage.with_columns(pl.col("change_kind").fill_null("").alias("change_kind"))
        .group_by("label", "change_kind", maintain_order=True)
        .agg(pl.len().alias("clauses"))
    )
    return (
        alt.Chart(data.to_pandas())
        .mark_bar()
        .encode(
            x=alt.X("clauses:Q", title="clauses", axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("label:N", sort=list(LABEL_COLOURS), title=None, axis=alt.Axis(labelOverlap=False)),
            color=alt.Color("label:N", scale=_scale(LABEL_COLOURS), legend=None),
            tooltip=["label:N", "change_kind:N", "clauses:Q"],
        )
        .properties(title=_title(title), height=alt.Step(24))
    )
