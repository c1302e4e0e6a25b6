"""The dbt project: its handle, and its parsed form, produced by dbt Core in this process.

``DbtProject.prepare_if_dev`` only parses under ``dagster dev``; ``resolutions run`` and the tests load the
same definitions outside it, so the manifest is refreshed whenever any project file is newer than it.
Parsing runs under an ``flock`` so concurrent loaders never read a half-written manifest, and always with
the same profile: dbt keeps its partial parse (``partial_parse.msgpack``) only while the rendered profile
is unchanged, so every run and every warehouse reuses one parse of the project.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from pathlib import Path

from dagster_dbt import DbtProject

from pipelines.warehouse.paths import DB_NAME, PROJECT_ROOT

DBT_DIR = PROJECT_ROOT / "dbt_project"
_WATCHED = ("*.sql", "*.yml", "*.yaml", "*.csv", "*.md")
# dbt flags of every invocation: no usage statistics (no network here), and a log file of warnings and
# errors only: an info line formatted and written for every node is a cost of every node, and what failed
# is named by run_results.json and the failure report
QUIET_FLAGS = ("--quiet", "--no-send-anonymous-usage-stats", "--log-level-file", "warn")
# the incremental per-document marts (macros/build_scope.sql): their checks read the build scope's rows
PER_DOCUMENT_MODELS_DIR = "models/marts/by_document/"


def per_document_models(manifest: dict) -> set[str]:
    """Names of the models in ``PER_DOCUMENT_MODELS_DIR``: replaced document by document on a build."""
    return {node["name"] for node in manifest["nodes"].values()
            if node["resource_type"] == "model" and node["original_file_path"].startswith(PER_DOCUMENT_MODELS_DIR)}


def build_scope_filter() -> str:
    """The SQL condition on ``doc_id`` that keeps the documents this build writes: dbt_project.yml's var
    ``in_build_scope``, which the staging models and the dbt tests of those marts use too."""
    import yaml

    return yaml.safe_load((DBT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]["in_build_scope"]


@contextlib.contextmanager
def scoped_env(**values: str):
    """The dbt profile reads RESOLUTIONS_DB_PATH; set it for one dbt invocation only."""
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


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


@contextlib.contextmanager
def _parse_lock(target: Path):
    target.mkdir(parents=True, exist_ok=True)
    with open(target / ".prepare.lock", "a") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        yield


def parse_db_path(target: Path) -> Path:
    """The database path the profile renders while parsing. Parsing never opens it, but its stem is the
    catalog name the models are compiled against, the same as the file every run builds."""
    return target / "parse" / DB_NAME


def _parse(project_dir: Path, target: Path, *, write_json: bool):
    from dbt.cli.main import dbtRunner

    args = ["parse", "--project-dir", str(project_dir), "--profiles-dir", str(DBT_DIR),
            "--target-path", str(target), "--log-path", str(target), *QUIET_FLAGS]
    if not write_json:
        args.append("--no-write-json")
    with scoped_env(RESOLUTIONS_DB_PATH=str(parse_db_path(target))):
        result = dbtRunner().invoke(args)
    if not result.success:
        raise RuntimeError(f"dbt could not parse the project {project_dir}: {result.exception}")
    return result.result


def parsed_manifest(project_dir: Path | None = None):
    """dbt's ``Manifest`` of the project, for one dbt invocation in this process: a fresh object every
    time (dbt marks the nodes it compiles on the object, so a second build on the same one would differ),
    read from the partial parse under the parse lock."""
    project_dir = Path(project_dir or DBT_DIR)
    target = DBT_DIR / "target"
    with _parse_lock(target):
        return _parse(project_dir, target, write_json=False)


def load_project() -> tuple[DbtProject, dict]:
    """The project and its manifest (read under the same lock that guards re-parsing)."""
    project = DbtProject(project_dir=DBT_DIR, profiles_dir=DBT_DIR)
    target = Path(project.target_path)
    with _parse_lock(target):
        if manifest_is_stale(project):
            _parse(DBT_DIR, target, write_json=True)
        manifest = json.loads(Path(project.manifest_path).read_text())
    return project, manifest
