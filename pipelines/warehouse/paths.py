"""Where things live inside the warehouse folder (which folder: pipelines/settings.py)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pipelines import settings
from pipelines.settings import PROJECT_ROOT  # noqa: F401 - where other modules look for it

DB_NAME = "warehouse.duckdb"  # the stem is the DuckDB catalog name: same in staging and published


@dataclass(frozen=True)
class Layout:
    """The warehouse directory: published file, per-run staging, kept versions, lock and history."""

    root: Path

    @classmethod
    def at(cls, warehouse_dir: str | os.PathLike | None = None) -> Layout:
        return cls(settings.warehouse_dir(warehouse_dir))

    @property
    def published(self) -> Path:
        return self.root / DB_NAME

    @property
    def staging_root(self) -> Path:
        return self.root / ".staging"

    def staging_dir(self, run_id: str) -> Path:
        return self.staging_root / safe_run_id(run_id)

    def staging_db(self, run_id: str) -> Path:
        return self.staging_dir(run_id) / DB_NAME

    @property
    def versions_dir(self) -> Path:
        return self.root / "versions"

    @property
    def lock_path(self) -> Path:
        return self.root / ".lock"

    @property
    def raw_hashes(self) -> Path:
        """The sha256 of the raw files as last read (pipelines/warehouse/hash_cache.py)."""
        return self.root / ".raw_sha256.json"

    @property
    def history_path(self) -> Path:
        """Append-only JSON lines: every publish and rollback, readable without opening DuckDB."""
        return self.root / "publish_history.jsonl"


def safe_run_id(run_id: str) -> str:
    """Run ids become directory names: keep only characters that cannot escape the staging root."""
    cleaned = "".join(ch for ch in run_id if ch.isalnum() or ch in "-_")
    if not cleaned:
        raise ValueError(f"unusable run id {run_id!r}")
    return cleaned
