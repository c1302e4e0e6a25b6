"""Shared fixtures. ``published_warehouse`` builds a warehouse ONCE per session with the real
``resolutions run`` (Dagster + dbt + checks) on a copy of ``raw/``; reuse it, never modify it: copy it
(``copy_warehouse``) when a test needs to run the pipeline again."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW_SAMPLES = sorted(p for p in (ROOT / "raw").iterdir() if p.is_file() and not p.name.startswith("."))
RESOLUTIONS = [sys.executable, "-m", "pipelines.cli"]

# Columns that record when something was seen or built: they move on every run by design, so
# idempotency compares everything else.
VOLATILE_COLUMNS = {"first_seen", "last_seen", "started_at", "published_at"}


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


@pytest.fixture(scope="session")
def session_raw_dir(tmp_path_factory) -> Path:
    return copy_raw(tmp_path_factory.mktemp("session") / "raw")


@pytest.fixture(scope="session")
def published_warehouse(tmp_path_factory, session_raw_dir) -> Path:
    """The warehouse dir of one real ``resolutions run`` over a copy of raw/ (exit 0 asserted)."""
    wh = tmp_path_factory.mktemp("session") / "warehouse"
    proc = run_cli("run", "--raw-dir", str(session_raw_dir), "--warehouse-dir", str(wh), check_codes={0})
    assert (wh / "warehouse.duckdb").exists(), proc.stdout
    (wh.parent / "run.stdout").write_text(proc.stdout)
    return wh


@pytest.fixture(scope="session")
def published_run_stdout(published_warehouse) -> str:
    """What ``resolutions run`` printed while building ``published_warehouse``."""
    return (published_warehouse.parent / "run.stdout").read_text()
