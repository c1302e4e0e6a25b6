"""A run on unchanged input (the same files, parser and dbt project) says so and publishes nothing new;
any change of a file's bytes, a new file or a removed one makes it a real run again."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import copy_warehouse, db_sha256, query, run_cli

pytestmark = pytest.mark.slow


def _versions(wh):
    return sorted(p.name for p in (wh / "versions").iterdir()) if (wh / "versions").is_dir() else []


def test_an_unchanged_input_keeps_the_published_version_and_a_changed_one_publishes(
        published_warehouse, session_raw_dir, tmp_path):
    wh = copy_warehouse(published_warehouse, tmp_path / "warehouse")
    raw = tmp_path / "raw"
    shutil.copytree(session_raw_dir, raw)
    published = wh / "warehouse.duckdb"
    sha, versions = db_sha256(published), _versions(wh)
    (version,), = query(published, "select version from meta.publish_log order by sequence desc limit 1")

    same = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(wh), check_codes={0})
    assert f"nothing changed since version {version}" in same.stdout
    assert "running warehouse_job" not in same.stdout  # no definitions loaded, no dbt
    assert db_sha256(published) == sha and _versions(wh) == versions

    sample = sorted(raw.iterdir())[0]
    sample.write_bytes(sample.read_bytes() + b"\n")  # the same text, other bytes: a change
    changed = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(wh), check_codes={0})
    assert "nothing changed" not in changed.stdout
    assert db_sha256(published) != sha
    (newer,), = query(published, "select version from meta.publish_log order by sequence desc limit 1")
    assert newer != version

    sample.unlink()  # a removed file is a change too
    removed = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(wh), check_codes={0})
    assert "nothing changed" not in removed.stdout
    assert sample.name not in {r[0] for r in query(published, "select source_file from dim_documents")}


def test_full_refresh_and_strict_always_run(published_warehouse, session_raw_dir, tmp_path):
    wh = copy_warehouse(published_warehouse, tmp_path / "warehouse")
    proc = run_cli("run", "--raw-dir", str(session_raw_dir), "--warehouse-dir", str(wh), "--strict",
                   check_codes={0, 1})
    assert "nothing changed" not in proc.stdout
