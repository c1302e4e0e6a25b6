"""The dbt project handle, with a manifest that is rebuilt (``dbt parse``) only when the project changed.

``DbtProject.prepare_if_dev`` only parses under ``dagster dev``; ``resolutions run`` and the tests load the
same definitions outside it, so the manifest is refreshed whenever any project file is newer than it.
The check and the parse run under an ``flock`` so concurrent loaders never read a half-written manifest.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

from dagster_dbt import DbtProject

from pipelines.warehouse.paths import PROJECT_ROOT

DBT_DIR = PROJECT_ROOT / "dbt_project"
_WATCHED = ("*.sql", "*.yml", "*.yaml", "*.csv", "*.md")


def _newest_source_mtime() -> float:
    newest = 0.0
    for sub in ("", "models", "macros", "seeds", "tests", "snapshots", "analyses"):
        base = DBT_DIR / sub
        if not base.is_dir():
            continue
        pattern_iter = (base.glob(p) for p in _WATCHED) if not sub else (base.rglob(p) for p in _WATCHED)
        for paths in pattern_iter:
            for p in paths:
                newest = max(newest, p.stat().st_mtime)
    return newest


def manifest_is_stale(project: DbtProject) -> bool:
    manifest = Path(project.manifest_path)
    return not manifest.exists() or manifest.stat().st_mtime < _newest_source_mtime()


def load_project() -> tuple[DbtProject, dict]:
    """The project and its manifest (read under the same lock that guards re-parsing)."""
    project = DbtProject(project_dir=DBT_DIR, profiles_dir=DBT_DIR)
    target = Path(project.target_path)
    target.mkdir(parents=True, exist_ok=True)
    with open(target / ".prepare.lock", "a") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        if manifest_is_stale(project):
            # parsing never opens the database, but the profile must render: point it at a throwaway path
            previous = os.environ.get("RESOLUTIONS_DB_PATH")
            os.environ.setdefault("RESOLUTIONS_DB_PATH", str(target / "parse-only.duckdb"))
            try:
                project.preparer.prepare(project)
            finally:
                if previous is None:
                    os.environ.pop("RESOLUTIONS_DB_PATH", None)
        manifest = json.loads(Path(project.manifest_path).read_text())
    return project, manifest
