"""``make docs``: dbt docs (with the catalog of the published warehouse) and the analyst guide's answers.

``python -m pipelines.report.docs [--warehouse-dir DIR] [--check]``

dbt opens its database read-write, so ``dbt docs generate`` runs on a private copy of the published file
(same file name, so the catalog's database name is the same); the published file is only read. The
site lands in dbt_project/target/ (``index.html`` with ``catalog.json``, and ``static_index.html``, one
file that opens without a server). ``--check`` only checks that the guide's answers are current.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pipelines import settings
from pipelines.dashboard import queries
from pipelines.report import guide

DBT_DIR = queries.PROJECT_ROOT / "dbt_project"


def dbt_docs_generate(db: Path, target_path: Path = DBT_DIR / "target") -> Path:
    """Run ``dbt docs generate --static`` against a copy of ``db``; returns the static site file."""
    with tempfile.TemporaryDirectory(prefix="dbt-docs-") as tmp:
        copy = Path(tmp) / db.name
        shutil.copy2(db, copy)
        env = {**os.environ, "RESOLUTIONS_DB_PATH": str(copy), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
        dbt = Path(sys.executable).parent / "dbt"
        cmd = [str(dbt), "docs", "generate", "--static", "--project-dir", str(DBT_DIR),
               "--profiles-dir", str(DBT_DIR), "--target-path", str(target_path),
               "--log-path", str(Path(tmp) / "logs")]
        proc = subprocess.run(cmd, cwd=DBT_DIR, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"dbt docs generate failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}")
    return target_path / "static_index.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.report.docs", description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse-dir", help=f"default: {settings.WAREHOUSE_DIR}, else warehouse/")
    parser.add_argument("--check", action="store_true", help="fail if the guide's answers are stale")
    args = parser.parse_args(argv)
    db = queries.warehouse_file(args.warehouse_dir)
    if not db.exists():
        print(f"no published warehouse at {db}: run `make run` first", file=sys.stderr)
        return 2
    if args.check:
        current = guide.GUIDE_PATH.read_text(encoding="utf-8")
        if guide.replace_block(current, guide.render_answers(db)) != current:
            print("docs/analyst-guide.md is stale: run `make docs`", file=sys.stderr)
            return 1
        print("docs/analyst-guide.md answers are current")
        return 0
    site = dbt_docs_generate(db)
    print(f"dbt docs: {site} (and {site.with_name('index.html')} for `dbt docs serve`)")
    changed = guide.update_guide(db)
    print(f"analyst guide: {guide.GUIDE_PATH} {'updated' if changed else 'unchanged'} "
          f"({len(guide.load_analyses())} analyses run against {db})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
