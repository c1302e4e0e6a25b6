"""dbt models, seeds and tests as Dagster assets and checks, built with ``dbt build`` in the staging file."""


import contextlib
import io
import json
import queue
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtProject, dbt_assets

from pipelines import side_worker
from pipelines.defs.dbt.project import QUIET_FLAGS, load_project, parsed_manifest, scoped_env
from pipelines.defs.dbt.translator import WarehouseDbtTranslator
from pipelines.defs.progress import note
from pipelines.defs.resources import WarehouseResource
from pipelines.warehouse import faults, scope

# dbt events that end a node: dagster-dbt turns each into an Output or an asset check result
RESULT_EVENTS = frozenset({"LogSeedResult", "LogModelResult", "LogSnapshotResult", "LogTestResult"})


class InProcessDbt(dg.ConfigurableResource):
    """dbt Core run in this process (``dbtRunner``) on the project's parsed manifest.

    A ``dbt`` subprocess (dagster-dbt's ``DbtCliResource``) paid, on every run, a Python start with dbt's
    imports, a profile render and a parse of the project (a whole one in a warehouse folder dbt had not
    seen: its partial parse is kept per rendered profile). Here the project is parsed once for all runs
    and warehouses (``project.parsed_manifest``), the Python models' libraries are already imported, and
    dbt's node results become Dagster events through dagster-dbt's own translation."""

    project_dir: str

    def build(self, context: dg.AssetExecutionContext, args: list[str], *, db_path: Path,
              target_path: Path) -> Iterator[dg.Output | dg.AssetCheckResult | dg.AssetObservation]:
        from dagster_dbt.asset_utils import get_updated_cli_invocation_params_for_context
        from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage
        from dbt.cli.main import dbtRunner
        from dbt_common.events.functions import msg_to_dict

        params = get_updated_cli_invocation_params_for_context(
            context=context, manifest={}, dagster_dbt_translator=DagsterDbtTranslator())
        project: DbtProject | None = params.dbt_project
        project_dir = Path(project.project_dir if project else self.project_dir)
        indirect = ["--indirect-selection", params.indirect_selection] if params.indirect_selection else []
        argv = [*args, "--project-dir", str(project_dir), "--profiles-dir", str(Path(self.project_dir)),
                "--target-path", str(target_path), "--log-path", str(target_path), *QUIET_FLAGS,
                *indirect, *params.selection_args]

        finished: queue.SimpleQueue = queue.SimpleQueue()
        running: dict[str, float] = {}  # node name -> when dbt started it

        def on_event(msg) -> None:  # called in dbt's worker threads
            name = msg.info.name
            if name == "NodeStart":
                running[msg.data.node_info.node_name] = time.monotonic()
            elif name == "NodeFinished":
                running.pop(msg.data.node_info.node_name, None)
            elif name in RESULT_EVENTS:
                finished.put(msg_to_dict(msg))

        outcome: dict = {}

        def invoke() -> None:
            try:
                with scoped_env(RESOLUTIONS_DB_PATH=str(db_path)):
                    runner = dbtRunner(manifest=parsed_manifest(project_dir), callbacks=[on_event])
                    outcome["result"] = runner.invoke(argv)
            except BaseException as exc:  # noqa: BLE001 - reported by the asset below
                outcome["error"] = exc
            finally:
                close_dbt_database()
                finished.put(None)

        worker = threading.Thread(target=invoke, name="dbt-build", daemon=True)
        worker.start()
        done = 0
        while True:
            try:
                raw = finished.get(timeout=HEARTBEAT_SECONDS)
            except queue.Empty:
                note(context, still_running(running, done))
                continue
            if raw is None:
                break
            done += 1
            if done == 1:
                faults.fault_point("dbt")
            event = DbtCoreCliEventMessage(raw_event=raw, event_history_metadata={})
            yield from event.to_default_asset_events(
                manifest=params.manifest, dagster_dbt_translator=params.dagster_dbt_translator,
                context=context, target_path=target_path, project=project)
        worker.join()
        if "error" in outcome:
            raise outcome["error"]
        result = outcome["result"]
        if not result.success:
            raise DbtBuildFailed(f"dbt build failed{f': {result.exception}' if result.exception else ''}")


class DbtBuildFailed(Exception):
    pass


# a progress line at least this often while dbt works on nodes that take long (the lineage model on a
# large corpus runs for minutes)
HEARTBEAT_SECONDS = 5.0


def still_running(running: dict[str, float], done: int) -> str:
    """``dbt still building: 12 nodes done; running fct_clause_lineage (31 s)``."""
    now = time.monotonic()
    nodes = sorted(dict(running).items(), key=lambda item: item[1])
    what = ", ".join(f"{name} ({now - started:.0f} s)" for name, started in nodes) or "between nodes"
    return f"dbt still building: {done} node(s) done; running {what}"


def close_dbt_database() -> None:
    """Close the DuckDB database dbt-duckdb keeps open for the process (``keep_open`` in the profile: one
    database for the whole build instead of one per node). The run copies and publishes the file next;
    a handle left open in this process would hold it."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        env = DuckDBConnectionManager._ENV
        DuckDBConnectionManager._ENV = None
    conn = getattr(env, "conn", None)
    if conn is not None:
        conn.close()
        env.conn = None


def with_row_counts(events: list, db: Path, nodes: dict) -> Iterator:
    """``events`` with each built table's row count (``dagster/row_count``) added to its Output."""
    relations = {}
    for event in events:
        if not isinstance(event, dg.Output):
            continue
        unique_id = (event.metadata or {}).get("unique_id")
        node = nodes.get(str(getattr(unique_id, "value", unique_id)), {})
        if node.get("relation_name") and node.get("config", {}).get("materialized") != "ephemeral":
            relations[event.output_name] = node["relation_name"]
    counts = {}
    if relations:
        with duckdb.connect(str(db), read_only=True) as con:
            for name, relation in relations.items():  # relation names come from the dbt project
                with contextlib.suppress(duckdb.Error):
                    counts[name] = con.execute(f"select count(*) from {relation}").fetchone()[0]
    for event in events:
        if isinstance(event, dg.Output) and event.output_name in counts:
            event = dg.Output(value=event.value, output_name=event.output_name, data_version=event.data_version,
                              tags=event.tags, metadata={**event.metadata,
                                                         "dagster/row_count": counts[event.output_name]})
        yield event


def check_constraints(node: dict) -> list[str]:
    """The ``check`` expressions of a model's contract, the model's own and its columns'."""
    constraints = list(node.get("constraints") or [])
    for column in (node.get("columns") or {}).values():
        constraints += column.get("constraints") or []
    return [c["expression"] for c in constraints if c.get("type") == "check" and c.get("expression")]


def _rows(staging_db: Path, sql: str, limit: int) -> list[str]:
    """The first rows of ``sql`` (SQL of the project: compiled dbt code and its contracts' expressions,
    never text of a document), one ``column=value`` line each."""
    with duckdb.connect(str(staging_db), read_only=True) as con:
        cur = con.execute(f"select * from ({sql}) as failing limit {int(limit)}")
        cols = [d[0] for d in cur.description]
        return ["  " + ", ".join(f"{c}={v}" for c, v in zip(cols, row, strict=True)) for row in cur.fetchall()]


def _constraint_breaches(result: dict, node: dict | None, staging_db: Path, limit: int) -> list[str]:
    """For a model DuckDB refused to write because a row broke a check constraint: which expression each
    of its first rows breaks, from the model's compiled SQL (the rows it tried to write)."""
    if node is None or "CHECK constraint" not in (result.get("message") or "") or not result.get("compiled_code"):
        return []
    lines = []
    for expression in check_constraints(node):
        try:
            rows = _rows(staging_db, f"select * from ({result['compiled_code']}) as written where not ({expression})",
                         limit)
        except duckdb.Error as exc:
            return [f"  (could not fetch the rows that break its check constraints: {exc})"]
        if rows:
            lines.append(f"  breaks check ({' '.join(expression.split())}):")
            lines += ["  " + row for row in rows]
    return lines


def _reason(message: str) -> str:
    """The first line of a dbt error, with the database's own line when dbt's only names the node
    ("Runtime Error in model fct_x (path)" / "Constraint Error: CHECK constraint failed ...")."""
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    if len(lines) > 1 and re.match(r"(Runtime|Database) Error in ", lines[0]):
        return f"{lines[0]}: {lines[1]}"
    return lines[0] if lines else message


def failure_report(run_results: Path, staging_db: Path, limit: int = 5, nodes: dict | None = None) -> list[str]:
    """Lines naming every failed dbt node and, for a failed test, its first failing rows (the test's
    own compiled SQL, re-run read-only once dbt has released the file); for a model refused by a check
    constraint of its contract, the first rows that break each (``nodes``: the manifest's)."""
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
            lines.append(f"dbt FAILED {name}: {_reason(r.get('message') or r['status'])}")
            lines += _constraint_breaches(r, (nodes or {}).get(r["unique_id"]), staging_db, limit)
            continue
        lines.append(f"dbt test FAILED {name}: {r.get('failures')} row(s)")
        try:
            lines += _rows(staging_db, r["compiled_code"], limit)
        except duckdb.Error as exc:
            lines.append(f"  (could not fetch the failing rows: {exc})")
    return lines


def side_worker_starts_with_dbt(documents: int) -> bool:
    """Whether the side worker (pipelines/side_worker.py) starts with a build of ``documents``, to import
    its libraries while dbt builds, or with the first check. A build of many documents computes lineage in
    worker processes (``PARALLEL_FROM``): the side worker's memory would stand beside theirs, the run's
    peak, to save seconds that the build's minutes make small."""
    from pipelines.facts.lineage import PARALLEL_FROM  # imported by the dbt plugin anyway

    return documents < PARALLEL_FROM


# From this many documents a build's heavy nodes are single large queries, which DuckDB already spreads
# over the machine's cores, and the lineage model computes in worker processes of its own: a second dbt
# thread then only runs a second heavy node beside the first, both under the one memory limit of the
# database (docs/benchmarks.md). Below it, nodes are mostly dbt's per-node overhead, which two threads halve.
ONE_THREAD_FROM = 2_000


def dbt_threads(documents: int) -> int | None:
    """The ``--threads`` of a build recomputing ``documents`` documents: one for a large build, else the
    profile's (None)."""
    return 1 if documents >= ONE_THREAD_FROM else None


def build_dbt_assets():
    project, manifest = load_project()
    translator = WarehouseDbtTranslator()

    @dbt_assets(manifest=manifest, project=project, dagster_dbt_translator=translator,
                name="dbt_build")
    def warehouse_dbt_assets(context: dg.AssetExecutionContext, dbt: InProcessDbt,
                             warehouse: WarehouseResource):
        staging_db = warehouse.staging_db(context.run.run_id)
        if not staging_db.exists():
            raise dg.Failure(f"no staging warehouse for run {context.run.run_id}: materialise the raw assets first")
        with duckdb.connect(str(staging_db)) as con:
            build = scope.decide(con, full_refresh_requested=warehouse.full_refresh)
        if side_worker_starts_with_dbt(build.documents):
            side_worker.start()  # the checks' and the report's worker imports their libraries while dbt builds
        threads = dbt_threads(build.documents)
        note(context, f"dbt build: {'every document' if build.full else f'{build.documents} document(s)'} "
                      f"({build.reason}{'; one thread' if threads == 1 else ''})")
        quiet = contextlib.nullcontext() if warehouse.show_dbt_log else contextlib.redirect_stdout(io.StringIO())
        # dbt's artifacts (run_results.json, compiled SQL) stay with the run's staging file: kept with a
        # rejected build, gone with a published one
        target = staging_db.parent / "dbt"
        # dbt's unit tests check the project's SQL, not the run's data, so they run with the test suite
        # (tests/test_dbt_contracts.py), as dbt advises, not on every build
        args = ["build", "--full-refresh"] if build.full else ["build"]
        args += ["--exclude-resource-type", "unit_test"]
        if threads is not None:
            args += ["--threads", str(threads)]
        events, failure = [], None
        with quiet:
            try:
                for event in dbt.build(context, args, db_path=staging_db, target_path=target):
                    if isinstance(event, dg.Output):
                        note(context, f"dbt built {event.output_name}")
                    events.append(event)
            except DbtBuildFailed as exc:
                failure = exc
        # the events wait for the build's end: only then may this process open the file dbt wrote, to
        # give each built table its row count
        yield from with_row_counts(events, staging_db, manifest["nodes"])
        if failure is not None:
            for line in failure_report(target / "run_results.json", staging_db, nodes=manifest["nodes"]):
                note(context, line)
            raise dg.Failure(str(failure)) from failure

    return project, manifest, warehouse_dbt_assets


project, manifest, warehouse_dbt_assets = build_dbt_assets()


# a module with a @definitions function contributes only what that function returns
@dg.definitions
def dbt_definitions() -> dg.Definitions:
    return dg.Definitions(
        assets=[warehouse_dbt_assets],
        resources={"dbt": InProcessDbt(project_dir=str(project.project_dir))},
    )
