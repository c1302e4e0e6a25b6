"""Read-only queries on the published warehouse, shared by the dashboard, the report and the exports.

Every query opens its own read-only DuckDB connection and closes it before returning: a connection kept
open would pin the inode that ``os.replace`` swaps out at publish (the app would show the old file) and
a read-write one would block the pipeline. A caller that runs many queries in one short block (the
report: hundreds) shares one connection inside ``one_connection(db)``. SQL here is static text with
bound parameters; the only identifiers ever interpolated are table names read from
``information_schema`` (``mart_tables``).
"""

from __future__ import annotations

import contextvars
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from pipelines import settings
from pipelines.dashboard.present import figure
from pipelines.settings import PROJECT_ROOT  # noqa: F401 - the report modules and tests use queries.PROJECT_ROOT

DB_NAME = "warehouse.duckdb"
MART_PREFIXES = ("fct_", "dim_", "mart_")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def warehouse_dir(arg: str | os.PathLike | None = None) -> Path:
    """``arg``, else ``RESOLUTIONS_WAREHOUSE_DIR``, else ``warehouse/`` of the project (read at call time)."""
    return settings.warehouse_dir(arg)


def warehouse_file(arg: str | os.PathLike | None = None) -> Path:
    return warehouse_dir(arg) / DB_NAME


def file_stamp(db: Path) -> tuple[int, int, int] | None:
    """(inode, mtime_ns, size) of the published file, or None when there is none: a cache key that
    changes whenever a run publishes (``os.replace`` brings a new inode)."""
    try:
        st = os.stat(db)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


_SHARED: contextvars.ContextVar[dict[Path, duckdb.DuckDBPyConnection] | None] = contextvars.ContextVar(
    "_SHARED", default=None)


@contextmanager
def read_only(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    shared = (_SHARED.get() or {}).get(Path(db))
    # a cursor of the shared connection is a connection of its own to the database already open
    con = shared.cursor() if shared is not None else duckdb.connect(str(db), read_only=True)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def one_connection(db: Path) -> Iterator[None]:
    """Inside this block every query on ``db`` uses one read-only connection, closed when it ends
    (opening a large warehouse file costs more than most of the report's queries)."""
    con = duckdb.connect(str(db), read_only=True)
    token = _SHARED.set({**(_SHARED.get() or {}), Path(db): con})
    try:
        yield
    finally:
        _SHARED.reset(token)
        con.close()


def frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | dict | None = None) -> pl.DataFrame:
    """Run ``sql`` with bound ``params`` and return the result as a Polars frame (through Arrow)."""
    return pl.from_arrow(con.sql(sql, params=params or None).to_arrow_table())


def query(db: Path, sql: str, params: list | dict | None = None) -> pl.DataFrame:
    with read_only(db) as con:
        return frame(con, sql, params)


def quote_identifier(name: str) -> str:
    """A table name from information_schema as a quoted identifier; anything unexpected is refused."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"unexpected table name {name!r}")
    return '"' + name.replace('"', '""') + '"'


def mart_tables(db: Path) -> list[str]:
    """Tables of schema main named fct_*, dim_* or mart_*, sorted."""
    rows = query(
        db,
        "select table_name from information_schema.tables "
        "where table_schema = 'main' and table_type = 'BASE TABLE' order by table_name",
    )
    return [t for t in rows["table_name"].to_list() if t.startswith(MART_PREFIXES)]


def has_table(db: Path, table: str) -> bool:
    return table in mart_tables(db)


def published_version(db: Path) -> str | None:
    """Version recorded by the publish step (meta.publish_log), when the file has one."""
    with read_only(db) as con:
        present = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'meta' and table_name = 'publish_log'"
        ).fetchone()[0]
        if not present:
            return None
        row = con.execute(
            "select version from meta.publish_log order by published_at desc limit 1"
        ).fetchone()
    return row[0] if row else None


# --- documents ---------------------------------------------------------------------------------------

DOCUMENTS_SQL = """
select doc_id, doc_type, number, title, adopted_on, adopted_by, place, session, source_file,
       n_clauses, n_preambular, n_operative, n_sub_operative, n_commitments, n_targets, n_issues,
       quality_status, n_findings,
       coalesce(upper(doc_type[1]) || doc_type[2:] || ' ' || number, doc_id) as doc_label
from main.dim_documents
order by adopted_on nulls first, number nulls last, doc_id
"""


def documents(db: Path) -> pl.DataFrame:
    """Documents oldest first (adoption date, then number), with a short label ("Declaration 496")."""
    return query(db, DOCUMENTS_SQL)


def document_figures(db: Path, doc_id: str) -> dict:
    """The figures the dashboard shows for one document, counted on the fact tables themselves."""
    with read_only(db) as con:
        row = con.execute(
            """
            select
                (select count(*) from main.fct_clauses where doc_id = $doc) as clauses,
                (select count(*) from main.fct_commitments where doc_id = $doc) as commitments,
                (select count(*) from main.fct_targets where doc_id = $doc) as targets,
                (select count(distinct topic_key) from main.fct_topics where doc_id = $doc) as topics
            """,
            {"doc": doc_id},
        ).fetchone()
    return dict(zip(("clauses", "commitments", "targets", "topics"), row, strict=True))


# --- document quality --------------------------------------------------------------------------------

def quality_overview(db: Path) -> dict[str, pl.DataFrame]:
    """Every file accounted for: documents by quality status, quarantined files by reason, findings by
    check and severity."""
    with read_only(db) as con:
        return {
            "statuses": frame(con, "select quality_status, count(*) as documents from main.dim_documents "
                                   "group by 1 order by 1"),
            "quarantine": frame(con, "select reason, count(*) as files from main.dim_quarantine group by 1 order by 1"),
            "findings": frame(con, "select check_name, severity, count(*) as findings, count(distinct doc_id) as "
                                   "documents from main.fct_document_findings group by 1, 2 order by 2 desc, 3 desc"),
        }


def document_findings(db: Path, doc_id: str) -> pl.DataFrame:
    return query(db, "select check_name, severity, clause_ref, message from main.fct_document_findings "
                     "where doc_id = $doc order by finding_ordinal", {"doc": doc_id})


# --- charts' data ------------------------------------------------------------------------------------

TOPIC_MATRIX_SQL = """
with docs as (
    select doc_id, n_clauses,
           coalesce(upper(doc_type[1]) || doc_type[2:] || ' ' || number, doc_id) as doc_label,
           row_number() over (order by adopted_on nulls first, number nulls last, doc_id) as doc_order
    from main.dim_documents
),
counts as (
    select doc_id, topic_key, count(distinct clause_id) as clauses
    from main.fct_topics
    group by doc_id, topic_key
),
topics as (
    select topic_key, any_value(topic_label) as topic_label from main.fct_topics group by topic_key
)
-- every topic any document mentions, against every document (0 where a document does not)
select d.doc_id, d.doc_label, d.doc_order, t.topic_key, t.topic_label, coalesce(c.clauses, 0) as clauses,
       round(coalesce(c.clauses, 0) / nullif(d.n_clauses, 0), 4) as share_of_clauses
from docs d
cross join topics t
left join counts c on c.doc_id = d.doc_id and c.topic_key = t.topic_key
order by t.topic_label, d.doc_order
"""


def topic_matrix(db: Path) -> pl.DataFrame:
    """Topic x document: clauses that mention the topic and their share of the document's clauses
    (a row for every pair, 0 where the document does not mention the topic)."""
    return query(db, TOPIC_MATRIX_SQL)


STANCES_SQL = """
select v.doc_id, coalesce(upper(d.doc_type[1]) || d.doc_type[2:] || ' ' || d.number, v.doc_id) as doc_label,
       v.verb_role, v.verb_class, v.stance, count(*) as verbs
from main.fct_verbs v
join main.dim_documents d using (doc_id)
where v.verb_role in ('lead', 'secondary_lead') and ($doc is null or v.doc_id = $doc)
group by all
order by v.doc_id, v.verb_role, verbs desc, v.verb_class
"""


def stance_distribution(db: Path, doc_id: str | None = None) -> pl.DataFrame:
    """Lead verbs (clause leads and secondary leads) by class and stance, for one document or all."""
    with read_only(db) as con:
        return frame(con, STANCES_SQL, {"doc": doc_id})


def verbs(db: Path, doc_id: str) -> pl.DataFrame:
    """Every lead verb of a document with its clause, for opening a stance to its clauses."""
    with read_only(db) as con:
        return frame(
            con,
            """
            select v.clause_ref, v.verb_role, v.verb_text, v.lemma, v.verb_class, v.stance, v.intensifier,
                   c.clause_id, c.ordinal
            from main.fct_verbs v
            join main.fct_clauses c using (doc_id, clause_ref)
            where v.doc_id = $doc and v.verb_role in ('lead', 'secondary_lead')
            order by c.ordinal, v.verb_role
            """,
            {"doc": doc_id},
        )


# --- facts -------------------------------------------------------------------------------------------

COMMITMENTS_SQL = """
with topics as (
    select clause_id, list(distinct topic_label order by topic_label) as topics
    from main.fct_topics
    where doc_id = $doc
    group by clause_id
)
select m.commitment_id, m.clause_ref, m.clause_id, m.addressee, m.operative_phrase, m.operative_lemma,
       m.strength, m.action_lemma, m.is_continuation,
       -- docs/glossary.md: a continuation is read from the wording, never from earlier documents
       case when m.is_continuation then 'continuation' else 'not a continuation' end as wording,
       coalesce(t.topics, []) as topics,
       m.deadline_kind, m.deadline_text, m.deadline_date, m.pledge_id, m.commitment_text,
       c.ordinal
from main.fct_commitments m
join main.fct_clauses c using (clause_id)
left join topics t using (clause_id)
where m.doc_id = $doc
order by c.ordinal
"""


def commitments(db: Path, doc_id: str) -> pl.DataFrame:
    """Commitments of a document in document order, with the topics of their clause."""
    with read_only(db) as con:
        return frame(con, COMMITMENTS_SQL, {"doc": doc_id})


def filter_commitments(
    frame: pl.DataFrame,
    *,
    topics: list[str] | None = None,
    strengths: list[int | None] | None = None,
    wording: str | None = None,
    addressees: list[str] | None = None,
) -> pl.DataFrame:
    """Rows matching every filter given (an empty or None filter keeps everything). A row matches a
    topic filter when its clause has any of the topics; ``None`` in ``strengths`` stands for "unknown"."""
    out = frame
    if topics:
        out = out.filter(pl.col("topics").list.eval(pl.element().is_in(topics)).list.any())
    if strengths:
        known = [s for s in strengths if s is not None]
        cond = pl.col("strength").is_in(known)
        if None in strengths:
            cond = cond | pl.col("strength").is_null()
        out = out.filter(cond)
    if wording:
        out = out.filter(pl.col("wording") == wording)
    if addressees:
        out = out.filter(pl.col("addressee").is_in(addressees))
    return out


# t.*: the figure column reads value_high where the mart has it (ranges), and the dashboard keeps working on a
# warehouse built before it
TARGETS_SQL = """
select t.*, p.name as pledge_name, c.ordinal
from main.fct_targets t
join main.fct_clauses c using (clause_id)
left join main.dim_pledges p using (pledge_id)
where t.doc_id = $doc
order by c.ordinal, t.char_start
"""


def targets(db: Path, doc_id: str) -> pl.DataFrame:
    """Targets of a document in document order; ``figure`` is the value as a person writes it
    ("USD 700 billion", "2% of GDP", "2024"), never a raw float a narrow column would clip."""
    with read_only(db) as con:
        out = frame(con, TARGETS_SQL, {"doc": doc_id})
    high = out["value_high"] if "value_high" in out.columns else [None] * out.height
    return out.with_columns(pl.Series("figure", [
        figure(k, v, u, h) for k, v, u, h in zip(out["target_kind"], out["value"], out["unit"], high, strict=True)
    ], dtype=pl.String))


def topic_clauses(db: Path, doc_id: str, topic_key: str) -> pl.DataFrame:
    with read_only(db) as con:
        return frame(
            con,
            """
            select t.clause_ref, t.clause_id, t.matched_phrase, t.match_start, c.ordinal
            from main.fct_topics t join main.fct_clauses c using (clause_id)
            where t.doc_id = $doc and t.topic_key = $topic
            order by c.ordinal
            """,
            {"doc": doc_id, "topic": topic_key},
        )


def clause(db: Path, clause_id: str) -> dict | None:
    """One clause with its text and lead, for opening a fact."""
    with read_only(db) as con:
        cur = con.execute(
            """
            select doc_id, clause_ref, kind, parent_ref, lead_phrase, lemma, intensifier, addressee,
                   lead_verb, text, char_start, char_end, is_truncated
            from main.fct_clauses where clause_id = $id
            """,
            {"id": clause_id},
        )
        row = cur.fetchone()
        names = [d[0] for d in cur.description]
    return dict(zip(names, row, strict=True)) if row else None


# --- lineage (fct_clause_lineage, when the across-documents marts are built) ---------------------------

# Each document beside the one before it: those pairs have a row for every clause (closest_earlier rows,
# for a few clauses each, stay in the mart for SQL), so "dropped" is exact.
LINEAGE_PAIRS_SQL = """
select l.doc_id, l.matched_doc_id, count(*) as clauses
from main.fct_clause_lineage l
where l.documents_apart = 1
group by all
"""


def lineage_pairs(db: Path) -> pl.DataFrame:
    """(document, the document before it) pairs that have lineage rows; empty without the mart."""
    if not has_table(db, "fct_clause_lineage"):
        return pl.DataFrame(schema={"doc_id": pl.String, "matched_doc_id": pl.String, "clauses": pl.Int64})
    return query(db, LINEAGE_PAIRS_SQL)


LINEAGE_SQL = """
with cur as (
    select l.clause_ref, c.ordinal, c.kind, c.text, l.label, l.change_kind, l.similarity,
           l.matched_clause_ref
    from main.fct_clause_lineage l
    join main.fct_clauses c on c.doc_id = l.doc_id and c.clause_ref = l.clause_ref
    where l.doc_id = $doc and l.matched_doc_id = $old
),
paired as (
    select cur.*, o.text as matched_text, o.ordinal as matched_ordinal
    from cur
    left join main.fct_clauses o on o.doc_id = $old and o.clause_ref = cur.matched_clause_ref
),
dropped as (
    -- clauses of the earlier document that no clause of the later one took
    select null::varchar as clause_ref, null::integer as ordinal, o.kind, null::varchar as text,
           'dropped' as label, null::varchar as change_kind, null::double as similarity,
           o.clause_ref as matched_clause_ref, o.text as matched_text, o.ordinal as matched_ordinal
    from main.fct_clauses o
    where o.doc_id = $old
      and o.clause_ref not in (select matched_clause_ref from cur where matched_clause_ref is not null)
)
select * from paired
union all by name
select * from dropped
order by coalesce(ordinal, 100000), matched_ordinal
"""


def lineage(db: Path, doc_id: str, matched_doc_id: str) -> pl.DataFrame:
    """Clauses of ``doc_id`` beside their counterpart in ``matched_doc_id`` with label and change kind,
    then the earlier document's clauses nobody took (label ``dropped``)."""
    with read_only(db) as con:
        return frame(con, LINEAGE_SQL, {"doc": doc_id, "old": matched_doc_id})
