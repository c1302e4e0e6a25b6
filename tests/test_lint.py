"""The code passes its linters: ruff on the Python, sqlfluff (dbt templater, duckdb dialect, rules in
.sqlfluff) on the dbt project's models and singular tests. `make test` and `make lint` run this file.
The analyses are left out: they are the analyst guide's worked answers, written for reading (USING joins,
a question on one line), and `make docs` runs them for docs/analyst-guide.md."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SQL_PATHS = ("dbt_project/models", "dbt_project/tests")


def _run(args: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


def test_python_passes_ruff():
    out = _run([sys.executable, "-m", "ruff", "check", "--no-cache", "."])
    assert out.returncode == 0, out.stdout + out.stderr


def test_dbt_project_passes_sqlfluff(tmp_path):
    # dbt compiles every model for the templater: into a folder of the test's own, on a database of its
    # own, so a lint never touches dbt_project/target or a warehouse
    env = {**os.environ, "RESOLUTIONS_DB_PATH": str(tmp_path / "lint.duckdb"),
           "DBT_TARGET_PATH": str(tmp_path / "target"), "DBT_LOG_PATH": str(tmp_path / "logs")}
    out = _run([sys.executable, "-m", "sqlfluff", "lint", "--disable-progress-bar", *SQL_PATHS], env=env)
    assert out.returncode == 0, out.stdout[-20000:] + out.stderr[-5000:]
