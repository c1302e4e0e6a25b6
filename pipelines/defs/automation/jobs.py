"""The one job: every asset and every check, so a full rebuild is always a single run."""

import dagster as dg

warehouse_job = dg.define_asset_job(
    "warehouse_job",
    selection=dg.AssetSelection.all(),
    description="Ingest raw files, build the dbt marts, run every check, publish if all blocking checks pass.",
)
