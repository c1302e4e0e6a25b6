"""Incremental ingest of the raw folder into a staging warehouse file.

Why content hashes and not Dagster dynamic partitions: a document is identified by what is in the file,
and one file may hold several documents, so a partition per doc_id is only known after parsing. Comparing
each file's sha256 with ``raw.raw_documents`` in the staging copy of the published warehouse makes a
run parse only new and changed files, delete the rows of removed ones, and keeps a full rebuild a single
run with a single set of checks and a single publish (no backfill of N partition runs to coordinate with
write-audit-publish). A change of the parser or facts code changes the ``code_fingerprint`` and forces a
full re-parse, so stale parses never survive an upgrade.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl

from pipelines import findings, frames, pools
from pipelines.warehouse import faults, memory, rawload, scope, unchanged
from pipelines.warehouse.paths import PROJECT_ROOT
from pipelines.warehouse.quarantine import Quarantined
from pipelines.warehouse.sources import max_file_bytes, read_file

Progress = Callable[[str], None]


@dataclass
class IngestReport:
    files_seen: int = 0
    parsed_files: list[str] = field(default_factory=list)
    unchanged_files: int = 0
    removed_files: list[str] = field(default_factory=list)
    deleted_doc_ids: list[str] = field(default_factory=list)
    loaded_doc_ids: list[str] = field(default_factory=list)
    quarantined: list[dict] = field(default_factory=list)
    full_rebuild: bool = False
    facts_available: bool = False
    inserted: dict[str, int] = field(default_factory=dict)
    row_counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def code_fingerprint() -> str:
    """Hash of everything that shapes the raw rows: parser, facts, frame contract, lexicon seeds."""
    h = hashlib.sha256()
    pkg = PROJECT_ROOT / "pipelines"
    paths = sorted(
        [*pkg.glob("parsing/**/*.py"), *pkg.glob("facts/**/*.py"), *pkg.glob("findings/**/*.py"),
         pkg / "frames.py", pkg / "lexicon.py",
         *(PROJECT_ROOT / "dbt_project" / "seeds").glob("lead_*.csv"),
         PROJECT_ROOT / "dbt_project" / "seeds" / "entity_gazetteer.csv",
         PROJECT_ROOT / "dbt_project" / "seeds" / "topic_taxonomy.csv",
         PROJECT_ROOT / "dbt_project" / "seeds" / "pledges.csv", Path(__file__).with_name("rawload.py")]
    )
    for p in paths:
        if p.is_file():
            h.update(str(p.relative_to(PROJECT_ROOT)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def _default_parser():
    from pipelines.parsing import UnreadableDocument, parse_bytes

    return parse_bytes, UnreadableDocument


def _default_facts():
    from pipelines.facts import extract_clause_facts  # imported late: the facts package is heavy to load

    return extract_clause_facts


def facts_of(docs, extract) -> list[tuple[str, dict | None, str | None]]:
    """``(doc_id, facts frames, error)`` per document; an extractor failure becomes a parse issue, not a
    lost document. Runs where the document was parsed (a worker process when many files changed)."""
    out = []
    for doc in docs:
        try:
            out.append((doc.document.doc_id, extract(doc) or {}, None))
        except Exception as exc:  # noqa: BLE001 - one document's facts must not take the run down
            out.append((doc.document.doc_id, None, f"facts extractor failed: {exc!r}"))
    return out


def _facts_tables(per_doc) -> tuple[dict[str, pl.DataFrame], list[dict]]:
    """Facts frames of every document, and the documents whose extraction failed."""
    parts: dict[str, list[pl.DataFrame]] = {t: [] for t in rawload.FACT_TABLES}
    problems = []
    for doc_id, out, error in per_doc:
        if error is not None:
            problems.append({"doc_id": doc_id, "message": error})
            continue
        for table in rawload.FACT_TABLES:
            frame = out.get(table)
            if frame is not None and frame.height:
                parts[table].append(frame)
    # one concatenation and one cast to the contract per table, not one per document (10,000 documents
    # gave 30,000 small casts)
    tables = {
        t: rawload.conform(pl.concat(v, how="diagonal_relaxed"), rawload.DOC_TABLES[t]) if v else None
        for t, v in parts.items()
    }
    return tables, problems


class _LoadBatch:
    """Parsed documents waiting to be loaded: the run process holds a batch, never the corpus."""

    def __init__(self, with_facts: bool):
        self.with_facts = with_facts
        self._clear()

    def _clear(self) -> None:
        self.docs: list = []
        self.facts: list = []
        self.findings: dict[str, list] = {}

    @property
    def documents(self) -> int:
        return len(self.docs)

    def add(self, docs, facts_per_doc, findings_per_doc: dict[str, list]) -> None:
        self.docs.extend(docs)
        self.facts.extend(facts_per_doc)
        self.findings.update(findings_per_doc)

    def load(self, con) -> dict[str, int]:
        """Insert the batch's rows (rows per table) and start an empty batch."""
        tables = {
            "raw_documents": frames.documents_frame(self.docs, self.findings),
            "raw_clauses": frames.clauses_frame(self.docs),
            "raw_parse_issues": frames.issues_frame(self.docs),
            "raw_document_findings": frames.findings_frame(self.findings),
            "raw_document_metadata": frames.document_metadata_frame(self.docs),
        }
        if self.with_facts:
            facts_tables, problems = _facts_tables(self.facts)
            tables.update(facts_tables)
            tables["raw_parse_issues"] = _with_problems(tables["raw_parse_issues"], problems)
        self._clear()
        return rawload.insert_documents(con, tables)


def _with_problems(issues: pl.DataFrame, problems: list[dict]) -> pl.DataFrame:
    if not problems:
        return issues
    rows = []
    for p in problems:
        existing = issues.filter(pl.col("doc_id") == p["doc_id"]).height
        rows.append({"doc_id": p["doc_id"], "issue_ordinal": existing + 1, "issue_kind": "facts_error",
                     "severity": "error", "message": p["message"], "clause_ref": None,
                     "char_start": None, "char_end": None})
    return pl.concat([issues, pl.DataFrame(rows, schema=frames.RAW_PARSE_ISSUES_SCHEMA)])


PARALLEL_FROM = 12  # changed files; below this, worker start-up costs more than it saves
# documents converted to frames and appended to the staging file at a time: the run process's memory
# grows with the batch, not with the corpus
LOAD_BATCH = 200


def review_documents(docs, today: date) -> dict[str, list]:
    """The findings of each document (``pipelines.findings``). Implausible metadata (an adoption date
    outside the plausible range, ...) is withheld here, before the facts anchor deadlines to it; its
    finding keeps what was read."""
    reviewed = {}
    for doc in docs:
        found = findings.review(doc, today)
        findings.withhold(doc, [field for field, _ in findings.implausible_metadata(doc, today)])
        reviewed[doc.document.doc_id] = found
    return reviewed


def _parse_one(name: str, path: Path, max_bytes: int, parser=None, extract=None, today: date | None = None):
    """``(sha256, size, docs | Quarantined, facts per document, findings per document)`` for one file;
    never raises."""
    parse_bytes, unreadable = parser or _default_parser()
    try:  # re-read, through the same checked open: the sha is of the bytes actually parsed
        data, sha, size = read_file(path, max_bytes)
    except OSError as exc:
        return None, 0, Quarantined(name, None, "unreadable", f"cannot read the file: {exc.strerror}"), [], {}
    if data is None:  # it grew past the limit since it was listed
        return sha, size, Quarantined(name, sha, "too_large", f"{size / 1048576:.1f} MB is over the limit",
                                      size_bytes=size), [], {}
    try:
        docs = parse_bytes(data, name, max_bytes=max_bytes)
        reviewed = review_documents(docs, today or date.today())
    except unreadable as exc:
        return sha, len(data), Quarantined(name, sha, exc.reason, exc.message, exc.hint or "", len(data)), [], {}
    except Exception as exc:  # noqa: BLE001 - a parser bug on one file must not stop the others
        return sha, len(data), Quarantined(name, sha, "parser_error", f"{type(exc).__name__}: {exc}",
                                           size_bytes=len(data)), [], {}
    return sha, len(data), docs, (facts_of(docs, extract) if extract is not None else []), reviewed


def _parse_in_worker(job: tuple[str, Path, int], extract_facts: bool, today: date | None):
    """``_parse_one`` in a pool process, with the default facts extractor when asked."""
    name, path, max_bytes = job
    faults.worker_crash_point(name)
    return _parse_one(name, path, max_bytes, None, _default_facts() if extract_facts else None, today)


def _worker_crashed(name: str, exc: BaseException) -> tuple:
    """The outcome of a file whose worker process died while parsing it (a crash in a native library,
    the out-of-memory killer): quarantined with the cause, never parsed again in the run process,
    where the same crash would take the run down."""
    return None, 0, Quarantined(name, None, "worker_crashed", f"the parsing process died: {exc}"), [], {}


def parse_files(changed, max_bytes: int, parser, progress: Progress, extract=None, today: date | None = None):
    """Yield ``(name, sha, size, docs | Quarantined, facts per document)`` in ``changed`` order, each as
    soon as it and the files before it are parsed. Many files are parsed by a pool of processes (the
    standard library's ``ProcessPoolExecutor``, spawned: no fork of a process that runs threads; the
    parser and the fact extractors are pure Python and CPU-bound); an injected parser or extractor runs
    inline.

    A worker that dies takes the files it held with it: those files are tried again one by one in a
    fresh process, and a file that kills its process again is quarantined as ``worker_crashed``."""
    workers = min(os.cpu_count() or 1, 4)
    default_extract = extract is not None and extract is _default_facts()
    if parser is not None or workers < 2 or len(changed) < PARALLEL_FROM or (extract and not default_extract):
        for name, path, _ in changed:
            progress(f"parsing {name}")
            yield name, *_parse_one(name, path, max_bytes, parser, extract, today)
        return
    progress(f"parsing {len(changed)} files in {workers} processes")
    jobs = [(name, path, max_bytes) for name, path, _ in changed]
    broken = False
    with pools.spawned_pool(workers) as pool:
        with pools.without_the_parents_main():  # every worker starts within these submissions
            futures = [pool.submit(_parse_in_worker, job, default_extract, today) for job in jobs]
        try:
            for i, job in enumerate(jobs):
                future, futures[i] = futures[i], None  # the caller holds the result from here on
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    if not broken:
                        broken = True
                        pools.kill_workers(pool)
                        progress("a parsing process died: the files it had not finished are tried again one by one")
                    outcome = _parse_alone(job, default_extract, today, progress)
                yield job[0], *outcome
        finally:
            # a caller that stops early (its load failed) waits for the files being parsed, not the rest
            pool.shutdown(wait=True, cancel_futures=True)


def _parse_alone(job: tuple[str, Path, int], extract_facts: bool, today: date | None, progress: Progress):
    """``_parse_in_worker`` alone in a process of its own, so that a crash names its file."""
    with pools.spawned_pool(1) as pool:
        try:
            with pools.without_the_parents_main():
                future = pool.submit(_parse_in_worker, job, extract_facts, today)
            return future.result()
        except BrokenProcessPool as exc:
            progress(f"the parsing process died on {job[0]}: quarantined")
            return _worker_crashed(job[0], exc)


def ingest(
    db_path: Path,
    raw_dir: Path,
    *,
    now: datetime | None = None,
    max_bytes: int | None = None,
    parser=None,
    facts: Callable | None | bool = True,
    progress: Progress = lambda _: None,
    hashes: Path | None = None,
) -> IngestReport:
    """Bring the ``raw`` schema of ``db_path`` in line with ``raw_dir`` (see the module docstring)."""
    started = time.monotonic()
    now = (now or datetime.now(UTC)).replace(tzinfo=None, microsecond=0)
    max_bytes = max_file_bytes() if max_bytes is None else max_bytes
    extract = _default_facts() if facts is True else (facts or None)
    report = IngestReport(facts_available=extract is not None)
    fingerprint = code_fingerprint()

    with duckdb.connect(str(db_path)) as con:
        rawload.ensure_schema(con)
        report.full_rebuild = rawload.get_state(con, "code_fingerprint") != fingerprint
        previous = rawload.loaded_files(con)
        loaded = {} if report.full_rebuild else previous

    scanned = unchanged.scan(raw_dir, max_bytes, hashes)  # bytes hashed, not kept: re-read when parsing
    report.files_seen = len(scanned)
    raw_fingerprint = unchanged.fingerprint(scanned, max_bytes)
    quarantined: list[Quarantined] = []
    readable: list[tuple[str, str, int, Path | None]] = []  # name, sha, size, path (only if changed)
    for entry in scanned:
        f = entry.file
        if f.problem:
            quarantined.append(Quarantined(f.name, None, f.problem, f.detail or _problem_message(f.problem),
                                           size_bytes=f.size))
        elif entry.error is not None:
            quarantined.append(Quarantined(f.name, None, "unreadable", f"cannot read the file: {entry.error}"))
        elif entry.too_large:
            quarantined.append(Quarantined(
                f.name, entry.sha, "too_large",
                f"{entry.size / 1048576:.1f} MB is over the {max_bytes / 1048576:g} MB limit", size_bytes=entry.size))
        else:
            same = f.name in loaded and loaded[f.name][0] == entry.sha
            readable.append((f.name, entry.sha, entry.size, None if same else f.path))

    # Same bytes in several files: a file that was loaded before keeps them (also across a full
    # rebuild, also when it changed), else the first name does: adding a copy never moves a document.
    def seniority(name: str, sha: str) -> tuple:
        return (name not in previous, previous.get(name, ("",))[0] != sha, name)

    owner_of_sha: dict[str, str] = {}
    for name, sha, _, _ in sorted(readable, key=lambda r: seniority(r[0], r[1])):
        owner_of_sha.setdefault(sha, name)
    present_ok: set[str] = set()
    changed: list[tuple[str, Path, str]] = []
    for name, sha, size, path in readable:
        if owner_of_sha[sha] != name:
            quarantined.append(Quarantined(
                name, sha, "duplicate_content", f"same content as {owner_of_sha[sha]}", size_bytes=size))
        elif path is None:
            present_ok.add(name)
        else:
            changed.append((name, path, sha))

    # files loaded before parse first, so they keep their doc_ids against a newcomer with the same id
    changed.sort(key=lambda c: seniority(c[0], c[2]))
    faults.fault_point("parsing")
    owner_of_doc = {d: f for f, (_, ids) in loaded.items() if f in present_ok for d in ids}
    # the documents of files changed or gone; a changed file's documents come back with its new parse
    stale_ids = [d for f in (set(loaded) - present_ok) for d in loaded[f][1]]
    report.inserted = Counter(dict.fromkeys(rawload.DOC_TABLES, 0))
    batch = _LoadBatch(with_facts=extract is not None)
    with duckdb.connect(str(db_path), config=memory.writer_config()) as con:
        # Each batch is committed: DuckDB holds an open transaction's appended rows in memory, so one
        # transaction for the corpus would grow with it. The file is the run's staging copy, published
        # only after dbt and the checks passed, and the state that marks the raw tables complete
        # (fingerprints, build scope) is written last: an ingest that stops half-way leaves a staging
        # file no run publishes. A retried step on that file sees no code fingerprint, so it rebuilds
        # the raw tables whole.
        con.execute("begin transaction")
        rawload.set_state(con, "code_fingerprint", "")
        if report.full_rebuild:
            rawload.drop_document_tables(con)
        rawload.delete_documents(con, stale_ids)
        for name, sha, size, outcome, facts_per_doc, findings_per_doc in parse_files(
                changed, max_bytes, parser, progress, extract, now.date()):
            if isinstance(outcome, Quarantined):
                quarantined.append(outcome)
                continue
            docs = outcome
            held = held_back(name, sha, size, docs, findings_per_doc)
            if held is not None:
                quarantined.append(held)
                continue
            ids = [d.document.doc_id for d in docs]
            clash = next((i for i in ids if i in owner_of_doc), None)
            if clash is None and len(set(ids)) != len(ids):
                clash = next(i for i in ids if ids.count(i) > 1)
            if clash is not None:
                other = owner_of_doc.get(clash, name)
                quarantined.append(Quarantined(name, sha, "duplicate_document",
                                               f"document {clash} is also read from {other}", size_bytes=size))
                continue
            owner_of_doc.update(dict.fromkeys(ids, name))
            batch.add(docs, facts_per_doc, findings_per_doc)
            report.loaded_doc_ids.extend(ids)
            report.parsed_files.append(name)
            if batch.documents >= LOAD_BATCH:
                report.inserted.update(batch.load(con))
                con.execute("commit")
                con.execute("begin transaction")
        report.inserted.update(batch.load(con))  # the last batch; creates the tables of a first run
        report.unchanged_files = len(present_ok)
        keep = present_ok | set(report.parsed_files)
        report.removed_files = sorted(set(loaded) - keep)
        report.loaded_doc_ids.sort()
        report.deleted_doc_ids = sorted(set(stale_ids) - set(report.loaded_doc_ids))
        progress(f"loaded {len(report.loaded_doc_ids)} document(s), removed {len(report.deleted_doc_ids)}")
        faults.fault_point("loading")
        faults.corrupt_point(con)
        qframe = rawload.write_quarantine(con, [q.as_row() for q in quarantined], now)
        rawload.touch_document_versions(con, now)
        rawload.set_state(con, "code_fingerprint", fingerprint)
        rawload.set_state(con, unchanged.STATE_KEY, raw_fingerprint)
        scope.record_loaded(con, report.loaded_doc_ids, report.full_rebuild)
        con.execute("commit")
        con.execute("checkpoint")
        report.row_counts = rawload.row_counts(con)
    report.quarantined = qframe.drop("first_seen", "last_seen").to_dicts()
    report.seconds = round(time.monotonic() - started, 3)
    return report


def held_back(name: str, sha: str, size: int, docs, findings_per_doc: dict[str, list]) -> Quarantined | None:
    """The quarantine entry of a file one of whose documents is held back (see ``pipelines.findings``).
    The whole file is held: its other documents would otherwise come back unchecked on the next run,
    when the unchanged file is not parsed again and its quarantine entry would be gone."""
    for doc in docs:
        found = findings_per_doc.get(doc.document.doc_id, [])
        if findings.is_held_back(found):
            worst = next(f for f in found if f.severity == "held_back")
            return Quarantined(name, sha, "held_back", f"{doc.document.doc_id}: {worst.check_name}: {worst.message}",
                               size_bytes=size)
    return None


def _problem_message(problem: str) -> str:
    return {
        "unsupported_type": "not a .txt, .md or .html file",
        "outside_raw_dir": "symbolic link to a file outside the raw folder",
        "not_a_file": "not a regular file",
        "name_clash": "the name differs from another file's only by letter case or Unicode normalisation",
    }.get(problem, problem)
