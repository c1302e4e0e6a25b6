"""dbt models, seeds and tests as Dagster assets and checks, built with ``dbt build`` in the staging file."""


import contextlib
import importlib.metadata
import io
import json
import os
import shutil
import sys
import threading
from functools import cached_property
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtCliRuntimeError, DbtCliResource, dbt_assets
from packaging import version

from pipelines.defs.dbt.project import load_project
from pipelines.defs.dbt.translator import WarehouseDbtTranslator
from pipelines.defs.resources import WarehouseResource, note, show_tool_output
from pipelines.warehouse import faults, own_group, scope, staging
from pipelines.warehouse.paths import DB_NAME, Layout


@contextlib.contextmanager
def scoped_env(**values: str):
    """The dbt profile reads RESOLUTIONS_DB_PATH; set it for this step only."""
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


class WarehouseDbtCli(DbtCliResource):
    """``DbtCliResource`` without two per-run costs this project never uses (~9 s per run here):
    ``dbt --version`` in a subprocess to learn the version (the locked dbt-core package says it), and an
    in-process dbt adapter with every macro loaded, only needed for ``fetch_row_counts`` /
    ``fetch_column_metadata``, which would open the staging file while dbt writes it. Row counts are in
    the publish manifest instead."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):
        return None


REAL_DBT = shutil.which("dbt") or str(Path(sys.executable).with_name("dbt"))


def _warm_great_expectations() -> None:
    # GE takes ~10 s to import; the check steps need it right after dbt, and while dbt runs in its
    # own process this one mostly waits, so import it now on the other core.
    with contextlib.suppress(Exception):
        import great_expectations  # noqa: F401


def stable_dbt_paths(layout: Layout, staging_db: Path) -> tuple[Path, Path]:
    """The database path and target folder dbt sees: the same for every run of a warehouse.

    dbt keeps its parsed project (partial_parse.msgpack) only while the profile renders the same: a
    per-run staging path made every run parse the whole project again (~6 s here). dbt therefore opens
    ``<warehouse>/.dbt/warehouse.duckdb``, a symlink to this run's staging file (the name's stem is the
    DuckDB catalog name the models are compiled against). Only the lock holder calls this, and a WAL
    left next to the link by a killed run is removed first: DuckDB would replay it into the new file.
    """
    home = layout.root / ".dbt"
    home.mkdir(parents=True, exist_ok=True)
    link = home / DB_NAME
    for leftover in (link, link.with_name(link.name + ".wal")):
        if leftover.is_symlink() or leftover.exists():
            leftover.unlink()
    link.symlink_to(staging_db.resolve())
    return link, home / "target"


def failure_report(run_results: Path, staging_db: Path, limit: int = 5) -> list[str]:
    """Lines naming every failed dbt node and, for a failed test, its first failing rows (the test's
    own compiled SQL, re-run read-only once dbt has released the file)."""
    try:
        results = json.loads(run_results.read_text())["results"]
    except (OSError, ValueError, KeyError):
        return ["dbt failed before writing run_results.json (see the dbt log in the Dagster UI)"]
    lines = []
    for r in results:
        if r.get("status") not in ("fail", "error"):
            continue
        name = r["unique_id"].split(".", 2)[-1]
        if not r["unique_id"].startswith("test.") or r.get("status") == "error" or not r.get("compiled_code"):
            lines.append(f"dbt FAILED {name}: {(r.get('message') or r['status']).strip().splitlines()[0]}")
            continue
        lines.append(f"dbt test FAILED {name}: {r.get('failures')} row(s)")
        try:
            with duckdb.connect(str(staging_db), read_only=True) as con:
                cur = con.execute(f"select * from ({r['compiled_code']}) as failing limit {int(limit)}")
                cols = [d[0] for d in cur.description]
                rows = cur.fetchall()
        except duckdb.Error as exc:
            lines.append(f"  (could not fetch the failing rows: {exc})")
            continue
        for row in rows:
            lines.append("  " + ", ".join(f"{c}={v}" for c, v in zip(cols, row, strict=True)))
    return lines


def build_dbt_assets():
    project, manifest = load_project()
    translator = WarehouseDbtTranslator()

    @dbt_assets(manifest=manifest, project=project, dagster_dbt_translator=translator,
                name="dbt_build")
    def warehouse_dbt_assets(context: dg.AssetExecutionContext, dbt: DbtCliResource,
                             warehouse: WarehouseResource):
        staging_db = warehouse.staging_db(context.run_id)
        if not staging_db.exists():
            raise dg.Failure(f"no staging warehouse for run {context.run_id}: materialise the raw assets first")
        threading.Thread(target=_warm_great_expectations, daemon=True).start()
        with duckdb.connect(str(staging_db)) as con:
            build = scope.decide(con, full_refresh_requested=warehouse.full_refresh)
        note(context, f"dbt build: {'every document' if build.full else f'{build.documents} document(s)'} "
                      f"({build.reason})")
        quiet = contextlib.nullcontext() if show_tool_output() else contextlib.redirect_stdout(io.StringIO())
        db_path, target = stable_dbt_paths(warehouse.layout(), staging_db)
        args = ["build", "--full-refresh"] if build.full else ["build"]
        # one BLAS thread: the Python models multiply small matrices, and on two cores OpenBLAS's
        # helper threads only compete with dbt's two threads and the lineage worker
        with scoped_env(RESOLUTIONS_DB_PATH=str(db_path), OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1",
                        **own_group.child_env(REAL_DBT)), quiet:
            invocation = dbt.cli(args, context=context, target_path=target)
            # dies with this run (own_group); also stopped, with its group, by the next run
            staging.record_child(staging_db.parent, invocation.process.pid)
            try:
                for i, event in enumerate(invocation.stream()):
                    if i == 0:
                        faults.fault_point("dbt")
                    if isinstance(event, dg.Output):
                        note(context, f"dbt built {event.output_name}")
                    yield event
            except DagsterDbtCliRuntimeError:
                for line in failure_report(target / "run_results.json", staging_db):
                    note(context, line)
                raise
            finally:
                # the run's dbt results stay with its staging file: kept with a rejected build; the link
                # goes (a dangling link would break copies of the warehouse folder)
                with contextlib.suppress(OSError):
                    shutil.copyfile(target / "run_results.json", staging_db.parent / "run_results.json")
                db_path.unlink(missing_ok=True)

    return project, warehouse_dbt_assets


project, warehouse_dbt_assets = build_dbt_assets()


# a module with a @definitions function contributes only what that function returns
@dg.definitions
def dbt_definitions() -> dg.Definitions:
    return dg.Definitions(
        assets=[warehouse_dbt_assets],
        # dbt starts through own-group: a process group of its own, killed with the run
        resources={"dbt": WarehouseDbtCli(project_dir=project, profiles_dir=str(project.profiles_dir),
                                          dbt_executable=str(own_group.LAUNCHER))},
    )
