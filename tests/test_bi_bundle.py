"""The Superset dashboard definition (bi/superset/) hangs together and opens the published file read-only
with the pipeline's DuckDB; fast, no Superset needed (tests/test_bi_superset.py runs the real one)."""

from __future__ import annotations

import re
import tomllib
import zipfile
from pathlib import Path

import yaml

from pipelines.bi import superset

ROOT = Path(__file__).resolve().parents[1]


def _bundle(tmp_path: Path) -> dict[str, dict]:
    db = tmp_path / "wh" / "warehouse.duckdb"
    out = superset.build_bundle(db, tmp_path / "bundle.zip")
    with zipfile.ZipFile(out) as zf:
        return {name: yaml.safe_load(zf.read(name)) for name in zf.namelist()}


def test_the_bundle_points_at_the_warehouse_read_only(tmp_path):
    files = _bundle(tmp_path)
    [database] = [v for k, v in files.items() if "/databases/" in k]
    db = (tmp_path / "wh" / "warehouse.duckdb").resolve()
    assert database["sqlalchemy_uri"] == f"duckdb:///{db}?access_mode=read_only"
    assert database["sqlalchemy_uri"].startswith("duckdb:////")
    assert not database["allow_dml"]
    assert all(name.startswith("resolution_warehouse/") for name in files)
    assert files["resolution_warehouse/metadata.yaml"]["type"] == "Dashboard"


def test_every_chart_and_dataset_of_the_dashboard_exists(tmp_path):
    files = _bundle(tmp_path)
    database = next(v for k, v in files.items() if "/databases/" in k)
    datasets = {v["uuid"]: v for k, v in files.items() if "/datasets/" in k}
    charts = {v["uuid"]: v for k, v in files.items() if "/charts/" in k}
    [dashboard] = [v for k, v in files.items() if "/dashboards/" in k]
    assert {d["database_uuid"] for d in datasets.values()} == {database["uuid"]}
    assert {c["dataset_uuid"] for c in charts.values()} <= set(datasets)
    placed = {n["meta"]["uuid"] for n in dashboard["position"].values()
              if isinstance(n, dict) and n.get("type") == "CHART"}
    assert placed == set(charts)
    # each chart's metrics and columns are the dataset's own
    for chart in charts.values():
        dataset = datasets[chart["dataset_uuid"]]
        metrics = {m["metric_name"] for m in dataset["metrics"]}
        columns = {c["column_name"] for c in dataset["columns"]}
        params = chart["params"]
        used_metrics = set(params.get("metrics", [])) | ({params["metric"]} if "metric" in params else set())
        used_columns = set(params.get("groupby", [])) | set(params.get("all_columns", []))
        used_columns |= {params["x_axis"]} if "x_axis" in params else set()
        assert used_metrics <= metrics, chart["slice_name"]
        assert used_columns <= columns, chart["slice_name"]


def test_superset_gets_the_pipelines_duckdb_version():
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    [pipeline] = [p["version"] for p in lock["package"] if p["name"] == "duckdb"]
    pinned = re.search(r"^duckdb==(\S+)", superset.REQUIREMENTS.read_text(encoding="utf-8"), re.M)
    assert pinned and pinned.group(1) == pipeline, "bi/superset/requirements.txt: pin the DuckDB of uv.lock"
    assert f"duckdb=={pipeline}" in (superset.SPEC / "requirements.in").read_text(encoding="utf-8")


def test_the_server_listens_on_loopback_only():
    cmd = superset.serve_command(Path("/venv"), "127.0.0.1", 8088)
    assert cmd[cmd.index("--bind") + 1] == "127.0.0.1:8088"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "python -m pipelines.bi.superset up" in makefile


def _fake_superset(tmp_path: Path) -> tuple[Path, Path]:
    """A virtualenv whose ``superset`` only records its arguments (and creates the metadata file)."""
    venv, calls = tmp_path / "venv", tmp_path / "calls.txt"
    (venv / "bin").mkdir(parents=True)
    script = venv / "bin" / "superset"
    script.write_text(f'#!/bin/sh\necho "$1" >> {calls}\n'
                      '[ "$1" = db ] && touch "$RESOLUTIONS_SUPERSET_HOME/superset.db"\nexit 0\n')
    script.chmod(0o755)
    return venv, calls


def test_setup_reuses_the_home_until_the_warehouse_path_changes(tmp_path):
    venv, calls = _fake_superset(tmp_path)
    home = tmp_path / "home"
    first, second = tmp_path / "a" / "warehouse.duckdb", tmp_path / "b" / "warehouse.duckdb"
    for db in (first, second):
        db.parent.mkdir()
        db.write_bytes(b"")
    superset.setup(venv, home, first, log=lambda _: None)
    assert calls.read_text().split() == ["db", "fab", "init", "import-dashboards"]
    assert (home / "secret_key").stat().st_mode & 0o077 == 0
    superset.setup(venv, home, first, log=lambda _: None)
    assert calls.read_text().split() == ["db", "fab", "init", "import-dashboards"]  # nothing ran again
    superset.setup(venv, home, second, log=lambda _: None)
    # Superset would keep the old database URI on a re-import: the metadata is made anew
    assert calls.read_text().split()[4:] == ["db", "fab", "init", "import-dashboards"]
    assert str(second.resolve()) in zipfile.ZipFile(home / "resolution_warehouse.zip").read(
        "resolution_warehouse/databases/warehouse.yaml").decode()


def test_setup_without_a_published_warehouse_says_how_to_build_one(tmp_path):
    venv, _ = _fake_superset(tmp_path)
    try:
        superset.setup(venv, tmp_path / "home", tmp_path / "none" / "warehouse.duckdb", log=lambda _: None)
    except superset.SupersetError as exc:
        assert "make run" in str(exc)
    else:
        raise AssertionError("setup went on without a warehouse")
