"""Document expectations as one asset check on ``raw_document_findings``.

By default it reports the findings (they describe single documents and never block the others) and
passes. Under ``resolutions run --strict`` (``WarehouseResource.strict``) it is the all-or-nothing gate:
any finding above ``info``, or a held-back file, fails it, and since it is blocking nothing downstream
builds or publishes.
"""


import dagster as dg
import duckdb

from pipelines.defs.progress import note
from pipelines.defs.resources import WarehouseResource
from pipelines.warehouse.quality import quality_summary, strict_failures


@dg.asset_check(asset="raw_document_findings", name="document_expectations", blocking=True,
                description="Findings about single documents (numbering, lettering, operative part, body coverage, "
                            "truncation, metadata): reported, blocking only under --strict.")
def document_expectations(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
    staging_db = warehouse.staging_db(context.op_execution_context.run_id)
    with duckdb.connect(str(staging_db), read_only=True) as con:
        summary = quality_summary(con)
    refused = strict_failures(summary) if warehouse.strict else []
    statuses = ", ".join(f"{n} {s}" for s, n in summary["documents_by_status"].items()) or "no documents"
    if refused:
        for line in refused:
            note(context, f"CHECK FAILED document_expectations (--strict): {line}")
    else:
        note(context, f"check document_expectations: {statuses}")
    return dg.AssetCheckResult(
        passed=not refused,
        severity=dg.AssetCheckSeverity.ERROR,
        description=("--strict: " + "; ".join(refused)) if refused else f"documents: {statuses}",
        metadata={
            "strict": warehouse.strict,
            "documents_by_status": dg.MetadataValue.json(summary["documents_by_status"]),
            "findings_by_check": dg.MetadataValue.json(summary["findings_by_check"]),
            "held_back": summary["held_back"],
        },
    )


@dg.definitions
def document_expectation_checks() -> dg.Definitions:
    return dg.Definitions(asset_checks=[document_expectations])
