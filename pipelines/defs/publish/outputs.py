"""What analysts open without SQL, refreshed from the file just published: the offline report and the
Parquet exports. They read only the published warehouse, so a failure here never undoes a publish."""

import dagster as dg

from pipelines import side_worker
from pipelines.defs.progress import note
from pipelines.defs.resources import WarehouseResource
from pipelines.exports import export_parquet
from pipelines.report import build_report
from pipelines.warehouse import faults


@dg.asset(
    name="analyst_outputs",
    deps=[dg.AssetKey("published_warehouse")],
    group_name="warehouse",
    kinds={"parquet", "html"},
    description="warehouse/report.html (offline report) and warehouse/parquet/<mart>.parquet, from the published file.",
)
def analyst_outputs(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    root = warehouse.layout().root
    # report first, Parquet last: parquet/VERSION is written with the swap, so after a failure or a kill
    # in between, the next run (or `resolutions rollback`) sees the outputs out of date and rebuilds both
    try:
        report = side_worker.run(build_report, root)  # its chart engine started there while dbt built
    finally:
        # the run's last side work: the worker's memory (the report's frames) goes before the export's
        side_worker.stop()
    note(context, f"report {report}")
    faults.fault_point("exporting")
    exported = export_parquet(root)
    note(context, f"parquet: {len(exported)} mart(s) exported to {root / 'parquet'}")
    return dg.MaterializeResult(metadata={
        "report": dg.MetadataValue.path(str(report)),
        "parquet_tables": dg.MetadataValue.json(sorted(exported)),
    })
