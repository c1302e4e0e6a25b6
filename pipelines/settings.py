"""Every ``RESOLUTIONS_*`` setting of the pipeline: its variable, default, parsing and validation.

Each setting is one function taking an optional explicit value (a CLI option, a resource field) that
wins over the environment; the environment is read when the function is called, never at import, so a
test or a long-lived process (the Dagster UI, the dashboard) sees the value of the moment. A value that
does not parse falls back to the default instead of failing a run half-way. ``ENVIRONMENT`` lists them
for ``resolutions run --help``. Not here: the fault-injection hooks (pipelines/warehouse/faults.py, for
tests only) and the variables the pipeline sets for a child (``RESOLUTIONS_DB_PATH`` for the dbt profile,
``RESOLUTIONS_SUPERSET_HOME`` for Superset's config).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

RAW_DIR = "RESOLUTIONS_RAW_DIR"
WAREHOUSE_DIR = "RESOLUTIONS_WAREHOUSE_DIR"
MAX_FILE_MB = "RESOLUTIONS_MAX_FILE_MB"
KEEP_VERSIONS = "RESOLUTIONS_KEEP_VERSIONS"
MAX_SHRINK = "RESOLUTIONS_MAX_SHRINK"
LOCK_WAIT = "RESOLUTIONS_LOCK_WAIT"
SUPERSET_DIR = "RESOLUTIONS_SUPERSET_DIR"

DEFAULT_MAX_FILE_MB = 20.0
DEFAULT_KEEP_VERSIONS = 5
DEFAULT_MAX_SHRINK = 0.5
DEFAULT_LOCK_WAIT = 600.0
DEFAULT_SUPERSET_DIR = PROJECT_ROOT / ".superset"

# (variable, what it sets): the environment section of `resolutions run --help`
ENVIRONMENT = (
    (RAW_DIR, "default for --raw-dir (else raw/ in the project)"),
    (WAREHOUSE_DIR, "default for --warehouse-dir (else warehouse/ in the project)"),
    (MAX_FILE_MB, f"default for --max-file-mb ({DEFAULT_MAX_FILE_MB:g})"),
    (KEEP_VERSIONS, f"published versions kept for rollback ({DEFAULT_KEEP_VERSIONS})"),
    (MAX_SHRINK, f"share of the published documents a run may lose ({DEFAULT_MAX_SHRINK:g})"),
    (LOCK_WAIT, f"seconds to wait for another run writing the same warehouse ({DEFAULT_LOCK_WAIT:g})"),
)


def _folder(value, variable: str, default: Path) -> Path:
    # an empty value counts as unset: `RESOLUTIONS_RAW_DIR= make run` means the default, not the cwd
    return Path(value or os.environ.get(variable) or default).expanduser().resolve()


def raw_dir(value: str | os.PathLike | None = None) -> Path:
    """The folder of documents: ``value``, else ``RESOLUTIONS_RAW_DIR``, else ``raw/`` of the project."""
    return _folder(value, RAW_DIR, PROJECT_ROOT / "raw")


def warehouse_dir(value: str | os.PathLike | None = None) -> Path:
    """The warehouse folder: ``value``, else ``RESOLUTIONS_WAREHOUSE_DIR``, else ``warehouse/``."""
    return _folder(value, WAREHOUSE_DIR, PROJECT_ROOT / "warehouse")


def max_file_mb(value: float | None = None) -> float:
    """Size limit per file in MB: ``value``, else ``RESOLUTIONS_MAX_FILE_MB``, else 20."""
    if value is not None:
        return value
    try:
        return float(os.environ.get(MAX_FILE_MB, DEFAULT_MAX_FILE_MB))
    except ValueError:
        return DEFAULT_MAX_FILE_MB


def keep_versions(value: int | None = None) -> int:
    """Published versions kept for rollback (at least 1: the live one's copy is never pruned)."""
    try:
        return max(1, int(os.environ.get(KEEP_VERSIONS, DEFAULT_KEEP_VERSIONS) if value is None else value))
    except ValueError:
        return DEFAULT_KEEP_VERSIONS


def max_shrink(value: float | None = None) -> float:
    """The share of the published documents a run may lose, between 0 and 1."""
    try:
        share = float(os.environ.get(MAX_SHRINK, DEFAULT_MAX_SHRINK) if value is None else value)
    except ValueError:
        return DEFAULT_MAX_SHRINK
    return min(1.0, max(0.0, share))


def lock_wait(value: float | None = None) -> float:
    """Seconds a run waits for another run writing the same warehouse (not negative)."""
    try:
        return max(0.0, float(os.environ.get(LOCK_WAIT, DEFAULT_LOCK_WAIT) if value is None else value))
    except ValueError:
        return DEFAULT_LOCK_WAIT


def superset_dir() -> Path:
    """Where the BI bundle keeps Superset's virtualenv and home (``RESOLUTIONS_SUPERSET_DIR``)."""
    return Path(os.environ.get(SUPERSET_DIR, DEFAULT_SUPERSET_DIR))
