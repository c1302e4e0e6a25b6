"""Streamlit dashboard over the published warehouse (``make dashboard``), read-only.

Every query goes through ``queries`` (a fresh read-only connection each time); results are cached under
the published file's (inode, mtime, size), so a run that publishes a new file shows on the next rerun
and no connection outlives a query.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import streamlit as st

from pipelines.dashboard import charts, present, queries


@st.cache_data(max_entries=256, show_spinner=False)
def _cached(name: str, db: str, stamp: tuple, *args):
    # stamp is only part of the cache key: a newly published file is a new key
    return getattr(queries, name)(Path(db), *args)


class Warehouse:
    """The published file as seen by this rerun."""

    def __init__(self, db: Path, stamp: tuple):
        self.db, self.stamp = db, stamp

    def get(self, name: str, *args):
        return _cached(name, str(self.db), self.stamp, *args)


def _missing(what: str, exc: Exception | None = None) -> None:
    detail = f" ({exc.__class__.__name__})" if exc else ""
    st.info(f"{what} is not in this warehouse yet{detail}.")


def clause_card(wh: Warehouse, clause_id: str, phrase: str | None = None, span: tuple | None = None) -> None:
    """The clause a fact comes from: reference, lead, and its whole text with the fact's words in bold."""
    c = wh.get("clause", clause_id)
    if c is None:
        st.warning("That clause is not in the warehouse.")
        return
    lead = c["lead_phrase"] or c["lead_verb"] or ""
    head = f"{c['doc_id']} · clause {c['clause_ref']} · {c['kind']}"
    if lead:
        head += f" · lead: {lead}"
    with st.container(border=True, key=f"clause-{clause_id}"):
        st.caption(present.escape_markdown(head))
        if span is not None:
            body = present.highlight(c["text"], *span)
        else:
            body = present.highlight_phrase(c["text"], phrase)
        st.markdown(body)
        if c["addressee"]:
            st.caption("addressed to: " + present.escape_markdown(c["addressee"]))


def pick_fact(label: str, frame: pl.DataFrame, key: str, describe) -> dict | None:
    """A picker over the rows of ``frame``; returns the chosen row."""
    if frame.is_empty():
        return None
    rows = frame.to_dicts()
    idx = st.selectbox(
        label, range(len(rows)), format_func=lambda i: describe(rows[i]), index=None, key=key,
        placeholder="choose one to read its clause",
    )
    return rows[idx] if idx is not None else None


def header(wh: Warehouse, docs: pl.DataFrame, doc_id: str) -> None:
    doc = docs.filter(pl.col("doc_id") == doc_id).row(0, named=True)
    st.subheader(f"{doc['doc_label']}: {doc['title'] or doc['doc_id']}")
    facts = [f for f in (doc["adopted_by"], doc["place"], doc["session"]) if f]
    when = f"adopted {doc['adopted_on']}" if doc["adopted_on"] else "adoption date not stated"
    quality = f"quality: {doc['quality_status']} ({doc['n_findings']} findings)"
    st.caption(present.escape_markdown(" · ".join([when, *facts, doc["source_file"], quality])))
    figures = wh.get("document_figures", doc_id)
    cols = st.columns(4)
    cols[0].metric("Clauses", figures["clauses"])
    cols[1].metric("Commitments", figures["commitments"])
    cols[2].metric("Targets", figures["targets"])
    cols[3].metric("Topics", figures["topics"])


def topics_tab(wh: Warehouse, doc_id: str) -> None:
    matrix = wh.get("topic_matrix")
    if matrix.is_empty():
        st.info("No topic matched any clause.")
        return
    st.altair_chart(charts.topic_heatmap(matrix), key="topic-heatmap")
    mine = matrix.filter(pl.col("doc_id") == doc_id).sort("clauses", descending=True)
    topic = st.selectbox(
        "Open a topic of this document", mine["topic_key"].to_list(), index=None, key="topic",
        format_func=lambda k: f"{mine.filter(pl.col('topic_key') == k)['topic_label'][0]} "
        f"({mine.filter(pl.col('topic_key') == k)['clauses'][0]} clauses)",
    )
    if topic:
        for row in wh.get("topic_clauses", doc_id, topic).to_dicts():
            start = row["match_start"]
            with st.expander(present.fact_option(row["clause_ref"], row["matched_phrase"])):
                clause_card(wh, row["clause_id"], span=(start, start + len(row["matched_phrase"])))


def stances_tab(wh: Warehouse, doc_id: str, doc_label: str) -> None:
    stances = wh.get("stance_distribution", doc_id)
    if stances.is_empty():
        st.info("This document has no lead verbs.")
        return
    left, right = st.columns(2)
    left.altair_chart(charts.stance_bars(stances, f"Lead verbs of {doc_label}"), key="stance-bars")
    right.altair_chart(charts.stance_totals(wh.get("stance_distribution", None)), key="stance-totals")
    leads = wh.get("verbs", doc_id)
    stance = st.segmented_control("Stance", ["positive", "neutral", "negative"], key="stance")
    shown = leads.filter(pl.col("stance") == stance) if stance else leads
    st.dataframe(
        shown.select("clause_ref", "verb_role", "verb_text", "lemma", "verb_class", "stance", "intensifier"),
        hide_index=True, key="verbs-table",
    )
    row = pick_fact(
        "Open a lead verb", shown, "verb-pick",
        lambda r: present.fact_option(r["clause_ref"], r["verb_text"], r["stance"]),
    )
    if row:
        clause_card(wh, row["clause_id"], phrase=row["verb_text"])


def commitments_tab(wh: Warehouse, doc_id: str, doc_label: str) -> None:
    table = wh.get("commitments", doc_id)
    if table.is_empty():
        st.info("This document has no commitments.")
        return
    topics = sorted({t for ts in table["topics"].to_list() for t in ts})
    strengths = sorted({s for s in table["strength"].to_list() if s is not None})
    if table["strength"].null_count():
        strengths.append(None)
    addressees = sorted({a for a in table["addressee"].to_list() if a})
    c1, c2, c3 = st.columns([2, 1, 1])
    f_topics = c1.multiselect("Topic", topics, key="f-topic")
    f_strength = c2.multiselect(
        "Strength", strengths, key="f-strength", format_func=lambda s: "unknown" if s is None else str(s)
    )
    f_status = c3.segmented_control("Wording", list(charts.WORDING_COLOURS), key="f-status",
                                    help="continuation: the text says the action continues or repeats an "
                                         "earlier call (is_continuation; docs/glossary.md)")
    f_addressee = st.multiselect("Addressee", addressees, key="f-addressee")
    shown = queries.filter_commitments(
        table, topics=f_topics, strengths=f_strength, wording=f_status, addressees=f_addressee
    )
    st.caption(f"{shown.height} of {table.height} commitments")
    # the chart draws the filtered rows on the whole strength scale, so a filter changes bars, not the axis
    subtitle = f"{shown.height} of {table.height} commitments (filtered)" if shown.height != table.height else None
    st.altair_chart(charts.strength_bars(shown, f"Commitments of {doc_label} by strength",
                                         charts.strength_levels(table), subtitle),
                    key="strength-bars", width="content")
    st.dataframe(
        shown.with_columns(pl.col("topics").list.join(", ")).select(
            "clause_ref", "addressee", "operative_phrase", "strength", "action_lemma", "is_continuation",
            "topics", "deadline_text", "deadline_date", "pledge_id", "commitment_text",
        ),
        hide_index=True, key="commitments-table",
        column_config={"commitment_text": st.column_config.TextColumn("text", width="large")},
    )
    row = pick_fact(
        "Open a commitment", shown, "commitment-pick",
        lambda r: present.fact_option(r["clause_ref"], r["commitment_text"], r["action_lemma"]),
    )
    if row:
        clause_card(wh, row["clause_id"])


def targets_tab(wh: Warehouse, doc_id: str) -> None:
    table = wh.get("targets", doc_id)
    st.caption(f"{table.height} targets and figures")
    if table.is_empty():
        return
    st.dataframe(
        table.select(
            "clause_ref", "span_text", "target_kind", "comparator", "figure", "is_normative",
            "deadline_text", "pledge_name",
        ),
        hide_index=True, key="targets-table",
        column_config={"span_text": st.column_config.TextColumn("as written"),
                       "figure": st.column_config.TextColumn("figure", width="medium")},
    )
    row = pick_fact(
        "Open a target", table, "target-pick",
        lambda r: present.fact_option(r["clause_ref"], r["span_text"], r["target_kind"]),
    )
    if row:
        clause_card(wh, row["clause_id"], phrase=row["span_text"])


def lineage_tab(wh: Warehouse, docs: pl.DataFrame, doc_id: str) -> None:
    pairs = wh.get("lineage_pairs")
    if pairs.is_empty():
        _missing("Clause lineage (mart fct_clause_lineage of the across-documents marts)")
        return
    label = dict(zip(docs["doc_id"].to_list(), docs["doc_label"].to_list(), strict=True))
    later = sorted(set(pairs["doc_id"].to_list()), key=lambda d: docs["doc_id"].to_list().index(d)
                   if d in label else 0)
    c1, c2 = st.columns(2)
    cur = c1.selectbox("Document", later, index=later.index(doc_id) if doc_id in later else len(later) - 1,
                       format_func=lambda d: label.get(d, d), key="lineage-doc")
    earlier = pairs.filter(pl.col("doc_id") == cur)["matched_doc_id"].to_list()
    earlier = sorted(earlier, key=lambda d: docs["doc_id"].to_list().index(d) if d in label else 0)
    old = c2.selectbox("Compared with", earlier, index=len(earlier) - 1,
                       format_func=lambda d: label.get(d, d), key="lineage-old")
    table = wh.get("lineage", cur, old)
    counts = table.group_by("label").len()
    cols = st.columns(4)
    for col, name in zip(cols, ["verbatim", "modified", "new", "dropped"], strict=True):
        n = counts.filter(pl.col("label") == name)["len"].sum()
        col.metric(name.capitalize(), int(n))
    kinds = st.multiselect("Label", ["verbatim", "modified", "new", "dropped"], key="lineage-labels")
    shown = table.filter(pl.col("label").is_in(kinds)) if kinds else table
    cur_label, old_label = label.get(cur, cur), label.get(old, old)
    st.dataframe(
        shown.select("clause_ref", "text", "label", "change_kind", "similarity", "matched_clause_ref",
                     "matched_text"),
        hide_index=True, key="lineage-table",
        column_config={
            "clause_ref": st.column_config.TextColumn(f"{cur_label} clause"),
            "text": st.column_config.TextColumn(f"{cur_label} text", width="large"),
            "matched_clause_ref": st.column_config.TextColumn(f"{old_label} clause"),
            "matched_text": st.column_config.TextColumn(f"{old_label} text", width="large"),
        },
    )
    row = pick_fact(
        "Open a pair side by side", shown, "lineage-pick",
        lambda r: " · ".join(
            x for x in (r["clause_ref"] or "—", r["label"], r["change_kind"],
                        f"{old_label} {r['matched_clause_ref']}" if r["matched_clause_ref"] else None) if x
        ),
    )
    if row:
        st.caption(present.escape_markdown(
            f"{row['label']}" + (f" · {row['change_kind']}" if row["change_kind"] else "")
            + (f" · similarity {row['similarity']}" if row["similarity"] is not None else "")
        ))
        left, right = st.columns(2)
        with left:
            st.markdown(f"**{present.escape_markdown(cur_label)} {row['clause_ref'] or ''}**")
            st.markdown(present.escape_markdown(row["text"] or "(no counterpart)"))
        with right:
            st.markdown(f"**{present.escape_markdown(old_label)} {row['matched_clause_ref'] or ''}**")
            st.markdown(present.escape_markdown(row["matched_text"] or "(no counterpart)"))


def quality_tab(wh: Warehouse, doc_id: str) -> None:
    """Every file of the corpus accounted for, and what was found about this document."""
    overview = wh.get("quality_overview")
    cols = st.columns(2)
    with cols[0]:
        st.caption("Published documents by quality status")
        st.dataframe(overview["statuses"], hide_index=True, key="quality-statuses")
    with cols[1]:
        st.caption("Quarantined files by reason")
        st.dataframe(overview["quarantine"], hide_index=True, key="quality-quarantine")
    st.caption("Findings across the corpus, gravest first")
    st.dataframe(overview["findings"], hide_index=True, key="quality-findings")
    found = wh.get("document_findings", doc_id)
    st.caption(f"Findings about this document: {found.height}")
    if not found.is_empty():
        st.dataframe(found, hide_index=True, key="quality-document")


def main() -> None:
    st.set_page_config(page_title="Resolution warehouse", layout="wide")
    db = queries.warehouse_file()
    stamp = queries.file_stamp(db)
    st.title("Resolution warehouse")
    if stamp is None:
        st.error(f"No published warehouse at {db}. Build one with `make run`.")
        st.stop()
    wh = Warehouse(db, stamp)
    try:
        docs = wh.get("documents")
    except duckdb.CatalogException as exc:
        st.error(f"{db} has no dbt marts yet ({exc.__class__.__name__}). Run `make run`.")
        st.stop()
    if docs.is_empty():
        st.warning("The warehouse holds no document.")
        st.stop()
    version = wh.get("published_version")
    st.caption(present.escape_markdown(
        f"{db} · version {version or 'unknown'} · {docs.height} documents · read-only"
    ))
    ids = docs["doc_id"].to_list()
    labels = dict(zip(ids, docs["doc_label"].to_list(), strict=True))
    # ?doc=<doc_id> opens a document (links stay readable: the id, not the label)
    wanted = st.query_params.get("doc")
    doc_id = st.sidebar.selectbox(
        "Document", ids, index=ids.index(wanted) if wanted in ids else len(ids) - 1,
        format_func=lambda d: labels[d], key="doc",
    )
    st.query_params["doc"] = doc_id
    st.sidebar.caption("Newest document last. The page reads the published file; a new run shows on "
                       "the next interaction.")
    header(wh, docs, doc_id)
    tabs = st.tabs(["Topics", "Stances", "Commitments", "Targets", "Lineage", "Quality"])
    sections = [
        ("Topics", lambda: topics_tab(wh, doc_id)),
        ("Stances", lambda: stances_tab(wh, doc_id, labels[doc_id])),
        ("Commitments", lambda: commitments_tab(wh, doc_id, labels[doc_id])),
        ("Targets", lambda: targets_tab(wh, doc_id)),
        ("Lineage", lambda: lineage_tab(wh, docs, doc_id)),
        ("Quality", lambda: quality_tab(wh, doc_id)),
    ]
    for tab, (name, render) in zip(tabs, sections, strict=True):
        with tab:
            try:
                render()
            except duckdb.CatalogException as exc:
                # a mart this section needs is missing (an older or partial warehouse): say so, keep the rest
                _missing(f"A table the {name} view needs", exc)


main()
