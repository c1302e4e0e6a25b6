"""``warehouse_job`` on Dagster's multiprocess executor: the same definitions, one process per step.

``resolutions run`` executes the job in its own process (``pipelines/defs/resources.py`` says why). This
module runs it the way a deployment scales it out (docs/scaling.md), against a persistent instance:

    DAGSTER_HOME=$(mktemp -d) python -m pipelines.multiprocess --raw-dir raw --warehouse-dir /tmp/wh

Every step (the ingest, the dbt build, each check, the publish) starts in a process of its own, loads the
definitions and reads the instance in DAGSTER_HOME for its inputs' state. What it does not give: the
writer lock (``pipelines/warehouse/locks.py``) is an ``flock`` held by the process that took it, the
ingest step's, so it is released when that step ends; the rest of the run is not protected from a second
run on the same warehouse folder. Run one at a time.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import dagster as dg

from pipelines import pools

JOB_NAME = "warehouse_job_multiprocess"


def multiprocess_warehouse_job() -> dg.JobDefinition:
    """Every asset and check of the code location, as ``warehouse_job``, with the multiprocess executor."""
    from pipelines.definitions import defs

    job = dg.define_asset_job(JOB_NAME, selection=dg.AssetSelection.all(), executor_def=dg.multiprocess_executor,
                              description="warehouse_job, one process per step.")
    return dg.Definitions.merge(defs(), dg.Definitions(jobs=[job])).resolve_job_def(JOB_NAME)


def run(raw_dir: Path, warehouse_dir: Path, instance: dg.DagsterInstance, *, max_concurrent: int = 2,
        full_refresh: bool = False) -> dg.ExecutionResult:
    run_config = {
        "execution": {"config": {"max_concurrent": max_concurrent}},
        "resources": {"warehouse": {"config": {"raw_dir": str(raw_dir), "warehouse_dir": str(warehouse_dir),
                                               "full_refresh": full_refresh}}},
    }
    job = dg.reconstructable(multiprocess_warehouse_job)
    # the executor spawns each step's process, which would first re-run the caller's __main__ (a notebook,
    # an app under test): pipelines/pools.py hides it the same way
    with pools.without_the_parents_main():
        return dg.execute_job(job, instance=instance, run_config=run_config, raise_on_error=False)


def step_processes(result: dg.ExecutionResult) -> dict[str, int]:
    """step key -> the process id it ran in."""
    return {e.step_key: e.pid for e in result.all_events if e.event_type_value == "STEP_START"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.multiprocess", description=__doc__.split("\n")[0])
    parser.add_argument("--raw-dir", required=True)
    parser.add_argument("--warehouse-dir", required=True)
    parser.add_argument("--max-concurrent", type=int, default=2, help="steps at a time (default 2)")
    parser.add_argument("--full-refresh", action="store_true")
    args = parser.parse_args(argv)
    if not os.environ.get("DAGSTER_HOME"):
        print("set DAGSTER_HOME to the folder of a persistent Dagster instance", file=sys.stderr)
        return 2
    with dg.DagsterInstance.get() as instance:
        result = run(Path(args.raw_dir), Path(args.warehouse_dir), instance, max_concurrent=args.max_concurrent,
                     full_refresh=args.full_refresh)
        steps = step_processes(result)
    print(f"run {result.run_id}: {'success' if result.success else 'failure'}, {len(steps)} steps "
          f"in {len(set(steps.values()))} processes")
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
